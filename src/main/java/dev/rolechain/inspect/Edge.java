package dev.rolechain.inspect;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Can assume": {@code from} can assume (or, from a GitHub subject, present a token to) {@code to}
 * with the given actions, when the conditions hold. Conditions are as IAM writes them: operator →
 * key → values.
 *
 * @param certain false when the decision rests on policies Rolechain could not read (an attached
 *        managed policy missing from the source): the edge may not exist
 */
public record Edge(String from, String to, List<String> actions, Map<String, Map<String, List<String>>> conditions,
        boolean certain) {

    public Edge {
        actions = List.copyOf(actions);
        TreeMap<String, Map<String, List<String>>> copy = new TreeMap<>();
        conditions.forEach((op, keys) -> copy.put(op, Collections.unmodifiableMap(new TreeMap<>(keys))));
        conditions = Collections.unmodifiableMap(copy);
    }

    /** Whether a condition on this key (any operator, key case-insensitive) must hold. */
    public boolean hasConditionKey(String key) {
        return conditions.values().stream().anyMatch(keys -> keys.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key)));
    }
}
