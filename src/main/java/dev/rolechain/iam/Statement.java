package dev.rolechain.iam;

import java.util.List;

/**
 * One policy statement. A list that is absent from the document is {@code null}; exactly one of
 * {@code actions} / {@code notActions} is present in a valid statement.
 */
public record Statement(
        String sid,
        Effect effect,
        Principals principal,
        Principals notPrincipal,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        List<Condition> conditions) {

    public Statement {
        actions = copy(actions);
        notActions = copy(notActions);
        resources = copy(resources);
        notResources = copy(notResources);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** An Allow statement for a trust policy. */
    public static Statement allowPrincipal(Principals principal, List<String> actions, List<Condition> conditions) {
        return allowPrincipal(null, principal, actions, conditions);
    }

    /** An Allow statement for a trust policy, with a Sid. */
    public static Statement allowPrincipal(String sid, Principals principal, List<String> actions,
            List<Condition> conditions) {
        return new Statement(sid, Effect.ALLOW, principal, null, actions, null, null, null, conditions);
    }

    /** An Allow statement for an identity policy. */
    public static Statement allow(String sid, List<String> actions, List<String> resources) {
        return new Statement(sid, Effect.ALLOW, null, null, actions, null, resources, null, List.of());
    }

    /** Whether the statement's Action (or NotAction) covers an action, wildcards and letter case as IAM matches them. */
    public boolean coversAction(String action) {
        if (actions != null) {
            return actions.stream().anyMatch(a -> PolicyEvaluator.actionMatches(a, action));
        }
        return notActions != null && notActions.stream().noneMatch(a -> PolicyEvaluator.actionMatches(a, action));
    }

    Statement normalized() {
        List<Condition> sortedConditions = conditions.stream()
                .map(c -> new Condition(c.operator(), c.key(), Principals.sortedDistinct(c.values())))
                .sorted(java.util.Comparator.comparing(Condition::operator).thenComparing(Condition::key))
                .toList();
        return new Statement(sid, effect,
                principal == null ? null : principal.normalized(),
                notPrincipal == null ? null : notPrincipal.normalized(),
                sort(actions), sort(notActions), sort(resources), sort(notResources), sortedConditions);
    }

    private static List<String> sort(List<String> list) {
        return list == null ? null : Principals.sortedDistinct(list);
    }
}
