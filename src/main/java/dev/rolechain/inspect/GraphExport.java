package dev.rolechain.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trust graph as JSON (the schema in the README), Graphviz DOT and Mermaid. {@code highlight}
 * marks the nodes of a query's paths in DOT and Mermaid.
 */
public final class GraphExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GraphExport() {
    }

    public static String json(TrustGraph graph, List<Risk> risky, TrustQueries.Answer answer) {
        return json(graph, risky, answer, null);
    }

    /**
     * The same, for an organization: each node of an account in the map has its OU ({@code unit}: the path of
     * names from the root), and {@code organization} lists the OUs with their accounts, read or refused.
     */
    public static String json(TrustGraph graph, List<Risk> risky, TrustQueries.Answer answer, OrganizationMap organization) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : graph.nodes()) {
            ObjectNode o = nodes.addObject().put("id", n.id()).put("kind", n.kind().json()).put("label", n.label());
            o.put("account", n.account());
            if (organization != null && n.account() != null && organization.pathOf(n.account()) != null) {
                o.put("unit", organization.pathOf(n.account()));
            }
            if (n.kind() == NodeKind.ROLE) {
                o.put("production", n.production());
            }
            o.put("inspected", n.inspected());
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge e : graph.edges()) {
            ObjectNode o = edges.addObject().put("from", e.from()).put("to", e.to());
            e.actions().forEach(o.putArray("actions")::add);
            ObjectNode conditions = o.putObject("conditions");
            e.conditions().forEach((op, keys) -> {
                ObjectNode byKey = conditions.putObject(op);
                keys.forEach((key, values) -> values.forEach(byKey.putArray(key)::add));
            });
            o.put("certain", e.certain());
            e.doubts().forEach(o.putArray("doubts")::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (NodeFinding f : graph.findings()) {
            findings.addObject().put("rule", f.finding().ruleId()).put("severity", f.finding().severity().json())
                    .put("node", f.node()).put("where", f.finding().location()).put("message", f.finding().message())
                    .put("fix", f.finding().fix());
        }
        ArrayNode risks = root.putArray("risky");
        risky.forEach(r -> risks.addObject().put("node", r.node()).put("reason", r.reason()));
        if (answer != null) {
            root.set("query", answerJson(answer));
        }
        if (organization != null) {
            root.set("organization", organization.toJson());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A query's answer alone, as JSON. */
    public static String answer(TrustQueries.Answer answer) {
        try {
            return JSON.writeValueAsString(answerJson(answer)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode answerJson(TrustQueries.Answer answer) {
        ObjectNode q = JSON.createObjectNode().put("query", answer.query()).put("direction", answer.direction().json());
        ArrayNode reached = q.putArray("reached");
        for (TrustQueries.Reached r : answer.reached()) {
            ObjectNode o = reached.addObject().put("node", r.node());
            ArrayNode paths = o.putArray("paths");
            r.paths().forEach(p -> p.forEach(paths.addArray()::add));
        }
        return q;
    }

    /** A short edge label: the actions without "sts:" and the condition keys. */
    public static String edgeLabel(Edge e) {
        String actions = e.actions().stream().filter(a -> !a.equals("sts:TagSession") && !a.equals("sts:SetSourceIdentity"))
                .map(a -> a.replaceFirst("^sts:", "")).collect(Collectors.joining(", "));
        String keys = e.conditions().values().stream().flatMap(k -> k.keySet().stream()).distinct()
                .map(k -> k.substring(k.lastIndexOf(':') + 1)).collect(Collectors.joining(", "));
        return keys.isEmpty() ? actions : actions + " [" + keys + "]";
    }

    public static String dot(TrustGraph graph, Set<String> highlight) {
        StringBuilder sb = new StringBuilder("digraph trust {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=8];\n");
        for (Node n : graph.nodes()) {
            String label = n.label() + (n.account() == null || n.kind() == NodeKind.ACCOUNT ? "" : "\\n" + n.account());
            sb.append("  ").append(dotString(n.id())).append(" [label=").append(dotString(label).replace("\\\\n", "\\n"))
                    .append(", shape=").append(dotShape(n.kind()));
            if (n.production()) {
                sb.append(", color=red");
            }
            if (highlight.contains(n.id())) {
                sb.append(", style=\"filled,bold\", fillcolor=\"#fff3b0\"");
            }
            sb.append("];\n");
        }
        for (Edge e : graph.edges()) {
            sb.append("  ").append(dotString(e.from())).append(" -> ").append(dotString(e.to()))
                    .append(" [label=").append(dotString(edgeLabel(e)));
            if (!e.certain()) {
                sb.append(", style=dashed");
            }
            if (highlight.contains(e.from()) && highlight.contains(e.to())) {
                sb.append(", penwidth=2.5");
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String dotShape(NodeKind kind) {
        return switch (kind) {
            case GITHUB_SUBJECT -> "note";
            case OIDC_PROVIDER, SAML_PROVIDER -> "component";
            case SERVICE -> "hexagon";
            case ACCOUNT -> "folder";
            case PRINCIPAL -> "ellipse";
            case ROLE -> "box";
        };
    }

    /** A DOT double-quoted string. */
    static String dotString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public static String mermaid(TrustGraph graph, Set<String> highlight) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new HashMap<>();
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String id = "n" + i;
            ids.put(n.id(), id);
            String label = mermaidText(n.label() + (n.account() == null || n.kind() == NodeKind.ACCOUNT ? "" : " (" + n.account() + ")"));
            String shape = switch (n.kind()) {
                case GITHUB_SUBJECT -> "[/\"" + label + "\"/]";
                case OIDC_PROVIDER, SAML_PROVIDER -> "[[\"" + label + "\"]]";
                case SERVICE -> "{{\"" + label + "\"}}";
                case ACCOUNT -> "[(\"" + label + "\")]";
                case PRINCIPAL -> "([\"" + label + "\"])";
                case ROLE -> "[\"" + label + "\"]";
            };
            sb.append("  ").append(id).append(shape).append('\n');
        }
        for (Edge e : graph.edges()) {
            sb.append("  ").append(ids.get(e.from())).append(e.certain() ? " -->" : " -.->")
                    .append("|\"").append(mermaidText(edgeLabel(e))).append("\"| ").append(ids.get(e.to())).append('\n');
        }
        sb.append("  classDef production stroke:#d1242f,stroke-width:2px\n  classDef highlight fill:#fff3b0,stroke-width:3px\n");
        String production = nodes.stream().filter(Node::production).map(n -> ids.get(n.id())).collect(Collectors.joining(","));
        if (!production.isEmpty()) {
            sb.append("  class ").append(production).append(" production\n");
        }
        String marked = nodes.stream().filter(n -> highlight.contains(n.id())).map(n -> ids.get(n.id())).collect(Collectors.joining(","));
        if (!marked.isEmpty()) {
            sb.append("  class ").append(marked).append(" highlight\n");
        }
        return sb.toString();
    }

    /** Mermaid label text: quotes and markup characters as entity codes. */
    static String mermaidText(String text) {
        return text.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("|", "#124;").replace("\n", " ");
    }
}
