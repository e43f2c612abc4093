package dev.rolechain.iam;

import java.util.List;

/**
 * One condition test: an operator (as written, e.g. {@code StringLike} or
 * {@code ForAnyValue:StringEqualsIfExists}), a context key and the values it is compared with.
 * Values are kept as strings, the way IAM compares them.
 */
public record Condition(String operator, String key, List<String> values) {
    public Condition {
        values = List.copyOf(values);
    }

    public Condition(String operator, String key, String value) {
        this(operator, key, List.of(value));
    }
}
