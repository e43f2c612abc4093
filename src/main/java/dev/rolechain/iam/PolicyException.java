package dev.rolechain.iam;

import java.util.List;

/** A policy document that is not valid IAM JSON; each problem names its path in the document. */
public final class PolicyException extends IllegalArgumentException {
    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
