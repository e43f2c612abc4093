package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.ui.common.Background;
import java.util.LinkedHashSet;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Inspect's query: the box (a subject or a role ARN), its answer (who reaches what, with how many paths), and the
 * paths highlighted on the canvas; selecting an answer marks its paths and goes to its node.
 */
final class QueryPanel {
    private final Texts texts;
    private final Background background;
    private final Supplier<TrustGraph> graph;
    private final GraphCanvas canvas;
    private final Runnable answered;
    private final TextField field = new TextField();
    private final Button run = new Button();
    private final Button clear = new Button();
    private final Label answerLabel = new Label();
    private final ListView<TrustQueries.Reached> answerList = new ListView<>();
    private TrustQueries.Answer answer;

    /** {@code answered} runs when an answer is shown (the details then show its paths). */
    QueryPanel(ResourceBundle bundle, Background background, Supplier<TrustGraph> graph, GraphCanvas canvas, Runnable answered) {
        this.texts = new Texts(bundle);
        this.background = background;
        this.graph = graph;
        this.canvas = canvas;
        this.answered = answered;
        field.setId("inspectQuery");
        field.setPromptText(text("inspect.query.prompt"));
        field.setAccessibleText(text("inspect.query.prompt"));
        field.setOnAction(e -> query());
        HBox.setHgrow(field, Priority.ALWAYS);
        run.setId("inspectQueryRun");
        run.setText(text("inspect.query.run"));
        run.setOnAction(e -> query());
        clear.setText(text("inspect.query.clear"));
        clear.setId("inspectQueryClear");
        clear.setOnAction(e -> clear());
        answerLabel.setId("inspectAnswerSummary");
        answerLabel.setWrapText(true);
        answerList.setId("inspectAnswer");
        answerList.setAccessibleText(text("inspect.query.answer"));
        answerList.setCellFactory(v -> new ReachedCell());
        answerList.setPrefHeight(160);
        javafx.scene.layout.VBox.setVgrow(answerList, Priority.SOMETIMES);
        answerList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                Set<String> ids = new LinkedHashSet<>();
                now.paths().forEach(ids::addAll);
                canvas.highlight(ids);
                canvas.selectedProperty().set(now.node());
                canvas.centerOn(now.node());
            }
        });
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    /** The bar with the box and its buttons, after a caption. */
    HBox bar(Node caption) {
        HBox bottom = new HBox(8, caption, field, run, clear);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(8, 12, 8, 12));
        return bottom;
    }

    Label answerLabel() {
        return answerLabel;
    }

    ListView<TrustQueries.Reached> answerList() {
        return answerList;
    }

    /** The answer shown, or null. */
    TrustQueries.Answer answer() {
        return answer;
    }

    void setDisable(boolean disabled) {
        field.setDisable(disabled);
        run.setDisable(disabled);
    }

    /** Runs the query in the box, off the FX thread, and highlights its paths. */
    void query() {
        TrustGraph g = graph.get();
        if (g == null || field.getText() == null || field.getText().isBlank()) {
            return;
        }
        String q = field.getText().strip();
        background.run(() -> new TrustQueries(g).query(q), a -> {
            answer = a;
            int paths = a.reached().stream().mapToInt(r -> r.paths().size()).sum();
            answerLabel.setText(a.reached().isEmpty() ? text("inspect.query.nothing", q)
                    : text(a.direction() == TrustQueries.Direction.REACH ? "inspect.query.reach" : "inspect.query.reachedBy",
                            a.reached().size(), paths));
            answerList.getItems().setAll(a.reached());
            canvas.highlight(a.nodesOnPaths());
            answered.run();
        }, e -> answerLabel.setText(text("inspect.status.failed", e.getMessage())));
    }

    /** Clears the box, the answer and the highlight. */
    void clear() {
        field.clear();
        answer = null;
        answerLabel.setText("");
        answerList.getItems().clear();
        canvas.highlight(Set.of());
    }

    private final class ReachedCell extends ListCell<TrustQueries.Reached> {
        @Override
        protected void updateItem(TrustQueries.Reached item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : NodeDetails.labelOf(graph.get(), item.node()) + " — "
                    + text("inspect.query.paths", item.paths().size()));
        }
    }
}
