package dev.rolechain.inspect;

import dev.rolechain.iam.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust across the inspected accounts: nodes, "can assume" edges, and the lint findings on
 * roles. Layout-neutral: the GUI lays it out, the exports print it.
 *
 * <p>A GitHub subject reaches a role through a provider only if that role's trust admits the
 * subject's {@code sub}; which ones do is decided once ({@link #admitted(String)}), because the edge
 * provider → role alone cannot say it.
 */
public final class TrustGraph {

    /** A role of an inspected account with where it was read. */
    public record RoleDetail(String arn, String accountId, Role role, String source) {
    }

    /** A GitHub subject is admitted by {@code role} through {@code provider}. */
    public record Admit(String provider, String role) {
    }

    /** Decides, for a subject that may not be a node, which roles admit it. */
    public interface Admission {
        List<Admit> admitted(String sub);
    }

    private final Map<String, Node> nodes;
    private final List<Edge> edges;
    private final List<NodeFinding> findings;
    private final Map<String, RoleDetail> roles;
    private final Map<String, List<Admit>> subjectAdmits;
    private final Admission admission;
    private final Map<String, List<Edge>> out = new LinkedHashMap<>();
    private final Map<String, List<Edge>> in = new LinkedHashMap<>();

    TrustGraph(Map<String, Node> nodes, List<Edge> edges, List<NodeFinding> findings, Map<String, RoleDetail> roles,
            Map<String, List<Admit>> subjectAdmits, Admission admission) {
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.edges = List.copyOf(edges);
        this.findings = List.copyOf(findings);
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        this.subjectAdmits = Collections.unmodifiableMap(new LinkedHashMap<>(subjectAdmits));
        this.admission = admission;
        for (Edge e : this.edges) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<Edge> edges() {
        return edges;
    }

    public List<Edge> outgoing(String id) {
        return out.getOrDefault(id, List.of());
    }

    public List<Edge> incoming(String id) {
        return in.getOrDefault(id, List.of());
    }

    public List<NodeFinding> findings() {
        return findings;
    }

    public List<NodeFinding> findings(String node) {
        return findings.stream().filter(f -> f.node().equals(node)).toList();
    }

    public Optional<RoleDetail> role(String arn) {
        return Optional.ofNullable(roles.get(arn));
    }

    /** The roles a subject node's {@code sub} is admitted by, with the provider it goes through. */
    public List<Admit> admits(String subjectNodeId) {
        return subjectAdmits.getOrDefault(subjectNodeId, List.of());
    }

    /** The roles a {@code sub} (a node's or any other) is admitted by. */
    public List<Admit> admitted(String sub) {
        return admission.admitted(sub);
    }
}
