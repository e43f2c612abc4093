package dev.rolechain.lint;

import java.util.List;

/**
 * One lint finding: a stable rule id, its severity, where, what is wrong, and how to fix it; for risky
 * production access a target may accept ({@code acceptRisk}), the names of the targets that would have to.
 */
public record Finding(Rule rule, Severity severity, String location, String message, String fix, List<String> targets) {

    public Finding {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public Finding(Rule rule, Severity severity, String location, String message, String fix) {
        this(rule, severity, location, message, fix, List.of());
    }

    /** The rule's stable id, as the output and a Setup's {@code acceptRisk} name it ({@code RC104}). */
    public String ruleId() {
        return rule.name();
    }

    /** Whether a target's {@code acceptRisk} can turn this finding from an error into a listed, accepted risk. */
    public boolean acceptable() {
        return !targets.isEmpty();
    }
}
