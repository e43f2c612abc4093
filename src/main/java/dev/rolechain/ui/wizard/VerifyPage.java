package dev.rolechain.ui.wizard;

import dev.rolechain.aws.LiveCheck;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.ui.common.Background;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
    private VBox view;
    private MatrixView matrixView;

    VerifyPage(WizardModel model, ResourceBundle bundle, Background background, LiveAws aws) {
        this.model = model;
        this.bundle = bundle;
        this.background = background;
        this.aws = aws;
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
        detail.setMinHeight(48);
        matrixView = new MatrixView(table, detail, bundle);
        view = new VBox(title, lead, new HBox(8, verifyButton), summary, provider, permissions, table, detail);
        view.getStyleClass().add("page");
        VBox.setVgrow(table, Priority.ALWAYS);
        return view;
    }

    @Override
    public void shown() {
        verifyButton.requestFocus();
    }

    private void verify() {
        PreviewService.Rendered r = model.currentRendered();
        if (r == null) {
            summary.setText(model.text("message.previewNotReady"));
            return;
        }
        boolean afterApply = model.appliedProperty().get();
        summary.setText(bundle.getString(afterApply ? "verify.runningAfterApply" : "verify.running"));
        verifyButton.setDisable(true);
        DesiredState state = r.state();
        background.run(() -> aws.verify(state, afterApply), this::show, e -> {
            verifyButton.setDisable(false);
            summary.setText(e.getMessage());
        });
    }

    private void show(LiveCheck.Result result) {
        verifyButton.setDisable(false);
        long wrong = result.cells().stream().filter(c -> !c.asExpected()).count();
        provider.setText(model.text("verify.provider", result.provider()));
        permissions.getItems().setAll(result.permissions().stream().map(p -> model.text("verify.permission", p.target(),
                p.ours() ? "allowed" : "denied", p.simulator().orElse(bundle.getString("verify.noSimulator")))
                + (p.disagree() ? "  ← " + bundle.getString("verify.disagrees") : "")).toList());
        matrixView.show(result.cells());
        // the summary last: it is what says the check has ended
        summary.getStyleClass().removeAll("severity-error", "severity-info");
        summary.getStyleClass().add(result.ok() ? "severity-info" : "severity-error");
        summary.setText(model.text(result.ok() ? "verify.ok" : "verify.notOk", result.cells().size(), wrong));
    }
}
