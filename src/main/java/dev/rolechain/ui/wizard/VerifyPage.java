package dev.rolechain.ui.wizard;

import dev.rolechain.aws.LiveCheck;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.ui.common.Background;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import java.util.List;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Verify: the dry-run matrix on the documents read from the accounts, the OIDC provider and its
 * audience, and the IAM policy simulator's opinion beside Rolechain's (a disagreement is shown).
 */
final class VerifyPage implements Page {
    private final WizardModel model;
    private final ResourceBundle bundle;
    private final Background background;
    private final LiveAws aws;
    private final Button verifyButton = new Button();
    private final Label summary = new Label();
    private final Label provider = new Label();
    private final ListView<String> permissions = new ListView<>();
    private final TableView<MatrixView.MatrixRow> table = new TableView<>();
    private final Label detail = new Label();
    private javafx.scene.control.ScrollPane view;
    private MatrixView matrixView;
    private final GitHubRunModel github;
    private final VerifyModel live;

    VerifyPage(WizardModel model, ResourceBundle bundle, Background background, LiveAws aws, GitHubRunModel github) {
        this.model = model;
        this.live = new VerifyModel(aws, background);
        this.bundle = bundle;
        this.background = background;
        this.aws = aws;
        this.github = github;
    }

    Parent view() {
        if (view != null) {
            return view;
        }
        Label title = new Label(bundle.getString("verify.title"));
        title.getStyleClass().add("page-title");
        Label lead = new Label(bundle.getString("verify.lead"));
        lead.getStyleClass().add("lead");
        lead.setWrapText(true);
        lead.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verifyButton.setId("verifyButton");
        verifyButton.setText(bundle.getString("verify.run"));
        verifyButton.getStyleClass().add("accent");
        verifyButton.setOnAction(e -> verify());
        summary.setId("verifySummary");
        summary.setWrapText(true);
        provider.setId("verifyProvider");
        permissions.setId("verifyPermissions");
        permissions.setAccessibleText(bundle.getString("verify.permissions"));
        permissions.setPrefHeight(130);
        table.setId("liveMatrixTable");
        table.setAccessibleText(bundle.getString("review.matrix"));
        detail.setId("liveMatrixDetail");
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        matrixView = new MatrixView(table, detail, bundle);
        table.setPlaceholder(new Label(bundle.getString("verify.notRun")));
        table.setPrefHeight(260);
        VBox page = new VBox(title, lead, new HBox(8, verifyButton), summary, provider, permissions, table, detail,
                gitHubSection());
        // an edit makes what was read for the last Setup stale; the page says so instead of showing it as current
        model.setupProperty().addListener(o -> live.setup(model.setupProperty().get() == null || model.currentRendered() == null
                ? null : model.currentRendered().state()));
        model.renderedProperty().addListener(o -> live.setup(model.currentRendered() == null ? null
                : model.currentRendered().state()));
        live.statusProperty().addListener(o -> showStatus());
        live.errorProperty().addListener(o -> showStatus());
        page.getStyleClass().add("page");
        view = new javafx.scene.control.ScrollPane(page);
        view.setFitToWidth(true);
        return view;
    }

