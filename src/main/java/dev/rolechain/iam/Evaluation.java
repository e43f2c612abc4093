package dev.rolechain.iam;

import java.util.List;
import java.util.Set;

/**
 * A decision with its explanation (which statements applied, and what failed where none did) and the
 * points AWS's documentation leaves unclear that it rests on ({@link Unclear}; empty when it rests on none).
 */
public record Evaluation(Decision decision, List<String> explanation, Set<Unclear> uncertain) {
    public Evaluation {
        explanation = List.copyOf(explanation);
        uncertain = uncertain == null ? Set.of() : uncertain;
    }

    public Evaluation(Decision decision, List<String> explanation) {
        this(decision, explanation, Set.of());
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    /** Whether the decision rests on a point AWS's documentation leaves unclear. */
    public boolean isUncertain() {
        return !uncertain.isEmpty();
    }
}
