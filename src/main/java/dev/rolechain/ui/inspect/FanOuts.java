package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Large fan-outs drawn as one box: when a node can assume more than {@link #MAX_SHOWN} roles that nothing
 * else reaches and that reach nothing (a service trusted by 95 execution roles, say), those roles are one box
 * that says how many, with one edge to it, so that a real account is not one tall column. Selecting the box
 * expands it. Only for drawing: queries, exports of the data and the details see every role. Not JavaFX.
 */
public final class FanOuts {
    /** A source with more leaf roles than this is grouped. */
    public static final int MAX_SHOWN = 8;
    private static final String PREFIX = "group:";

    /** Roles drawn as one box: its id, the node they fan out from, the roles, and the box's node. */
    public record Group(String id, String source, List<String> members, Node node) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** The nodes and edges to lay out, with the groups that stand for the roles left out. */
    public record Grouped(List<Node> nodes, List<Edge> edges, Map<String, Group> groups) {
    }

    private FanOuts() {
    }

    /** Whether an id is a group's box. */
    public static boolean isGroup(String id) {
        return id != null && id.startsWith(PREFIX);
    }

    /** Groups every large fan-out whose source is not in {@code expanded}. */
    public static Grouped group(Collection<Node> nodes, Collection<Edge> edges, Set<String> expanded) {
        Map<String, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        Map<String, Set<String>> callers = new HashMap<>();
        Map<String, Integer> outgoing = new HashMap<>();
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (Edge e : edges) {
            if (!byId.containsKey(e.from()) || !byId.containsKey(e.to()) || e.from().equals(e.to())) {
                continue;
            }
            callers.computeIfAbsent(e.to(), k -> new LinkedHashSet<>()).add(e.from());
            outgoing.merge(e.from(), 1, Integer::sum);
            targets.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<String> grouped = new java.util.HashSet<>();
        targets.forEach((source, to) -> {
            if (expanded.contains(source)) {
                return;
            }
            List<String> leaves = to.stream().distinct().filter(t -> byId.get(t).kind() == NodeKind.ROLE
                    && outgoing.getOrDefault(t, 0) == 0 && callers.get(t).size() == 1).toList();
            if (leaves.size() <= MAX_SHOWN) {
                return;
            }
            Set<String> accounts = new LinkedHashSet<>();
            boolean production = false;
            for (String leaf : leaves) {
                Node n = byId.get(leaf);
                accounts.add(String.valueOf(n.account()));
                production |= n.production();
            }
            String id = PREFIX + source;
            Node box = new Node(id, NodeKind.ROLE, leaves.size() + " roles (select to expand)",
                    accounts.size() == 1 ? byId.get(leaves.get(0)).account() : null, production, true);
            groups.put(id, new Group(id, source, leaves, box));
            grouped.addAll(leaves);
        });
        if (groups.isEmpty()) {
            return new Grouped(List.copyOf(nodes), List.copyOf(edges), Map.of());
        }
        List<Node> shown = new ArrayList<>(nodes.stream().filter(n -> !grouped.contains(n.id())).toList());
        groups.values().forEach(g -> shown.add(g.node()));
        List<Edge> drawn = new ArrayList<>(edges.stream().filter(e -> !grouped.contains(e.to())).toList());
        groups.values().forEach(g -> drawn.add(new Edge(g.source(), g.id(), List.of("sts:AssumeRole"), Map.of(), List.of())));
        return new Grouped(shown, drawn, groups);
    }
}
