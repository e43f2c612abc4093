package dev.rolechain.ui.inspect;

import dev.rolechain.aws.InspectSources;
import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.GraphExport;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.Risk;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.FileDialogs;
import java.io.IOException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Inspect: pick sources (profiles, dump files), read them off the FX thread with progress and
 * cancel, and explore the trust graph — search, filters, a details panel with the trust policy and
 * its findings, a query box whose paths are highlighted, and exports.
 */
public final class InspectView {
    static final int MAX_RESULTS = 500;

    /** What one inspection produced, computed on a worker. */
    record Result(TrustGraph graph, List<Risk> risky, Set<String> riskyIds, Set<String> reachable, GraphLayout layout,
            List<String> accounts) {
    }

    private final InspectSources sources;
    private final GraphBuilder builder;
    private final ResourceBundle bundle;
    private final FileDialogs dialogs;
    private final Background background;
    private final Supplier<List<String>> profileNames;
    private final ElkLayout elk = new ElkLayout();

    private final Button inspectButton = new Button();
    private final Button cancelButton = new Button();
    private final Label status = new Label();
    private final MenuButton exportButton = new MenuButton();
    private final TextField search = new TextField();
    private final ComboBox<String> accountFilter = new ComboBox<>();
    private final CheckBox reachableFilter = new CheckBox();
    private final CheckBox riskyFilter = new CheckBox();
    private final ListView<Node> results = new ListView<>();
    private final GraphCanvas canvas = new GraphCanvas();
    private NodeDetails details;
    private SourcesBar sourcesBar;
    private QueryPanel queryPanel;

    private Result result;
    private AtomicBoolean cancel = new AtomicBoolean();
    private int layoutGeneration;
    private Parent root;

    public InspectView(InspectSources sources, GraphBuilder builder, ResourceBundle bundle, FileDialogs dialogs,
            Background background, Supplier<List<String>> profileNames) {
        this.sources = sources;
        this.builder = builder;
        this.bundle = bundle;
        this.dialogs = dialogs;
        this.background = background;
        this.profileNames = profileNames;
    }

