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
public record Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow, Map<String, Integer> quotas,
        Organizations organizations) {
    public Setup {
        targets = List.copyOf(targets);
        quotas = quotas == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
    }

    /** A Setup without organization targets. */
    public Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow, Map<String, Integer> quotas) {
        this(github, tooling, targets, workflow, quotas, null);
    }

    /** Whether a target names organizational units (a StackSet) rather than one account. */
    public boolean hasOrganizationTargets() {
        return targets.stream().anyMatch(Target::organizational);
    }

    /** A Setup with the accounts' default quotas. */
    public Setup(GitHub github, Tooling tooling, List<Target> targets, Workflow workflow) {
        this(github, tooling, targets, workflow, Map.of());
    }

    /**
     * The environments whose protection the Setup names ({@code github.environments}), per repository that
     * deploys from them: (repository, environment) in the Setup's order; every repository ({@code *}) is not one.
     */
    public List<Map.Entry<String, String>> protectedEnvironments() {
        java.util.Set<Map.Entry<String, String>> pairs = new java.util.LinkedHashSet<>();
        for (Target target : targets) {
            for (Subject subject : target.subjects()) {
                if (subject.kind() instanceof Subject.Environment e && subject.repository() != null
                        && !Subject.ANY_REPOSITORY.equals(subject.repository())
                        && github.environments().containsKey(e.name())) {
                    pairs.add(Map.entry(subject.repository(), e.name()));
                }
            }
        }
        return List.copyOf(pairs);
    }
}
