package dev.rolechain.ui.inspect;

import dev.rolechain.iam.PolicyJson;
import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeFinding;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.ui.common.CodeView;
import dev.rolechain.ui.common.Highlighter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * Inspect's details panel for the selected node: what it is, its findings and risks, its trust policy, the edges
 * in and out with their conditions, and the query's paths through it.
 */
final class NodeDetails {
    private final Texts texts;
    private final Label title = new Label();
    private final Label meta = new Label();
    private final VBox findings = new VBox(4);
    private final VBox edges = new VBox(4);
    private final VBox paths = new VBox(4);
    private final CodeView trust = new CodeView("detailsTrust", "Trust policy");
    private final ScrollPane view;

    NodeDetails(ResourceBundle bundle) {
        this.texts = new Texts(bundle);
        title.setId("detailsTitle");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        meta.setId("detailsMeta");
        meta.setWrapText(true);
        meta.getStyleClass().add("muted");
        findings.setId("detailsFindings");
        edges.setId("detailsEdges");
        paths.setId("detailsPaths");
        trust.setPrefHeight(260);
        trust.setMinHeight(120);
        VBox details = new VBox(8, title, meta, label("inspect.details.findings"), findings,
                label("inspect.details.trust"), trust, label("inspect.details.edges"), edges, paths);
        details.setPadding(new Insets(8));
        details.setFillWidth(true);
        view = new ScrollPane(details);
        view.setFitToWidth(true);
        view.setMinWidth(260);
        view.setPrefWidth(400);
    }

    ScrollPane view() {
        return view;
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    private Label label(String key) {
        return texts.caption(key);
    }

    /** A node's name for people: its label and, for what lives in an account, the account. */
    static String labelOf(TrustGraph graph, String id) {
        return graph.node(id).map(x -> x.label() + (x.account() == null || x.kind() == NodeKind.ACCOUNT ? ""
                : " (" + x.account() + ")")).orElse(id);
    }

    /** Shows the node {@code id} of the inspection (nothing when either is null), with the answer's paths through it. */
    void show(InspectView.Result result, TrustQueries.Answer answer, String id) {
        findings.getChildren().clear();
        edges.getChildren().clear();
        paths.getChildren().clear();
        Optional<Node> node = id == null || result == null ? Optional.empty() : result.graph().node(id);
        if (node.isEmpty()) {
            title.setText(text("inspect.details.none"));
            meta.setText("");
            trust.show("", Highlighter.Language.JSON);
            return;
        }
        Node n = node.get();
        TrustGraph g = result.graph();
        title.setText(n.label());
        StringBuilder about = new StringBuilder(n.kind().json());
        if (n.account() != null) {
            about.append(" · ").append(text("inspect.details.account", n.account()));
        }
        if (n.production()) {
            about.append(" · ").append(text("inspect.details.production"));
        }
        about.append('\n').append(n.id());
        g.role(n.id()).ifPresent(r -> about.append('\n').append(text("inspect.details.source", r.source())));
        meta.setText(about.toString());
        for (NodeFinding f : g.findings(n.id())) {
            Label l = new Label(f.finding().severity().json() + " " + f.finding().ruleId() + " " + f.finding().location()
                    + ": " + f.finding().message());
            l.setWrapText(true);
            l.getStyleClass().add("finding-" + f.finding().severity().json());
            findings.getChildren().add(l);
        }
        result.risky().stream().filter(r -> r.node().equals(n.id())).forEach(r -> {
            Label l = new Label(text("inspect.details.risk", r.reason()));
            l.setWrapText(true);
            l.getStyleClass().add("finding-warning");
            findings.getChildren().add(l);
        });
        if (findings.getChildren().isEmpty()) {
            findings.getChildren().add(new Label(text("inspect.details.nofindings")));
        }
        trust.show(g.role(n.id()).map(r -> PolicyJson.print(r.role().trustPolicy())).orElse(""), Highlighter.Language.JSON);
        trust.scrollToTop();
        for (Edge e : g.incoming(n.id())) {
            edges.getChildren().add(edgeLabel(text("inspect.details.from", labelOf(g, e.from())), e));
        }
        for (Edge e : g.outgoing(n.id())) {
            edges.getChildren().add(edgeLabel(text("inspect.details.to", labelOf(g, e.to())), e));
        }
        if (answer != null) {
            answer.reached().stream().filter(r -> r.node().equals(n.id())).findFirst().ifPresent(r -> {
                paths.getChildren().add(label("inspect.details.paths"));
                for (List<String> path : r.paths()) {
                    Label l = new Label(path.stream().map(p -> labelOf(g, p)).collect(Collectors.joining(" → ")));
                    l.setWrapText(true);
                    paths.getChildren().add(l);
                }
            });
        }
    }

    private Label edgeLabel(String prefix, Edge e) {
        List<String> tests = new ArrayList<>();
        e.conditions().forEach((operator, keys) -> keys.forEach((key, values) ->
                tests.add(operator + " " + key + " = " + String.join(" | ", values))));
        String conditions = tests.isEmpty() ? "" : "\n    when " + String.join("; ", tests);
        Label l = new Label(prefix + " — " + String.join(", ", e.actions()) + conditions
                + (e.certain() ? "" : "\n    " + text("inspect.details.uncertain", String.join("; ", e.doubts()))));
        l.setWrapText(true);
        return l;
    }
}
