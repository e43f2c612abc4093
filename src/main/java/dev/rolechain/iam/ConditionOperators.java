package dev.rolechain.iam;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition operators IAM documents (IAM User Guide, "IAM JSON policy elements: Condition
 * operators"), with the {@code IfExists} suffix and the {@code ForAnyValue:} / {@code ForAllValues:}
 * set-operator prefixes.
 */
public final class ConditionOperators {

    public static final java.util.List<String> BASE = java.util.List.of(
            "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
            "StringLike", "StringNotLike",
            "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
            "NumericGreaterThan", "NumericGreaterThanEquals",
            "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
            "DateGreaterThan", "DateGreaterThanEquals",
            "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
            "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
            "Null");

    private static final Map<String, String> BY_LOWER = BASE.stream()
            .collect(Collectors.toMap(s -> s.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a, TreeMap::new));

    private ConditionOperators() {
    }

    /**
     * The operator in its documented spelling, or empty when it is not a condition operator.
     * {@code Null} takes no {@code IfExists} suffix.
     */
    public static Optional<String> canonical(String operator) {
        String rest = operator;
        String prefix = "";
        for (String set : new String[] {"ForAnyValue:", "ForAllValues:"}) {
            if (rest.regionMatches(true, 0, set, 0, set.length())) {
                prefix = set;
                rest = rest.substring(set.length());
                break;
            }
        }
        String suffix = "";
        if (rest.length() > "IfExists".length() && rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
            suffix = "IfExists";
            rest = rest.substring(0, rest.length() - suffix.length());
        }
        String base = BY_LOWER.get(rest.toLowerCase(Locale.ROOT));
        if (base == null || (base.equals("Null") && !suffix.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(prefix + base + suffix);
    }

    public static String allowedDescription() {
        return Stream.of(String.join(", ", BASE),
                "optionally with the IfExists suffix (not Null) and a ForAnyValue: or ForAllValues: prefix")
                .collect(Collectors.joining("; "));
    }
}
