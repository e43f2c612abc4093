package dev.rolechain.setup;

import java.util.List;

/**
 * What the wizard collects and the Setup file holds: the GitHub side, the tooling account with its
 * OIDC role(s), the target accounts with their deploy roles, and the workflow settings.
 */
public record Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow) {
    public Setup {
        targets = List.copyOf(targets);
    }
}
