package dev.rolechain.lint;

import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.Statement;
import java.util.ArrayList;
import java.util.List;

/** The identity-policy rule RC402. */
public final class IdentityLint {

    public List<Finding> lint(String location, PolicyDocument policy) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement s = policy.statements().get(i);
            if (s.effect() == Effect.ALLOW && s.coversAction("sts:AssumeRole") && s.resources() != null
                    && s.resources().contains("*")) {
                findings.add(Rule.RC402.at(location + ": Statement[" + i + "]",
                        "sts:AssumeRole on \"*\": this role can assume any role in any account that trusts it"));
            }
        }
        return findings;
    }
}
