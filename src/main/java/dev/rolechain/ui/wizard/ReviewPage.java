package dev.rolechain.ui.wizard;

import dev.rolechain.chain.Cell;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Severity;
import dev.rolechain.render.Artifact;
import dev.rolechain.ui.common.CodeView;
import dev.rolechain.ui.common.Highlighter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;

/** Review: every artifact previewed and highlighted, the lint findings, and the dry-run matrix. */
public final class ReviewPage implements Page {
    private static final String ARTIFACT_PREFIX = "artifact:";

    private final WizardModel model;
    private final ResourceBundle bundle;
    private final Navigator navigator;
    private final CodeView policyCode;
    private final CodeView terraformCode;
    private final CodeView workflowCode;
    private final ListView<Artifact> policyList = new ListView<>();
    private final ListView<Artifact> terraformList = new ListView<>();

    @FXML private Label previewStatus;
    @FXML private TabPane reviewTabs;
    @FXML private Tab policiesTab;
    @FXML private Tab terraformTab;
    @FXML private Tab workflowTab;
    @FXML private Tab findingsTab;
    @FXML private Tab matrixTab;
    @FXML private SplitPane policiesSplit;
    @FXML private SplitPane terraformSplit;
    @FXML private StackPane workflowHolder;
    @FXML private TableView<Finding> findingsTable;
    @FXML private TableColumn<Finding, Severity> severityColumn;
    @FXML private TableColumn<Finding, String> ruleColumn;
    @FXML private TableColumn<Finding, String> locationColumn;
    @FXML private TableColumn<Finding, String> messageColumn;
    @FXML private TableColumn<Finding, String> fixColumn;
    @FXML private Button goToFindingButton;
    @FXML private Label findingDetail;
    @FXML private TableView<MatrixRow> matrixTable;
    @FXML private Label matrixDetail;

    /** One row of the matrix: a token subject (granted or a probe) and its cell per target. */
    public record MatrixRow(String subject, String probe, Map<String, Cell> cells) {
    }

    ReviewPage(WizardModel model, ResourceBundle bundle, Navigator navigator) {
        this.model = model;
        this.bundle = bundle;
        this.navigator = navigator;
        this.policyCode = new CodeView("policyCode", bundle.getString("review.policies"));
        this.terraformCode = new CodeView("terraformCode", bundle.getString("review.terraform"));
        this.workflowCode = new CodeView("workflowCode", bundle.getString("review.workflow"));
    }

    static String artifactPath(String artifact, int line) {
        return ARTIFACT_PREFIX + line + ":" + artifact;
    }

