package dev.rolechain.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Questions asked of a {@link TrustGraph}: what a GitHub subject can reach, through role chains; who
 * can reach a role; and the risky set. Paths are lists of node ids from the one who assumes to the
 * role assumed; a subject's path goes through the provider it presents its token to.
 */
public final class TrustQueries {
    /** Paths listed per reached node at most, shortest first. */
    public static final int MAX_PATHS = 16;
    /** Roles in one path at most: STS lets sessions chain without limit, but a path this long is noise. */
    public static final int MAX_DEPTH = 12;

    public enum Direction {
        REACH("reach"), REACHED_BY("reached-by");

        private final String json;

        Direction(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** One node found, with the paths that lead to it (or from it, for {@link Direction#REACHED_BY}). */
    public record Reached(String node, List<List<String>> paths) {
        public Reached {
            paths = List.copyOf(paths);
        }
    }

    public record Answer(String query, Direction direction, List<Reached> reached) {
        public Answer {
            reached = List.copyOf(reached);
        }

        /** Every node on any path of the answer, for highlighting. */
        public Set<String> nodesOnPaths() {
            Set<String> ids = new LinkedHashSet<>();
            reached.forEach(r -> r.paths().forEach(ids::addAll));
            return ids;
        }
    }

    private final TrustGraph graph;
    private Map<String, List<String>> subjectsByAdmit;

    public TrustQueries(TrustGraph graph) {
        this.graph = graph;
    }

    /**
     * A role ARN (or any node id) asks who can reach it; anything else is taken as a GitHub
     * {@code sub} (a subject node's label, or any token's, e.g. {@code repo:o/app:ref:refs/heads/main}).
     */
    public Answer query(String query) {
        String q = query.strip();
        var node = graph.node(q);
        if (node.isPresent() && node.get().kind() != NodeKind.GITHUB_SUBJECT) {
            return reachedBy(q);
        }
        if (node.isPresent()) {
            return reach(node.get().label());
        }
        return reach(q);
    }

    /** What a token with this {@code sub} can reach, transitively through role chains. */
    public Answer reach(String sub) {
        Map<String, List<List<String>>> found = new LinkedHashMap<>();
        for (TrustGraph.Admit admit : graph.admitted(sub)) {
            String issuer = GraphBuilder.providerIdOf(admit.provider());
            List<String> start = List.of(GraphBuilder.subjectId(issuer, sub), admit.provider(), admit.role());
            forward(start, found);
        }
        return new Answer(sub, Direction.REACH, answer(found));
    }

    private void forward(List<String> start, Map<String, List<List<String>>> found) {
        Deque<List<String>> stack = new ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            List<String> path = stack.pop();
            String last = path.get(path.size() - 1);
            List<List<String>> paths = found.computeIfAbsent(last, k -> new ArrayList<>());
            if (paths.size() >= MAX_PATHS) {
                continue;
            }
            paths.add(path);
            if (path.size() >= MAX_DEPTH + 2) {
                continue;
            }
            for (Edge e : graph.outgoing(last)) {
                if ((isRole(e.to()) || isSession(e.to())) && !path.contains(e.to())) {
                    List<String> next = new ArrayList<>(path);
                    next.add(e.to());
                    stack.push(next);
                }
            }
        }
    }

    /** Who can reach this node: principals, accounts, services, providers, subjects and roles, with paths. */
    public Answer reachedBy(String target) {
        Map<String, List<List<String>>> found = new LinkedHashMap<>();
        Deque<List<String>> stack = new ArrayDeque<>();
        stack.push(List.of(target));
        while (!stack.isEmpty()) {
            List<String> suffix = stack.pop();
            String first = suffix.get(0);
            for (Edge e : graph.incoming(first)) {
                String from = e.from();
                if (suffix.contains(from)) {
                    continue;
                }
                List<String> path = new ArrayList<>();
                path.add(from);
                path.addAll(suffix);
                if (!record(found, path)) {
                    continue;
                }
                NodeKind kind = graph.node(from).map(Node::kind).orElse(NodeKind.PRINCIPAL);
                // a role, or a session of one (an SSO user's), leads further back
                if ((kind == NodeKind.ROLE || kind == NodeKind.PRINCIPAL && !graph.incoming(from).isEmpty())
                        && path.size() <= MAX_DEPTH) {
                    stack.push(path);
                } else if (kind == NodeKind.OIDC_PROVIDER) {
                    for (String subject : subjectsAdmittedBy(from, first)) {
                        List<String> withSubject = new ArrayList<>();
                        withSubject.add(subject);
                        withSubject.addAll(path);
                        record(found, withSubject);
                    }
                }
            }
        }
        return new Answer(target, Direction.REACHED_BY, answer(found));
    }

    private static boolean record(Map<String, List<List<String>>> found, List<String> path) {
        List<List<String>> paths = found.computeIfAbsent(path.get(0), k -> new ArrayList<>());
        if (paths.size() >= MAX_PATHS) {
            return false;
        }
        paths.add(path);
        return true;
    }

    private List<String> subjectsAdmittedBy(String provider, String role) {
        if (subjectsByAdmit == null) {
            Map<String, List<String>> index = new HashMap<>();
            for (Node n : graph.nodes()) {
                if (n.kind() == NodeKind.GITHUB_SUBJECT) {
                    for (TrustGraph.Admit a : graph.admits(n.id())) {
                        index.computeIfAbsent(a.provider() + "\u0000" + a.role(), k -> new ArrayList<>()).add(n.id());
                    }
                }
            }
            subjectsByAdmit = index;
        }
        return subjectsByAdmit.getOrDefault(provider + "\u0000" + role, List.of());
    }

    /** A principal that a role's session is (linked from the role it is a session of). */
    private boolean isSession(String id) {
        return graph.node(id).map(n -> n.kind() == NodeKind.PRINCIPAL).orElse(false) && !graph.incoming(id).isEmpty();
    }

    private boolean isRole(String id) {
        return graph.node(id).map(n -> n.kind() == NodeKind.ROLE).orElse(false);
    }

    private static List<Reached> answer(Map<String, List<List<String>>> found) {
        List<Reached> reached = new ArrayList<>();
        found.forEach((node, paths) -> {
            List<List<String>> sorted = new ArrayList<>(paths);
            sorted.sort(Comparator.<List<String>>comparingInt(List::size).thenComparing(List::toString));
            reached.add(new Reached(node, sorted));
        });
        reached.sort(Comparator.comparingInt((Reached r) -> r.paths().get(0).size()).thenComparing(Reached::node));
        return reached;
    }

    /** What a subject node reaches, with paths, through the roles that admit it. */
    private Map<String, List<List<String>>> reachOfSubjectNode(String id) {
        Map<String, List<List<String>>> found = new LinkedHashMap<>();
        for (TrustGraph.Admit admit : graph.admits(id)) {
            forward(List.of(id, admit.provider(), admit.role()), found);
        }
        return found;
    }

    /** Every node on a path from a GitHub subject: the subjects, their providers and the roles they reach. */
    public Set<String> reachableFromGitHub() {
        Set<String> ids = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            if (n.kind() != NodeKind.GITHUB_SUBJECT) {
                continue;
            }
            reachOfSubjectNode(n.id()).values().forEach(paths -> paths.forEach(ids::addAll));
        }
        return ids;
    }

    /** The lint rules whose findings put a role in the risky set: who gets in, as the evaluator's probes show. */
    private static final Set<String> RISKY_RULES = Set.of("RC101", "RC102", "RC104", "RC120", "RC121");

    /**
     * The risky set: roles whose trust lets in more than it names (the same judgments as lint: any repository of
     * any owner, every repository of an owner, any identity of another OIDC provider), whole accounts trusted across
     * accounts without an ExternalId, Principal "*", and GitHub subjects that reach a production role.
     */
    public List<Risk> risky() {
        List<Risk> risks = new ArrayList<>();
        for (NodeFinding f : graph.findings()) {
            if (RISKY_RULES.contains(f.finding().ruleId()) && f.finding().severity() != dev.rolechain.lint.Severity.INFO
                    && !(f.finding().ruleId().equals("RC121") && f.finding().severity() != dev.rolechain.lint.Severity.ERROR)) {
                risks.add(new Risk(f.node(), f.finding().message()));
            }
        }
        for (Edge e : graph.edges()) {
            Node from = graph.node(e.from()).orElseThrow();
            Node to = graph.node(e.to()).orElseThrow();
            if (from.kind() == NodeKind.ACCOUNT && !from.account().equals(to.account()) && !e.hasConditionKey("sts:ExternalId")) {
                risks.add(new Risk(e.to(), "account " + from.account() + " is trusted without sts:ExternalId"));
            }
            if (from.id().equals("principal:*")) {
                risks.add(new Risk(e.to(), "Principal \"*\": any AWS principal can assume it"
                        + (e.conditions().isEmpty() ? "" : " that meets " + conditionKeys(e))));
            }
        }
        for (Node n : graph.nodes()) {
            if (n.kind() != NodeKind.GITHUB_SUBJECT) {
                continue;
            }
            reachOfSubjectNode(n.id()).keySet().stream().map(graph::node).flatMap(java.util.Optional::stream).filter(Node::production)
                    .forEach(role -> risks.add(new Risk(n.id(), "reaches production role " + role.id())));
        }
        return risks;
    }

    private static String conditionKeys(Edge e) {
        Set<String> keys = new LinkedHashSet<>();
        e.conditions().values().forEach(k -> keys.addAll(k.keySet()));
        return String.join(", ", keys);
    }
}
