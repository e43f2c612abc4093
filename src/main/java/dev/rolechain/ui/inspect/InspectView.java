package dev.rolechain.ui.inspect;

import dev.rolechain.aws.InspectSources;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.Risk;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
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
    /** What one inspection produced, computed on a worker. */
    record Result(TrustGraph graph, List<Risk> risky, Set<String> riskyIds, Set<String> reachable, GraphLayout layout,
            List<String> accounts, dev.rolechain.inspect.OrganizationMap organization) {
    }

    private final ResourceBundle bundle;
    private final Texts texts;
    private final FileDialogs dialogs;
    private final Background background;
    private final Supplier<List<String>> profileNames;
    private final ElkLayout elk = new ElkLayout();

    private final Button inspectButton = new Button();
    private final Button cancelButton = new Button();
    private final Label status = new Label();
    private final MenuButton exportButton = new MenuButton();
    private final GraphCanvas canvas = new GraphCanvas();
    private NodeDetails details;
    private SourcesBar sourcesBar;
    private QueryPanel queryPanel;
    private Finder finder;
    private ProductionMenu production;
    private Placement placement;

    private Result result;
    private final InspectModel model;
    private Parent root;

    public InspectView(InspectSources sources, GraphBuilder builder, ResourceBundle bundle, FileDialogs dialogs,
            Background background, Supplier<List<String>> profileNames) {
        this.bundle = bundle;
        this.texts = new Texts(bundle);
        this.dialogs = dialogs;
        this.background = background;
        this.profileNames = profileNames;
        this.model = new InspectModel(sources::load, builder, elk, background);
    }

    public Parent root() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
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
        cancelButton.setOnAction(e -> model.cancel());
        status.setId("inspectStatus");
        new ExportMenu(bundle, exportButton, dialogs, canvas, () -> result == null ? null
                : new ExportMenu.Shown(result.graph(), result.risky(), result.riskyIds(), queryPanel.answer()), status::setText);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        production = new ProductionMenu(bundle, (account, on) -> {
            status.setText(text("inspect.status.remarking"));
            model.markProduction(account, on);
        });
        javafx.scene.control.MenuButton productionButton = production.button();
        HBox top = new HBox(8, sourcesBar.profilesButton(), sourcesBar.organizationButton(), sourcesBar.dumpsButton(), sourcesBar.label(), spacer, status,
                inspectButton, cancelButton, productionButton, exportButton);
        // the buttons keep their size; the sources and the status give way (a long progress line is cut, not a button)
        for (javafx.scene.control.Control c : List.of(sourcesBar.profilesButton(), sourcesBar.organizationButton(),
                sourcesBar.dumpsButton(), inspectButton,
                cancelButton, productionButton, exportButton)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);
        status.setTooltip(new javafx.scene.control.Tooltip());
        status.getTooltip().textProperty().bind(status.textProperty());
        top.getStyleClass().add("inspect-bar");
        top.setPadding(new Insets(8, 12, 8, 12));
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        finder = new Finder(bundle, canvas, () -> result, this::relayout);
        placement = new Placement(elk, background, canvas, finder::visible, finder::refresh,
                e -> status.setText(text("inspect.status.failed", e.getMessage())));
        queryPanel = new QueryPanel(bundle, background, () -> result == null ? null : result.graph(), canvas,
                () -> showDetails(canvas.selectedProperty().get()));
        VBox left = new VBox(8);
        finder.addTo(left, this::label);
        left.getChildren().addAll(label("inspect.query.answer"), queryPanel.answerLabel(), queryPanel.answerList());
        left.setPadding(new Insets(8));
        left.setMinWidth(220);
        left.setPrefWidth(270);

        HBox zoom = ZoomControls.of(texts, canvas);
        StackPane.setAlignment(zoom, javafx.geometry.Pos.TOP_RIGHT);
        StackPane.setMargin(zoom, new Insets(8));
        canvas.setId("inspectCanvas");
        StackPane center = new StackPane(canvas, zoom);
        canvas.selectedProperty().addListener((o, was, now) -> selected(now));

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
        follow();
        return pane;
    }

    private Label label(String key) {
        return texts.caption(key);
    }

    private void setLoaded(boolean loaded) {
        finder.setDisable(!loaded);
        queryPanel.setDisable(!loaded);
        exportButton.setDisable(!loaded);
        production.button().setDisable(!loaded);
    }

    /** Marks an inspected account production, as its menu item does. */
    public void markProduction(String account, boolean on) {
        production.mark(account, on);
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
        String organization = sourcesBar.organization();
        if (profiles.isEmpty() && dumps.isEmpty() && organization == null) {
            status.setText(text("inspect.status.nosource"));
            return;
        }
        status.setText(text("inspect.status.reading"));
        model.inspect(profiles, dumps, organization);
    }

    /** What the model says while it reads, and when it gives up. */
    private void follow() {
        model.runningProperty().addListener((o, was, now) -> {
            inspectButton.setDisable(now);
            cancelButton.setDisable(!now);
        });
        model.progressProperty().addListener((o, was, now) -> {
            if (model.runningProperty().get() && !now.isEmpty()) {
                status.setText(now);
            }
        });
        model.failureProperty().addListener((o, was, now) -> {
            if (now == InspectModel.Failure.CANCELLED) {
                status.setText(text("inspect.status.cancelled"));
            } else if (now == InspectModel.Failure.FAILED) {
                status.setText(text("inspect.status.failed", model.errorProperty().get()));
            }
        });
        model.resultProperty().addListener((o, was, now) -> {
            if (now != null && was != null && now.layout() == was.layout()) {
                remarked(now);
            } else if (now != null) {
                show(now);
            }
        });
    }

    private void show(Result r) {
        this.result = r;
        placement.reset(ElkLayout.unitsOf(r.organization()));
        long roles = r.graph().nodes().stream().filter(n -> n.kind() == NodeKind.ROLE).count();
        status.setText(text("inspect.status.done", roles, r.graph().nodes().size(), r.graph().edges().size(), r.risky().size()));
        finder.reset(r.accounts(), r.organization());
        production.fill(r.accounts(), model.productionAccountsProperty().get());
        canvas.markRisky(r.riskyIds());
        canvas.show(r.graph(), r.layout(), true);
        queryPanel.clear();
        setLoaded(true);
        finder.refresh();
    }

    /** The same graph with other accounts marked production: the view, its filters and selection stay. */
    private void remarked(Result r) {
        this.result = r;
        long production = r.graph().nodes().stream().filter(Node::production).count();
        status.setText(text("inspect.status.remarked", production, r.risky().size()));
        canvas.markRisky(r.riskyIds());
        canvas.show(r.graph(), canvas.layoutShown(), false);
        finder.refresh();
        showDetails(canvas.selectedProperty().get());
    }

    /** The graph shown now, or null before the first inspection. */
    public TrustGraph graph() {
        return result == null ? null : result.graph();
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    /** A node was selected: its details show; one drawn in a group expands it (a group's box selects its source). */
    private void selected(String id) {
        if (result != null) {
            placement.expandFor(result.graph(), id);
        }
        if (!FanOuts.isGroup(id)) {
            showDetails(id);
        }
    }

    /** Lays out again what the filters let through, off the FX thread. */
    private void relayout() {
        if (result != null) {
            placement.relayout(result.graph(), true, () -> { });
        }
    }

    private void showDetails(String id) {
        details.show(result, queryPanel.answer(), id);
        finder.select(id);
    }

    /** Runs the query in the box and highlights its paths. */
    public void query() {
        queryPanel.query();
    }

    /** Adds dump files, as the file chooser would. */
    public void addDumps(List<Path> files) {
        sourcesBar.addDumps(files);
    }
}