    /** "In GitHub": the verification workflow dispatched in a repository, each hop as GitHub and AWS did it. */
    private VBox gitHubSection() {
        Label title = new Label(bundle.getString("verify.github.title"));
        title.getStyleClass().add("section-title");
        Label lead = new Label(bundle.getString("verify.github.lead"));
        lead.getStyleClass().add("lead");
        lead.setWrapText(true);
        lead.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.ComboBox<String> repository = new javafx.scene.control.ComboBox<>(github.repositories());
        repository.setId("githubRunRepository");
        repository.setAccessibleText(bundle.getString("verify.github.repository"));
        repository.valueProperty().bindBidirectional(github.repositoryProperty());
        javafx.scene.control.TextField ref = new javafx.scene.control.TextField();
        ref.setId("githubRunRef");
        ref.setPromptText(bundle.getString("verify.github.ref"));
        ref.setAccessibleText(bundle.getString("verify.github.ref"));
        ref.textProperty().bindBidirectional(github.refProperty());
        javafx.scene.control.CheckBox probe = new javafx.scene.control.CheckBox(bundle.getString("verify.github.probe"));
        probe.setId("githubRunProbe");
        probe.selectedProperty().bindBidirectional(github.probeProperty());
        javafx.scene.control.TextField timeout = new javafx.scene.control.TextField();
        timeout.setId("githubRunTimeout");
        timeout.setPrefColumnCount(4);
        timeout.setAccessibleText(bundle.getString("verify.github.timeout"));
        timeout.setTooltip(new javafx.scene.control.Tooltip(bundle.getString("verify.github.timeout")));
        timeout.textProperty().bindBidirectional(github.timeoutSecondsProperty());
        Forms.digitsOnly(timeout);
        Label timeoutLabel = new Label(bundle.getString("verify.github.timeout.short"));
        timeoutLabel.setLabelFor(timeout);
        Button run = new Button(bundle.getString("verify.github.run"));
        run.setId("githubRunButton");
        run.disableProperty().bind(github.runningProperty().or(github.repositoryProperty().isEmpty()));
        run.setOnAction(e -> github.run(model.currentRendered() == null ? null : model.currentRendered().state()));
        Button cancel = new Button(bundle.getString("verify.github.cancel"));
        cancel.setId("githubCancelButton");
        cancel.disableProperty().bind(github.runningProperty().not());
        cancel.setOnAction(e -> github.cancel());
        Label progress = new Label();
        progress.setId("githubRunProgress");
        progress.textProperty().bind(github.progressProperty());
        progress.setWrapText(true);
        Label outcome = new Label();
        outcome.setId("githubRunOutcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(github.outcomeProperty());
        github.failedProperty().addListener((o, was, now) -> {
            outcome.getStyleClass().removeAll("severity-error", "severity-info");
            outcome.getStyleClass().add(now ? "severity-error" : "severity-info");
        });
        TableView<GitHubRunModel.Row> rows = new TableView<>(github.rows());
        rows.setId("githubRunTable");
        rows.setAccessibleText(bundle.getString("verify.github.title"));
        rows.setPrefHeight(180);
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rows.setPlaceholder(new Label(bundle.getString("verify.github.none")));
        rows.getColumns().setAll(List.of(column("verify.github.col.run", GitHubRunModel.Row::run, 120),
                column("verify.github.col.target", GitHubRunModel.Row::target, 100),
                column("verify.github.col.expected", GitHubRunModel.Row::expected, 80),
                column("verify.github.col.actual", r -> (r.asExpected() ? "✔ " : "✘ ") + r.actual(), 150),
                column("verify.github.col.hop1", GitHubRunModel.Row::hop1, 210),
                column("verify.github.col.hop2", GitHubRunModel.Row::hop2, 210)));
        HBox where = new HBox(8, repository, ref);
        where.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(ref, Priority.ALWAYS);
        HBox commands = new HBox(8, probe, timeoutLabel, timeout, run, cancel);
        commands.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (javafx.scene.control.Control c : List.of(probe, timeoutLabel, timeout, run, cancel)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        repository.setMaxWidth(420);
        return new VBox(8, title, lead, where, commands, progress, outcome, rows);
    }

    private TableColumn<GitHubRunModel.Row, String> column(String key,
            java.util.function.Function<GitHubRunModel.Row, String> value, double width) {
        TableColumn<GitHubRunModel.Row, String> c = new TableColumn<>(bundle.getString(key));
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setMinWidth(70);
        c.setPrefWidth(width);
        return c;
    }

    @Override
    public void shown() {
        github.setup(model.currentRendered() == null ? null : model.currentRendered().state());
        verifyButton.requestFocus();
    }

    private void verify() {
        if (model.currentRendered() == null) {
            summary.setText(model.text("message.previewNotReady"));
            return;
        }
        live.setup(model.currentRendered().state());
        live.verify(model.appliedProperty().get());
    }

    private void showStatus() {
        verifyButton.setDisable(live.statusProperty().get() == ApplyModel.Status.RUNNING);
        summary.getStyleClass().removeAll("severity-error", "severity-info");
        if (live.errorProperty().get() != null) {
            summary.setText(live.errorProperty().get());
            return;
        }
        switch (live.statusProperty().get()) {
            case RUNNING -> summary.setText(bundle.getString(model.appliedProperty().get() ? "verify.runningAfterApply"
                    : "verify.running"));
            case STALE -> summary.setText(bundle.getString("verify.stale"));
            case CURRENT -> show(live.resultProperty().get());
            default -> summary.setText("");
        }
    }

    private void show(LiveCheck.Result result) {
        long wrong = result.cells().stream().filter(c -> !c.asExpected()).count();
        provider.setText(model.text("verify.provider", result.provider()));
        permissions.getItems().setAll(result.permissions().stream().map(p -> model.text("verify.permission", p.target(),
                p.ours() ? "allowed" : "denied", p.simulator().orElse(model.text("verify.noSimulator", String.valueOf(p.simulatorProblem()))))
                + (p.disagree() ? "  ← " + bundle.getString("verify.disagrees") : "")).toList());
        matrixView.show(result.cells());
        // the summary last: it is what says the check has ended
        summary.getStyleClass().removeAll("severity-error", "severity-info");
        summary.getStyleClass().add(result.ok() ? "severity-info" : "severity-error");
        summary.setText(model.text(result.ok() ? "verify.ok" : "verify.notOk", result.cells().size(), wrong));
    }
}
