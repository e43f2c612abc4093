package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the wizard collects and the Setup file holds: the GitHub side, the tooling account with its
 * OIDC role(s), the target accounts with their deploy roles, the workflow settings, and the IAM quotas
 * the user has raised in the accounts ({@code quotas}: quota key → the raised limit).
 */
public record Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow, Map<String, Integer> quotas) {
    public Setup {
        targets = List.copyOf(targets);
        quotas = quotas == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
    }

    /** A Setup with the accounts' default quotas. */
    public Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow) {
        this(github, tooling, targets, workflow, Map.of());
    }
}
