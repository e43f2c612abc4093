package dev.rolechain.iam;

import java.util.List;

/** A decision with its explanation: which statements applied, and what failed where none did. */
public record Evaluation(Decision decision, List<String> explanation) {
    public Evaluation {
        explanation = List.copyOf(explanation);
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }
}