    public Parent root() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    private String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    private Parent build() {
        sourcesBar = new SourcesBar(bundle, profileNames, dialogs, () -> {
            // "choose sources first" is no longer true once some are chosen
            if (text("inspect.status.nosource").equals(status.getText())) {
                status.setText("");
            }
        });
        inspectButton.setId("inspectRun");
        inspectButton.setText(text("inspect.run"));
        inspectButton.getStyleClass().add("accent");
        inspectButton.setDefaultButton(true);
        inspectButton.setOnAction(e -> inspect());
        cancelButton.setId("inspectCancel");
        cancelButton.setText(text("inspect.cancel"));
        cancelButton.setDisable(true);
        cancelButton.setOnAction(e -> cancel.set(true));
        status.setId("inspectStatus");
        exportButton.setId("inspectExport");
        exportButton.setText(text("inspect.export"));
        exportButton.setDisable(true);
        for (String format : List.of("json", "dot", "mmd", "svg", "png")) {
            MenuItem item = new MenuItem(text("inspect.export." + format));
            item.setId("export-" + format);
            item.setOnAction(e -> export(format));
            exportButton.getItems().add(item);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, sourcesBar.profilesButton(), sourcesBar.dumpsButton(), sourcesBar.label(), spacer, status,
                inspectButton, cancelButton, exportButton);
        // the buttons keep their size; the sources and the status give way (a long progress line is cut, not a button)
        for (javafx.scene.control.Control c : List.of(sourcesBar.profilesButton(), sourcesBar.dumpsButton(), inspectButton,
                cancelButton, exportButton)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);
        status.setTooltip(new javafx.scene.control.Tooltip());
        status.getTooltip().textProperty().bind(status.textProperty());
        top.getStyleClass().add("inspect-bar");
        top.setPadding(new Insets(8, 12, 8, 12));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        search.setId("inspectSearch");
        search.setPromptText(text("inspect.search"));
        search.setAccessibleText(text("inspect.search"));
        search.textProperty().addListener((o, was, now) -> refreshResults());
        search.setOnAction(e -> {
            if (!results.getItems().isEmpty()) {
                results.getSelectionModel().selectFirst();
            }
        });
        accountFilter.setId("inspectAccount");
        accountFilter.setAccessibleText(text("inspect.filter.account"));
        accountFilter.setMaxWidth(Double.MAX_VALUE);
        accountFilter.setOnAction(e -> relayout());
        reachableFilter.setId("inspectReachable");
        reachableFilter.setText(text("inspect.filter.reachable"));
        reachableFilter.setOnAction(e -> relayout());
        riskyFilter.setId("inspectRisky");
        riskyFilter.setText(text("inspect.filter.risky"));
        riskyFilter.setOnAction(e -> relayout());
        results.setId("inspectResults");
        results.setAccessibleText(text("inspect.results"));
        results.setCellFactory(v -> new NodeCell());
        results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.id().equals(canvas.selectedProperty().get())) {
                canvas.selectedProperty().set(now.id());
                canvas.centerOn(now.id());
            }
        });
        queryPanel = new QueryPanel(bundle, background, () -> result == null ? null : result.graph(), canvas,
                () -> showDetails(canvas.selectedProperty().get()));
        VBox.setVgrow(results, Priority.ALWAYS);
        VBox left = new VBox(8, search, label("inspect.filter.account"), accountFilter, reachableFilter, riskyFilter,
                label("inspect.results"), results, label("inspect.query.answer"), queryPanel.answerLabel(),
                queryPanel.answerList());
        left.setPadding(new Insets(8));
        left.setMinWidth(220);
        left.setPrefWidth(270);

        Button zoomIn = iconButton("inspectZoomIn", "+", "inspect.zoom.in", canvas::zoomIn);
        Button zoomOut = iconButton("inspectZoomOut", "−", "inspect.zoom.out", canvas::zoomOut);
        Button fit = iconButton("inspectFit", text("inspect.fit"), "inspect.fit", canvas::fit);
        HBox zoom = new HBox(4, zoomOut, zoomIn, fit);
        zoom.setPickOnBounds(false);
        zoom.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(zoom, javafx.geometry.Pos.TOP_RIGHT);
        StackPane.setMargin(zoom, new Insets(8));
        canvas.setId("inspectCanvas");
        StackPane center = new StackPane(canvas, zoom);
        canvas.selectedProperty().addListener((o, was, now) -> showDetails(now));

        details = new NodeDetails(bundle);
        ScrollPane detailsScroll = details.view();
        showDetails(null);

        HBox bottom = queryPanel.bar(label("inspect.query"));

        SplitPane split = new SplitPane(left, center, detailsScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.2, 0.7);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(detailsScroll, false);
        BorderPane pane = new BorderPane(split, top, null, bottom, null);
        pane.getStyleClass().add("inspect");
        setLoaded(false);
        return pane;
    }

    private Label label(String key) {
        Label label = new Label(text(key));
        label.getStyleClass().add("field-label");
        return label;
    }

    private Button iconButton(String id, String glyph, String helpKey, Runnable action) {
        Button b = new Button(glyph);
        b.setId(id);
        b.setAccessibleText(text(helpKey));
        b.setTooltip(new javafx.scene.control.Tooltip(text(helpKey)));
        b.setOnAction(e -> {
            action.run();
            canvas.requestFocus();
        });
        return b;
    }

    private void setLoaded(boolean loaded) {
        for (javafx.scene.Node n : List.of(search, accountFilter, reachableFilter, riskyFilter)) {
            n.setDisable(!loaded);
        }
        queryPanel.setDisable(!loaded);
        exportButton.setDisable(!loaded);
    }

    /** The profiles ticked in the menu. */
    public List<String> chosenProfiles() {
        return sourcesBar.chosenProfiles();
    }

    /** Ticks profiles, as the menu would. */
    public void chooseProfiles(List<String> names) {
        sourcesBar.chooseProfiles(names);
    }

    /** Reads the sources and builds the graph, off the FX thread. */
    public void inspect() {
        List<String> profiles = chosenProfiles();
        List<Path> dumps = sourcesBar.dumps();
        if (profiles.isEmpty() && dumps.isEmpty()) {
            status.setText(text("inspect.status.nosource"));
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        inspectButton.setDisable(true);
        cancelButton.setDisable(false);
        status.setText(text("inspect.status.reading"));
        List<Path> files = List.copyOf(dumps);
        Map<String, String> progress = new LinkedHashMap<>();
        background.run(() -> {
            InspectSources.Loaded loaded = sources.load(new InspectSources.Request(profiles, files, null, null),
                    (profile, message) -> background.fx().execute(() -> {
                        progress.put(profile, profile + ": " + message);
                        status.setText(String.join(" · ", progress.values()));
                    }), cancelled::get);
            TrustGraph graph = builder.build(loaded.accounts(), loaded.production());
            TrustQueries queries = new TrustQueries(graph);
            List<Risk> risky = queries.risky();
            Set<String> riskyIds = risky.stream().map(Risk::node).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> reachable = queries.reachableFromGitHub();
            GraphLayout layout = elk.layout(graph.nodes(), graph.edges());
            List<String> accounts = loaded.accounts().stream().map(a -> a.accountId()).sorted().toList();
            return new Result(graph, risky, riskyIds, reachable, layout, accounts);
        }, this::show, e -> {
            inspectButton.setDisable(false);
            cancelButton.setDisable(true);
            status.setText(e instanceof java.util.concurrent.CancellationException ? text("inspect.status.cancelled")
                    : text("inspect.status.failed", e.getMessage()));
        });
    }

    private void show(Result r) {
        this.result = r;
        inspectButton.setDisable(false);
        cancelButton.setDisable(true);
        long roles = r.graph().nodes().stream().filter(n -> n.kind() == NodeKind.ROLE).count();
        status.setText(text("inspect.status.done", roles, r.graph().nodes().size(), r.graph().edges().size(), r.risky().size()));
        ObservableList<String> accounts = FXCollections.observableArrayList();
        accounts.add(text("inspect.filter.allAccounts"));
        accounts.addAll(r.accounts());
        accountFilter.setItems(accounts);
        accountFilter.getSelectionModel().selectFirst();
        reachableFilter.setSelected(false);
        riskyFilter.setSelected(false);
        canvas.markRisky(r.riskyIds());
        canvas.show(r.graph(), r.layout(), true);
        queryPanel.clear();
        setLoaded(true);
        refreshResults();
    }

    /** The graph shown now, or null before the first inspection. */
    public TrustGraph graph() {
        return result == null ? null : result.graph();
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    /** The nodes the filters let through. */
    Set<String> visible() {
        TrustGraph g = result.graph();
        String account = accountFilter.getSelectionModel().getSelectedIndex() <= 0 ? null : accountFilter.getValue();
        Set<String> ids = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (account != null && !account.equals(n.account())
                    && (n.account() != null && n.kind() != NodeKind.ACCOUNT || !touches(g, n.id(), account))) {
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

    private static boolean touches(TrustGraph g, String id, String account) {
        return g.outgoing(id).stream().anyMatch(e -> g.node(e.to()).map(n -> account.equals(n.account())).orElse(false))
                || g.incoming(id).stream().anyMatch(e -> g.node(e.from()).map(n -> account.equals(n.account())).orElse(false));
    }

    /** Lays out again what the filters let through, off the FX thread. */
    private void relayout() {
        if (result == null) {
            return;
        }
        int generation = ++layoutGeneration;
        Set<String> ids = visible();
        TrustGraph g = result.graph();
        List<Node> nodes = g.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = g.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        background.run(() -> elk.layout(nodes, edges), layout -> {
            if (generation == layoutGeneration) {
                canvas.show(g, layout, true);
                refreshResults();
            }
        }, e -> status.setText(text("inspect.status.failed", e.getMessage())));
    }

    private void refreshResults() {
        if (result == null) {
            results.getItems().clear();
            return;
        }
        String q = search.getText() == null ? "" : search.getText().strip().toLowerCase(Locale.ROOT);
        Set<String> shown = canvas.layoutShown().boxes().keySet();
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

    private void showDetails(String id) {
        details.show(result, queryPanel.answer(), id);
        Optional<Node> node = id == null || result == null ? Optional.empty() : result.graph().node(id);
        if (node.isPresent() && !node.get().id().equals(results.getSelectionModel().getSelectedItem() == null ? null
                : results.getSelectionModel().getSelectedItem().id())) {
            results.getItems().stream().filter(x -> x.id().equals(node.get().id())).findFirst()
                    .ifPresent(x -> results.getSelectionModel().select(x));
        }
    }

    /** Runs the query in the box and highlights its paths. */
    public void query() {
        queryPanel.query();
    }

    private void export(String format) {
        if (result == null) {
            return;
        }
        Optional<Path> target = dialogs.saveExport(root.getScene().getWindow(), "trust-graph", format);
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        TrustGraph g = result.graph();
        Set<String> marked = canvas.highlighted();
        try {
            if (format.equals("png")) {
                WritableImage image = canvas.snapshot(null, null);
                dev.rolechain.ui.common.Png.write(image, file);
            } else {
                String content = switch (format) {
                    case "json" -> GraphExport.json(g, result.risky(), queryPanel.answer());
                    case "dot" -> GraphExport.dot(g, marked);
                    case "mmd" -> GraphExport.mermaid(g, marked);
                    default -> SvgExport.svg(g, canvas.layoutShown(), marked, result.riskyIds());
                };
                ExportWriter.writeAtomically(file, content);
            }
            status.setText(text("inspect.status.exported", file));
        } catch (IOException e) {
            status.setText(text("inspect.status.failed", e.getMessage()));
        }
    }

    /** Adds dump files, as the file chooser would. */
    public void addDumps(List<Path> files) {
        sourcesBar.addDumps(files);
    }

    private final class NodeCell extends ListCell<Node> {
        @Override
        protected void updateItem(Node item, boolean empty) {
            super.updateItem(item, empty);
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
