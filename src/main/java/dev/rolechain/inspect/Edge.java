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
 * @param doubts why the edge may not exist, empty when it is certain: the decision rests on policies Rolechain
 *        could not read (an attached managed policy missing from the source), or on a point AWS's documentation
 *        leaves unclear (docs/decisions/0010-unclear-iam-cases.md)
 */
public record Edge(String from, String to, List<String> actions, Map<String, Map<String, List<String>>> conditions,
        List<String> doubts) {

    /** The doubt of an edge that rests on policies Rolechain could not read. */
    public static final String UNREAD = "it rests on policies that could not be read (an attached managed policy or "
            + "the permissions boundary missing from the source)";

    public Edge(String from, String to, List<String> actions, Map<String, Map<String, List<String>>> conditions,
            boolean certain) {
        this(from, to, actions, conditions, certain ? List.of() : List.of(UNREAD));
    }

    public Edge {
        doubts = List.copyOf(doubts);
        actions = List.copyOf(actions);
        TreeMap<String, Map<String, List<String>>> copy = new TreeMap<>();
        conditions.forEach((op, keys) -> copy.put(op, Collections.unmodifiableMap(new TreeMap<>(keys))));
        conditions = Collections.unmodifiableMap(copy);
    }

    /** Whether the edge is known to exist (nothing unread, nothing unclear decided it). */
    public boolean certain() {
        return doubts.isEmpty();
    }

    /** Whether a condition on this key (any operator, key case-insensitive) must hold. */
    public boolean hasConditionKey(String key) {
        return conditions.values().stream().anyMatch(keys -> keys.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key)));
    }
}
