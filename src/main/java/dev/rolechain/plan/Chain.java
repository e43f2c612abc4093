package dev.rolechain.plan;

import dev.rolechain.setup.Target;
import java.util.List;

/**
 * One planned chain: GitHub token → OIDC role (tooling account) → deploy role (target account), with
 * the subject claims the OIDC role's trust admits for this target.
 */
public record Chain(
        Target target,
        String oidcRoleName,
        String oidcRoleArn,
        String deployRoleArn,
        List<String> subjectClaims) {

    public Chain {
        subjectClaims = List.copyOf(subjectClaims);
    }
}
