package dev.rolechain.github;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from their {@code if:} conditions, whether two steps of one job can both run in the same run, the first
 * succeeding: a conservative decider that answers "no" only when it has proved it, and "yes" whenever it cannot tell.
 *
 * <p>What it knows of GitHub ("Expressions", "Status check functions"): a step without a status check in its
 * {@code if:} runs only when no step before it failed and the run is not cancelled ({@code success()});
 * {@code failure()} holds once a step before it failed, {@code cancelled()} once the run is cancelled, {@code always()}
 * always. Between the first step (which succeeded) and the second, a step can fail only if there is one between them,
 * and a cancel can come at any time. The contexts fixed for a run ({@code github}, {@code matrix}, {@code inputs},
 * {@code vars}, {@code needs}, {@code runner}, {@code strategy}, {@code secrets}) have one value for both steps;
 * the others ({@code env}, which a step can change through {@code GITHUB_ENV}, {@code steps}, {@code job}) are
 * taken as independent, except {@code steps.<first>.outcome} and {@code .conclusion}, which are {@code 'success'}
 * for the second. Every reference takes, in turn, each literal it is compared with, another string, null, true and
 * false, which covers every way {@code ==} and {@code !=} can go; anything else ({@code contains(…)}, {@code <})
 * is unknown, and an unknown condition may hold.
 */
public final class StepConditions {
    private static final Set<String> FIXED_FOR_A_RUN = Set.of("github", "matrix", "inputs", "vars", "needs", "runner",
            "strategy", "secrets");
    /** More assignments than this and the decider gives up (the steps may both run). */
    private static final int MAX_ASSIGNMENTS = 20_000;
    private static final String OTHER = "\u0000another value";

    private StepConditions() {
    }

    /**
     * Whether {@code first} can run and succeed and {@code second} then run, in one run of the job; {@code between}
     * is the number of steps between them. True when unsure.
     */
    public static boolean mayBothRun(WorkflowFile.Step first, WorkflowFile.Step second, int between) {
        Expression a = first.condition() == null ? Expression.condition("success()") : Expression.condition(first.condition());
        Expression b = second.condition() == null ? Expression.condition("success()") : Expression.condition(second.condition());
        if (a == null || b == null) {
            return true;
        }
        Map<String, Set<Object>> domains = new LinkedHashMap<>();
        collect(a, "first:", null, domains);
        collect(b, "second:", first.id(), domains);
        List<String> names = new ArrayList<>(domains.keySet());
        long count = 1;
        for (Set<Object> d : domains.values()) {
            count *= d.size();
            if (count > MAX_ASSIGNMENTS) {
                return true;
            }
        }
        Map<String, Object> assignment = new LinkedHashMap<>();
        return search(names, 0, domains, assignment, a, b, first.id(), between);
    }

    private static boolean search(List<String> names, int i, Map<String, Set<Object>> domains,
            Map<String, Object> assignment, Expression a, Expression b, String firstId, int between) {
        if (i == names.size()) {
            return bothMayHold(assignment, a, b, firstId, between);
        }
        for (Object value : domains.get(names.get(i))) {
            assignment.put(names.get(i), value);
            if (search(names, i + 1, domains, assignment, a, b, firstId, between)) {
                return true;
            }
        }
        return false;
    }

    /** Over the job's status when each step's condition is evaluated: can both conditions hold (or be unknown)? */
    private static boolean bothMayHold(Map<String, Object> assignment, Expression a, Expression b, String firstId,
            int between) {
        for (boolean failedA : new boolean[] {false, true}) {
            for (boolean cancelledA : new boolean[] {false, true}) {
                if (!mayHold(a.evaluate(scope(assignment, "first:", null, failedA, cancelledA)))) {
                    continue;
                }
                for (boolean failedB : between > 0 && !failedA ? new boolean[] {false, true} : new boolean[] {failedA}) {
                    for (boolean cancelledB : cancelledA ? new boolean[] {true} : new boolean[] {false, true}) {
                        if (mayHold(b.evaluate(scope(assignment, "second:", firstId, failedB, cancelledB)))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean mayHold(Object value) {
        Boolean b = Expression.truthy(value);
        return b == null || b;
    }

    private static Expression.Scope scope(Map<String, Object> assignment, String side, String firstId, boolean failed,
            boolean cancelled) {
        return new Expression.Scope() {
            @Override
            public Object value(List<String> path) {
                if (isFirstsResult(path, firstId)) {
                    return "success";
                }
                return assignment.getOrDefault(name(path, side), Expression.UNKNOWN);
            }

            @Override
            public boolean status(String function) {
                return switch (function) {
                    case "success" -> !failed && !cancelled;
                    case "failure" -> failed;
                    case "cancelled" -> cancelled;
                    default -> true;
                };
            }
        };
    }

    private static boolean isFirstsResult(List<String> path, String firstId) {
        return firstId != null && path.size() == 3 && path.get(0).equals("steps")
                && path.get(1).equalsIgnoreCase(firstId) && (path.get(2).equals("outcome") || path.get(2).equals("conclusion"));
    }

    private static String name(List<String> path, String side) {
        String joined = String.join(".", path);
        return FIXED_FOR_A_RUN.contains(path.get(0)) ? joined : side + joined;
    }

    /** Each reference's values to try: the literals it is compared with, another string, null, true and false. */
    private static void collect(Expression e, String side, String firstId, Map<String, Set<Object>> domains) {
        e.visit(node -> {
            if (node instanceof Expression.Reference r && !isFirstsResult(r.path(), firstId)) {
                Set<Object> d = domains.computeIfAbsent(name(r.path(), side), k -> new LinkedHashSet<>());
                d.add(OTHER);
                d.add(null);
                d.add(true);
                d.add(false);
            }
        });
        e.visit(node -> {
            if (node instanceof Expression.Comparison c) {
                literalFor(c.left(), c.right(), side, firstId, domains);
                literalFor(c.right(), c.left(), side, firstId, domains);
            }
        });
    }

    private static void literalFor(Expression ref, Expression literal, String side, String firstId,
            Map<String, Set<Object>> domains) {
        if (ref instanceof Expression.Reference r && literal instanceof Expression.Literal l
                && !isFirstsResult(r.path(), firstId)) {
            domains.get(name(r.path(), side)).add(l.value());
        }
    }
}
