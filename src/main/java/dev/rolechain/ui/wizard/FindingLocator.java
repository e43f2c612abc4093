package dev.rolechain.ui.wizard;

import dev.rolechain.lint.Finding;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Target;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a lint finding takes the user: the Setup field it concerns (a validator path) or a line of
 * the workflow preview. Findings on a role's documents go to the field that shapes them: an OIDC
 * role's trust to the subjects of the target it serves, a deploy role's trust to its ExternalId, a
 * deploy role's inline policy to the target's inline policies.
 */
public final class FindingLocator {
    /** A field of the Setup, or a line of a previewed artifact. */
    public sealed interface Place permits Field, ArtifactLine {
    }

    public record Field(Step step, String path) implements Place {
    }

    public record ArtifactLine(String artifact, int line) implements Place {
    }

    private static final Pattern POLICY = Pattern.compile("policies/(\\d{12})/([^/]+)(?:/([^/:\\s]+))?.*");
    private static final Pattern ARTIFACT_LINE = Pattern.compile("([^:\\s]+):(\\d+)\\b.*");

    private FindingLocator() {
    }

    public static Optional<Place> locate(Finding finding, DesiredState state) {
        String location = finding.location();
        Matcher policy = POLICY.matcher(location);
        if (policy.matches()) {
            return policyField(policy.group(1), policy.group(2), policy.group(3), state);
        }
        Matcher line = ARTIFACT_LINE.matcher(location);
        if (line.matches() && !location.startsWith("targets") && !location.startsWith("tooling")) {
            return Optional.of(new ArtifactLine(line.group(1), Integer.parseInt(line.group(2))));
        }
        String path = location.split("[\\s:]", 2)[0];
        return Optional.of(new Field(Step.of(path), path));
    }

    private static Optional<Place> policyField(String account, String role, String file, DesiredState state) {
        List<Target> targets = state.setup().targets();
        List<Chain> chains = state.chains();
        if (account.equals(state.toolingAccountId())) {
            List<Chain> served = chains.stream().filter(c -> c.oidcRoleName().equals(role)).toList();
            if (!served.isEmpty()) {
                if (file != null && file.startsWith("inline-")) {
                    return Optional.of(new Field(Step.ACCOUNTS, "tooling.oidcRoleName"));
                }
                Chain chain = served.stream().filter(c -> c.target().production()).findFirst().orElse(served.get(0));
                return Optional.of(new Field(Step.ACCESS, dev.rolechain.setup.FieldPath.target(targets.indexOf(chain.target())).child("subjects").toString()));
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.accountId().equals(account) && t.roleName().equals(role)) {
                if (file != null && file.startsWith("inline-")) {
                    return Optional.of(new Field(Step.ACCESS, dev.rolechain.setup.FieldPath.target(i).child("inlinePolicies").toString()));
                }
                return Optional.of(new Field(Step.ACCOUNTS, dev.rolechain.setup.FieldPath.target(i).child("externalId").toString()));
            }
        }
        return Optional.empty();
    }
}
