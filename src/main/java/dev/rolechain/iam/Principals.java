package dev.rolechain.iam;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Principal or NotPrincipal element: either the bare wildcard {@code "*"} or principals by type
 * ({@code AWS}, {@code Federated}, {@code Service}, {@code CanonicalUser}).
 */
public record Principals(boolean anyone, Map<String, List<String>> byType) {

    public static final List<String> TYPES = List.of("AWS", "CanonicalUser", "Federated", "Service");

    public Principals {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        byType.forEach((type, values) -> copy.put(type, List.copyOf(values)));
        byType = Collections.unmodifiableMap(copy);
    }

    public static Principals wildcard() {
        return new Principals(true, Map.of());
    }

    public static Principals of(String type, String... values) {
        return new Principals(false, Map.of(type, List.of(values)));
    }

    public List<String> values(String type) {
        return byType.getOrDefault(type, List.of());
    }

    Principals normalized() {
        if (anyone) {
            return this;
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        byType.forEach((type, values) -> sorted.put(type, sortedDistinct(values)));
        return new Principals(false, sorted);
    }

    static List<String> sortedDistinct(List<String> values) {
        return List.copyOf(new java.util.TreeSet<>(values));
    }
}