    @FXML
    private void initialize() {
        policyList.setId("policyList");
        policyList.setAccessibleText(bundle.getString("review.policies"));
        terraformList.setId("terraformList");
        terraformList.setAccessibleText(bundle.getString("review.terraform"));
        for (ListView<Artifact> list : List.of(policyList, terraformList)) {
            list.setCellFactory(v -> new ListCell<>() {
                @Override
                protected void updateItem(Artifact a, boolean empty) {
                    super.updateItem(a, empty);
                    setText(empty || a == null ? null : a.path().substring(a.path().indexOf('/') + 1));
                }
            });
        }
        policiesSplit.getItems().setAll(policyList, policyCode);
        terraformSplit.getItems().setAll(terraformList, terraformCode);
        workflowHolder.getChildren().setAll(workflowCode);
        policyList.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> showSelected(policyList, policyCode));
        terraformList.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> showSelected(terraformList, terraformCode));

        severityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
        severityColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Severity s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("severity-error", "severity-warning", "severity-info");
                if (empty || s == null) {
                    setText(null);
                } else {
                    String name = s.name().toLowerCase(java.util.Locale.ROOT);
                    setText((s == Severity.ERROR ? "✖ " : s == Severity.WARNING ? "▲ " : "ℹ ") + name);
                    getStyleClass().add("severity-" + name);
                }
            }
        });
        ruleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule()));
        locationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().location()));
        messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        fixColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().fix()));
        findingsTable.setPlaceholder(new Label(bundle.getString("nav.findings.none")));
        findingsTable.setRowFactory(t -> {
            TableRow<Finding> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    goToFinding();
                }
            });
            return row;
        });
        findingsTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goToFinding();
            }
        });
        findingsTable.getSelectionModel().selectedItemProperty().addListener((o, was, f) ->
                findingDetail.setText(f == null ? "" : f.rule() + " — " + f.message() + "\n" + f.fix()));
        goToFindingButton.disableProperty().bind(Bindings.isNull(findingsTable.getSelectionModel().selectedItemProperty()));

        matrixTable.getSelectionModel().setCellSelectionEnabled(true);
        matrixTable.getSelectionModel().getSelectedCells().addListener(
                (javafx.collections.ListChangeListener<TablePosition>) c -> showMatrixDetail());

        model.renderedProperty().addListener((o, was, is) -> showRendered(is));
        model.analysisProperty().addListener((o, was, is) -> showAnalysis(is));
        model.setupProperty().addListener(o -> updateStatus());
        showRendered(model.renderedProperty().get());
        showAnalysis(model.analysisProperty().get());
    }

    private void updateStatus() {
        PreviewService.Analysis a = model.analysisProperty().get();
        boolean current = a != null && model.setupProperty().get() != null && a.rendered().setup().equals(model.setupProperty().get());
        previewStatus.setText(current ? "" : bundle.getString("review.updating"));
    }

    // ---------------------------------------------------------------- artifacts

    private void showRendered(PreviewService.Rendered rendered) {
        updateStatus();
        if (rendered == null) {
            return;
        }
        fill(policyList, rendered.artifacts(), a -> a.path().startsWith("policies/"));
        fill(terraformList, rendered.artifacts(), a -> a.path().startsWith("terraform/"));
        workflowCode.show(rendered.workflow(), Highlighter.Language.YAML);
        showSelected(policyList, policyCode);
        showSelected(terraformList, terraformCode);
    }

    private static void fill(ListView<Artifact> list, List<Artifact> artifacts, Predicate<Artifact> which) {
        Artifact selected = list.getSelectionModel().getSelectedItem();
        List<Artifact> items = artifacts.stream().filter(which).toList();
        list.getItems().setAll(items);
        int keep = selected == null ? 0 : Math.max(0, indexOf(items, selected.path()));
        if (!items.isEmpty()) {
            list.getSelectionModel().select(keep);
        }
    }

    private static int indexOf(List<Artifact> items, String path) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    private static void showSelected(ListView<Artifact> list, CodeView code) {
        Artifact a = list.getSelectionModel().getSelectedItem();
        code.show(a == null ? "" : a.content(), a == null ? Highlighter.Language.PLAIN : Highlighter.Language.of(a.path()));
    }

    /** Selects the artifact at {@code path} (export-relative) and shows it. */
    void showArtifact(String path, int line) {
        if (path.equals(PreviewService.WORKFLOW_PATH)) {
            reviewTabs.getSelectionModel().select(workflowTab);
            workflowCode.showLine(line);
            return;
        }
        boolean policy = path.startsWith("policies/");
        ListView<Artifact> list = policy ? policyList : terraformList;
        int i = indexOf(list.getItems(), path);
        if (i >= 0) {
            reviewTabs.getSelectionModel().select(policy ? policiesTab : terraformTab);
            list.getSelectionModel().select(i);
            (policy ? policyCode : terraformCode).showLine(line);
        }
    }

    @Override
    public void focus(String path) {
        if (path.startsWith(ARTIFACT_PREFIX)) {
            String rest = path.substring(ARTIFACT_PREFIX.length());
            int colon = rest.indexOf(':');
            showArtifact(rest.substring(colon + 1), Integer.parseInt(rest.substring(0, colon)));
        }
    }

    // ---------------------------------------------------------------- findings and matrix

    private void showAnalysis(PreviewService.Analysis analysis) {
        updateStatus();
        if (analysis == null) {
            findingsTable.getItems().clear();
            matrixTable.getItems().clear();
            return;
        }
        findingsTable.getItems().setAll(analysis.findings());
        findingsTab.setText(bundle.getString("review.findings") + " (" + analysis.findings().size() + ")");
        showMatrix(analysis.cells());
    }

    @FXML
    private void goToFinding() {
        Finding f = findingsTable.getSelectionModel().getSelectedItem();
        PreviewService.Analysis a = model.analysisProperty().get();
        if (f != null && a != null) {
            FindingLocator.locate(f, a.rendered().state()).ifPresent(navigator::goTo);
        }
    }

    private void showMatrix(List<Cell> cells) {
        List<String> targets = new ArrayList<>();
        Map<String, MatrixRow> rows = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (!targets.contains(cell.target())) {
                targets.add(cell.target());
            }
            rows.computeIfAbsent(cell.subject() + "\u0000" + cell.probe(),
                    k -> new MatrixRow(cell.subject(), cell.probe(), new LinkedHashMap<>())).cells().put(cell.target(), cell);
        }
        List<String> shownTargets = matrixTable.getColumns().stream().skip(1).map(TableColumn::getText).toList();
        if (!shownTargets.equals(targets)) {
            List<TableColumn<MatrixRow, ?>> columns = new ArrayList<>();
            TableColumn<MatrixRow, String> subject = new TableColumn<>(bundle.getString("review.matrix.subject"));
            subject.setPrefWidth(420);
            subject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().subject()
                    + (c.getValue().probe() == null ? "" : "   (" + c.getValue().probe() + ")")));
            columns.add(subject);
            for (String target : targets) {
                TableColumn<MatrixRow, Cell> column = new TableColumn<>(target);
                column.setPrefWidth(130);
                column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cells().get(target)));
                column.setCellFactory(c -> new VerdictCell());
                columns.add(column);
            }
            matrixTable.getColumns().setAll(columns);
        }
        matrixTable.setItems(FXCollections.observableArrayList(rows.values()));
    }

    private void showMatrixDetail() {
        List<TablePosition> selected = matrixTable.getSelectionModel().getSelectedCells();
        if (selected.isEmpty() || selected.get(0).getColumn() < 1) {
            matrixDetail.setText("");
            return;
        }
        TablePosition<?, ?> pos = selected.get(0);
        MatrixRow row = matrixTable.getItems().get(pos.getRow());
        Cell cell = row.cells().get(matrixTable.getColumns().get(pos.getColumn()).getText());
        matrixDetail.setText(cell == null ? "" : describe(cell));
    }

    private String describe(Cell cell) {
        return cell.target() + " × " + cell.subject() + ": " + verdict(cell)
                + (cell.hop() == null ? "" : " at " + cell.hop().json()) + "\n" + cell.reason();
    }

    private String verdict(Cell cell) {
        String v = bundle.getString(cell.verdict() == Cell.Expectation.ALLOW ? "review.matrix.allowed" : "review.matrix.denied");
        return cell.asExpected() ? v : v + " (" + bundle.getString("review.matrix.unexpected") + ")";
    }

    /** A matrix cell: coloured by verdict, the hop and reason on hover (written only when shown). */
    private final class VerdictCell extends TableCell<MatrixRow, Cell> {
        private final Tooltip tooltip = new Tooltip();

        VerdictCell() {
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
            tooltip.setOnShowing(e -> tooltip.setText(getItem() == null ? "" : describe(getItem())));
        }

        @Override
        protected void updateItem(Cell cell, boolean empty) {
            super.updateItem(cell, empty);
            getStyleClass().removeAll("matrix-allowed", "matrix-denied", "matrix-unexpected");
            if (empty || cell == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText((cell.verdict() == Cell.Expectation.ALLOW ? "✔ " : "✖ ") + verdict(cell));
            getStyleClass().add(!cell.asExpected() ? "matrix-unexpected"
                    : cell.verdict() == Cell.Expectation.ALLOW ? "matrix-allowed" : "matrix-denied");
            setTooltip(tooltip);
        }
    }

    void showFindingsTab() {
        reviewTabs.getSelectionModel().select(findingsTab);
    }

    // for tests and the benchmark

    CodeView policyCode() {
        return policyCode;
    }

    CodeView workflowCode() {
        return workflowCode;
    }
}
