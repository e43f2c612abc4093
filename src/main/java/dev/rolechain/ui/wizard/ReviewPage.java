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
    private CodeView policyCode;
    private CodeView terraformCode;
    private CodeView workflowCode;
    private final ListView<String> policyList = new ListView<>();
    private final ListView<String> terraformList = new ListView<>();
    /** The artifacts shown, by export path; the lists hold the paths. */
    private final Map<String, Artifact> artifacts = new java.util.HashMap<>();

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
    @FXML private TableView<MatrixView.MatrixRow> matrixTable;
    private MatrixView matrix;
    @FXML private Label matrixDetail;


    ReviewPage(WizardModel model, ResourceBundle bundle, Navigator navigator) {
        this.model = model;
        this.bundle = bundle;
        this.navigator = navigator;
    }

    static String artifactPath(String artifact, int line) {
        return ARTIFACT_PREFIX + line + ":" + artifact;
    }

    @FXML
    private void initialize() {
        policyCode = new CodeView("policyCode", bundle.getString("review.policies"));
        terraformCode = new CodeView("terraformCode", bundle.getString("review.terraform"));
        workflowCode = new CodeView("workflowCode", bundle.getString("review.workflow"));
        policyList.setId("policyList");
        policyList.setAccessibleText(bundle.getString("review.policies"));
        terraformList.setId("terraformList");
        terraformList.setAccessibleText(bundle.getString("review.terraform"));
        for (ListView<String> list : List.of(policyList, terraformList)) {
            list.setCellFactory(v -> new ListCell<>() {
                @Override
                protected void updateItem(String path, boolean empty) {
                    super.updateItem(path, empty);
                    setText(empty || path == null ? null : trustSize(path) + path.substring(path.indexOf('/') + 1));
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
        ruleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().ruleId()));
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
                findingDetail.setText(f == null ? "" : f.ruleId() + " — " + f.message() + "\n" + f.fix()));
        goToFindingButton.disableProperty().bind(Bindings.isNull(findingsTable.getSelectionModel().selectedItemProperty()));

        matrix = new MatrixView(matrixTable, matrixDetail, bundle);

        // only the tab in view is brought up to date; the others catch up when they are selected
        model.renderedProperty().addListener(o -> refresh());
        model.analysisProperty().addListener(o -> refresh());
        model.setupProperty().addListener(o -> updateStatus());
        reviewTabs.getSelectionModel().selectedItemProperty().addListener(o -> refresh());
        refresh();
    }

    private void updateStatus() {
        PreviewService.Analysis a = model.analysisProperty().get();
        boolean current = a != null && model.setupProperty().get() != null && a.rendered().setup().equals(model.setupProperty().get());
        previewStatus.setText(current ? "" : bundle.getString("review.updating"));
    }

    // ---------------------------------------------------------------- artifacts

    private PreviewService.Rendered shownRendered;
    private PreviewService.Analysis shownAnalysis;
    private final java.util.Set<Tab> upToDate = new java.util.HashSet<>();

    private void refresh() {
        updateStatus();
        PreviewService.Rendered rendered = model.renderedProperty().get();
        PreviewService.Analysis analysis = model.analysisProperty().get();
        if (rendered != shownRendered) {
            shownRendered = rendered;
            upToDate.removeAll(List.of(policiesTab, terraformTab, workflowTab));
        }
        if (analysis != shownAnalysis) {
            shownAnalysis = analysis;
            upToDate.removeAll(List.of(findingsTab, matrixTab));
            int count = analysis == null ? 0 : analysis.findings().size();
            findingsTab.setText(bundle.getString("review.findings") + (analysis == null ? "" : " (" + count + ")"));
        }
        Tab tab = reviewTabs.getSelectionModel().getSelectedItem();
        if (tab == null || upToDate.contains(tab)) {
            return;
        }
        if (tab == policiesTab || tab == terraformTab || tab == workflowTab) {
            if (rendered == null) {
                return;
            }
            if (tab == policiesTab) {
                fill(policyList, rendered.artifacts(), a -> a.path().startsWith("policies/"));
                showSelected(policyList, policyCode);
            } else if (tab == terraformTab) {
                fill(terraformList, rendered.artifacts(), a -> a.path().startsWith("terraform/"));
                showSelected(terraformList, terraformCode);
            } else {
                workflowCode.show(rendered.workflow(), Highlighter.Language.YAML);
            }
        } else if (analysis == null) {
            findingsTable.getItems().clear();
            matrixTable.getItems().clear();
            return;
        } else if (tab == findingsTab) {
            findingsTable.getItems().setAll(analysis.findings());
        } else {
            matrix.show(analysis.cells());
        }
        upToDate.add(tab);
    }

    /**
     * Puts the artifacts' paths into the list; when the paths are the same as shown (an edit changed
     * contents only) the list is left alone and only the selected file's view is updated.
     */
    private void fill(ListView<String> list, List<Artifact> all, Predicate<Artifact> which) {
        List<String> paths = new ArrayList<>();
        for (Artifact a : all) {
            if (which.test(a)) {
                artifacts.put(a.path(), a);
                paths.add(a.path());
            }
        }
        if (!list.getItems().equals(paths)) {
            String selected = list.getSelectionModel().getSelectedItem();
            list.getItems().setAll(paths);
            int keep = selected == null ? 0 : Math.max(0, paths.indexOf(selected));
            if (!paths.isEmpty()) {
                list.getSelectionModel().select(keep);
            }
        } else {
            list.refresh();
            if (list.getSelectionModel().isEmpty() && !paths.isEmpty()) {
                list.getSelectionModel().select(0);
            }
        }
    }

    /**
     * Before a trust policy's path, its size as IAM counts it against the role trust policy quota in force:
     * "1,734 / 2,048  ·  " (marked when over), so that a narrow list still shows it.
     */
    private String trustSize(String path) {
        Artifact a = artifacts.get(path);
        if (a == null || !path.endsWith("/trust.json")) {
            return "";
        }
        long size;
        try {
            size = dev.rolechain.plan.QuotaCheck.size(dev.rolechain.iam.PolicyJson.parse(a.content()));
        } catch (dev.rolechain.iam.PolicyException e) {
            return "";
        }
        dev.rolechain.setup.Setup setup = model.setupProperty().get();
        int limit = dev.rolechain.plan.Quota.TRUST_POLICY_SIZE.limit(setup == null ? java.util.Map.of() : setup.quotas());
        return model.text(size > limit ? "review.trustSize.over" : "review.trustSize",
                dev.rolechain.plan.QuotaCheck.number(size), dev.rolechain.plan.QuotaCheck.number(limit)) + "  ·  ";
    }

    private void showSelected(ListView<String> list, CodeView code) {
        String path = list.getSelectionModel().getSelectedItem();
        Artifact a = path == null ? null : artifacts.get(path);
        code.show(a == null ? "" : a.content(), a == null ? Highlighter.Language.PLAIN : Highlighter.Language.of(a.path()));
    }

    /** Selects the artifact at {@code path} (export-relative) and shows it. */
    void showArtifact(String path, int line) {
        if (path.equals(PreviewService.WORKFLOW_PATH)) {
            reviewTabs.getSelectionModel().select(workflowTab);
            refresh();
            workflowCode.showLine(line);
            return;
        }
        boolean policy = path.startsWith("policies/");
        ListView<String> list = policy ? policyList : terraformList;
        reviewTabs.getSelectionModel().select(policy ? policiesTab : terraformTab);
        refresh();
        int i = list.getItems().indexOf(path);
        if (i >= 0) {
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

    @FXML
    private void goToFinding() {
        Finding f = findingsTable.getSelectionModel().getSelectedItem();
        PreviewService.Analysis a = model.analysisProperty().get();
        if (f != null && a != null) {
            FindingLocator.locate(f, a.rendered().state()).ifPresent(navigator::goTo);
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
