package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.TrustGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Inspect's finder: a search over the nodes laid out, the filters (an account, reachable from GitHub, risky) and
 * the results list, kept in step with the canvas's selection.
 */
final class Finder {
    static final int MAX_RESULTS = 500;

    private final Texts texts;
    private final GraphCanvas canvas;
    private final Supplier<InspectView.Result> inspection;
    private final TextField search = new TextField();
    private final ComboBox<String> accountFilter = new ComboBox<>();
    private final CheckBox reachableFilter = new CheckBox();
    private final CheckBox riskyFilter = new CheckBox();
    private final ListView<Node> results = new ListView<>();

    /** {@code filtersChanged} runs when a filter changes (the view lays out what they let through). */
    Finder(ResourceBundle bundle, GraphCanvas canvas, Supplier<InspectView.Result> inspection, Runnable filtersChanged) {
        this.texts = new Texts(bundle);
        this.canvas = canvas;
        this.inspection = inspection;
        search.setId("inspectSearch");
        search.setPromptText(text("inspect.search"));
        search.setAccessibleText(text("inspect.search"));
        search.textProperty().addListener((o, was, now) -> refresh());
        search.setOnAction(e -> {
            if (!results.getItems().isEmpty()) {
                results.getSelectionModel().selectFirst();
            }
        });
        accountFilter.setId("inspectAccount");
        accountFilter.setAccessibleText(text("inspect.filter.account"));
        accountFilter.setMaxWidth(Double.MAX_VALUE);
        accountFilter.setOnAction(e -> filtersChanged.run());
        reachableFilter.setId("inspectReachable");
        reachableFilter.setText(text("inspect.filter.reachable"));
        reachableFilter.setOnAction(e -> filtersChanged.run());
        riskyFilter.setId("inspectRisky");
        riskyFilter.setText(text("inspect.filter.risky"));
        riskyFilter.setOnAction(e -> filtersChanged.run());
        results.setId("inspectResults");
        results.setAccessibleText(text("inspect.results"));
        results.setCellFactory(v -> new NodeCell());
        results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.id().equals(canvas.selectedProperty().get())) {
                canvas.selectedProperty().set(now.id());
                canvas.centerOn(now.id());
            }
        });
        VBox.setVgrow(results, Priority.ALWAYS);
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    /** Puts the search, the filters and the results into the panel, with captions. */
    void addTo(VBox panel, Function<String, Label> caption) {
        panel.getChildren().addAll(search, caption.apply("inspect.filter.account"), accountFilter, reachableFilter,
                riskyFilter, caption.apply("inspect.results"), results);
    }

    void setDisable(boolean disabled) {
        for (javafx.scene.Node n : List.of(search, accountFilter, reachableFilter, riskyFilter)) {
            n.setDisable(disabled);
        }
    }

    /** The OU entries of the account filter: entry text → the accounts in that OU or below it. */
    private final java.util.Map<String, Set<String>> units = new java.util.HashMap<>();

    /** A new inspection: every account, no filter. */
    void reset(List<String> accounts) {
        reset(accounts, null);
    }

    /**
     * A new inspection of an organization: the account filter offers each OU (its accounts and those of the OUs below
     * it) before the accounts, each account with its OU.
     */
    void reset(List<String> accounts, dev.rolechain.inspect.OrganizationMap organization) {
        ObservableList<String> items = FXCollections.observableArrayList();
        items.add(text("inspect.filter.allAccounts"));
        units.clear();
        if (organization != null) {
            for (dev.rolechain.inspect.OrganizationMap.Unit unit : organization.units()) {
                Set<String> inside = new LinkedHashSet<>();
                organization.unitOfAccount().forEach((account, id) -> {
                    String path = organization.pathOf(account);
                    if (path != null && (path.equals(unit.path()) || path.startsWith(unit.path() + "/"))) {
                        inside.add(account);
                    }
                });
                inside.retainAll(accounts);
                if (!inside.isEmpty()) {
                    String entry = text("inspect.filter.unit", unit.path(), inside.size());
                    units.put(entry, inside);
                    items.add(entry);
                }
            }
        }
        items.addAll(accounts);
        accountFilter.setItems(items);
        accountFilter.getSelectionModel().selectFirst();
        reachableFilter.setSelected(false);
        riskyFilter.setSelected(false);
    }

    /** The nodes the filters let through. */
    Set<String> visible() {
        InspectView.Result result = inspection.get();
        TrustGraph g = result.graph();
        String chosen = accountFilter.getSelectionModel().getSelectedIndex() <= 0 ? null : accountFilter.getValue();
        Set<String> accounts = chosen == null ? null : units.getOrDefault(chosen, Set.of(chosen));
        Set<String> ids = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (accounts != null && !accounts.contains(n.account())
                    && (n.account() != null && n.kind() != NodeKind.ACCOUNT || !touches(g, n.id(), accounts))) {
                continue;
            }
            if (reachableFilter.isSelected() && !result.reachable().contains(n.id())) {
                continue;
            }
            if (riskyFilter.isSelected() && !result.riskyIds().contains(n.id())
                    && g.outgoing(n.id()).stream().noneMatch(e -> result.riskyIds().contains(e.to()))) {
                continue;
            }
            ids.add(n.id());
        }
        return ids;
    }

    private static boolean touches(TrustGraph g, String id, Set<String> accounts) {
        return g.outgoing(id).stream().anyMatch(e -> g.node(e.to()).map(n -> accounts.contains(n.account())).orElse(false))
                || g.incoming(id).stream().anyMatch(e -> g.node(e.from()).map(n -> accounts.contains(n.account())).orElse(false));
    }

    /** The results: the nodes laid out that match the search, at most {@link #MAX_RESULTS}. */
    void refresh() {
        InspectView.Result result = inspection.get();
        if (result == null) {
            results.getItems().clear();
            return;
        }
        String q = search.getText() == null ? "" : search.getText().strip().toLowerCase(Locale.ROOT);
        // the roles drawn in a group's box are found too; choosing one expands its group
        Set<String> shown = new java.util.HashSet<>(canvas.layoutShown().boxes().keySet());
        canvas.layoutShown().groups().values().forEach(gr -> shown.addAll(gr.members()));
        List<Node> matches = new ArrayList<>();
        for (Node n : result.graph().nodes()) {
            if (shown.contains(n.id()) && (q.isEmpty() || n.label().toLowerCase(Locale.ROOT).contains(q)
                    || n.id().toLowerCase(Locale.ROOT).contains(q))) {
                matches.add(n);
                if (matches.size() >= MAX_RESULTS) {
                    break;
                }
            }
        }
        results.getItems().setAll(matches);
    }

    /** Selects the node in the results, as the canvas selected it. */
    void select(String id) {
        if (id == null) {
            return;
        }
        Node selected = results.getSelectionModel().getSelectedItem();
        if (selected == null || !id.equals(selected.id())) {
            results.getItems().stream().filter(x -> x.id().equals(id)).findFirst()
                    .ifPresent(x -> results.getSelectionModel().select(x));
        }
    }

    private final class NodeCell extends ListCell<Node> {
        @Override
        protected void updateItem(Node item, boolean empty) {
            super.updateItem(item, empty);
            InspectView.Result result = inspection.get();
            if (empty || item == null) {
                setText(null);
                setAccessibleText(null);
            } else {
                String risk = result != null && result.riskyIds().contains(item.id()) ? " ⚠" : "";
                setText(item.label() + risk + "\n" + item.kind().json() + (item.account() == null ? "" : " · " + item.account()));
                setAccessibleText(item.kind().json() + " " + item.label());
            }
        }
    }
}
