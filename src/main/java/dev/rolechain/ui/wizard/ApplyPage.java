package dev.rolechain.ui.wizard;

import dev.rolechain.aws.Applier;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.CodeView;
import dev.rolechain.ui.common.FileDialogs;
import dev.rolechain.ui.common.Highlighter;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Apply: each account's profile and whether it reaches that account now (with IAM Identity Center
 * sign-in), the plan as a list of changes with the live and planned documents side by side, Apply
 * with each write as it happens and a Cancel that stops between writes, and the journal.
 */
final class ApplyPage implements Page {
    private final WizardModel model;
    private final ResourceBundle bundle;
    private final Background background;
    private final FileDialogs dialogs;
    private final LiveAws aws;
    private final GridPane profileRows = new GridPane();
    private final Label profilesMessage = new Label();
    private final ListView<Change> changeList = new ListView<>();
    private final Label planMessage = new Label();
    private final CodeView liveDocument;
    private final CodeView plannedDocument;
    private final ListView<String> steps = new ListView<>();
    private final Label applyMessage = new Label();
    private final ListView<String> journal = new ListView<>();
    private final Button checkButton = new Button();
    private final Button planButton = new Button();
    private final Button applyButton = new Button();
    private final Button cancelButton = new Button();
    private final Button restoreButton = new Button();
    private final Label restoreMessage = new Label();
    private final AtomicBoolean cancel = new AtomicBoolean();
    private VBox view;
    private final ApplyModel applyModel;

    ApplyPage(WizardModel model, ResourceBundle bundle, Background background, FileDialogs dialogs, LiveAws aws) {
        this.model = model;
        this.applyModel = new ApplyModel(aws, background);
        this.bundle = bundle;
        this.background = background;
        this.dialogs = dialogs;
        this.aws = aws;
        this.liveDocument = new CodeView("liveDocument", bundle.getString("apply.live"));
        this.plannedDocument = new CodeView("plannedDocument", bundle.getString("apply.planned"));
    }

    Parent view() {
        if (view != null) {
            return view;
        }
        Label title = new Label(bundle.getString("apply.title"));
        title.getStyleClass().add("page-title");
        Label lead = new Label(bundle.getString("apply.lead"));
        lead.getStyleClass().add("lead");
        lead.setWrapText(true);
        button(checkButton, "checkProfilesButton", "apply.check", this::checkProfiles);
        button(planButton, "planButton", "apply.plan", this::plan);
        button(applyButton, "applyButton", "apply.apply", this::apply);
        button(cancelButton, "cancelApplyButton", "apply.cancel", () -> cancel.set(true));
        button(restoreButton, "restoreButton", "apply.restore", this::restore);
        applyButton.getStyleClass().add("accent");
        cancelButton.setDisable(true);
        profileRows.getStyleClass().add("form");
        profileRows.setId("profileRows");
        for (Label l : List.of(profilesMessage, planMessage, applyMessage, restoreMessage)) {
            l.getStyleClass().add("message-bar");
            l.setWrapText(true);
        }
        profilesMessage.setId("profilesMessage");
        planMessage.setId("planMessage");
        applyMessage.setId("applyMessage");
        restoreMessage.setId("restoreMessage");
        changeList.setId("changeList");
        changeList.setAccessibleText(bundle.getString("apply.changes"));
        changeList.setPrefHeight(160);
        changeList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Change c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.action().json() + "  " + c.account() + "  " + c.resource()
                        + kept(c));
            }
        });
        changeList.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> showDiff(c));
        SplitPane diff = new SplitPane(titled("apply.live", liveDocument), titled("apply.planned", plannedDocument));
        diff.setPrefHeight(260);
        steps.setId("applySteps");
        steps.setAccessibleText(bundle.getString("apply.steps"));
        steps.setPrefHeight(140);
        journal.setId("journalList");
        journal.setAccessibleText(bundle.getString("apply.journal"));
        journal.setPrefHeight(140);
        VBox content = new VBox(title, lead,
                section("apply.profiles"), profileRows, new HBox(8, checkButton), profilesMessage,
                section("apply.changes"), new HBox(8, planButton), planMessage, changeList, diff,
                section("apply.steps"), new HBox(8, applyButton, cancelButton), applyMessage, steps,
                section("apply.journal"), journal,
                section("apply.restore.title"), new HBox(8, restoreButton), restoreMessage);
        content.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        view = new VBox(scroll);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        // the view model hears of every edit: the Setup as planned, or none while it is not valid
        model.setupProperty().addListener(o -> applyModel.setup(model.setupProperty().get() == null ? null : state()));
        model.renderedProperty().addListener(o -> applyModel.setup(model.setupProperty().get() == null ? null : state()));
        applyModel.setup(state());
        applyModel.profiles().addListener((javafx.collections.ListChangeListener<LiveAws.ProfileStatus>) c -> showProfiles());
        applyModel.profilesStatusProperty().addListener(o -> showProfilesMessage());
        applyModel.profilesErrorProperty().addListener(o -> showProfilesMessage());
        changeList.setItems(applyModel.changes());
        applyModel.planStatusProperty().addListener(o -> showPlanMessage());
        applyModel.planErrorProperty().addListener(o -> showPlanMessage());
        return view;
    }

    @Override
    public void shown() {
        if (applyModel.profilesStatusProperty().get() == ApplyModel.Status.NONE) {
            checkProfiles();
        }
        checkButton.requestFocus();
    }

    private DesiredState state() {
        PreviewService.Rendered r = model.currentRendered();
        return r == null ? null : r.state();
    }

    private void checkProfiles() {
        if (state() == null) {
            profilesMessage.setText(model.text("message.previewNotReady"));
            return;
        }
        applyModel.checkProfiles();
    }

    private void showProfiles() {
        profileRows.getChildren().clear();
        List<LiveAws.ProfileStatus> statuses = applyModel.profiles();
        for (int i = 0; i < statuses.size(); i++) {
            LiveAws.ProfileStatus s = statuses.get(i);
            Label status = new Label((s.ok() ? "✔ " : "✖ ") + s.status());
            status.setId("profileStatus-" + i);
            status.getStyleClass().add(s.ok() ? "severity-info" : "severity-error");
            status.setWrapText(true);
            profileRows.addRow(i, new Label(s.account()), new Label(s.profile() == null ? "(default)" : s.profile()), status);
            if (!s.ok() && s.ssoSession()) {
                Button signIn = new Button(bundle.getString("apply.signIn"));
                signIn.setId("signIn-" + i);
                signIn.setOnAction(e -> signIn(s.profile()));
                profileRows.add(signIn, 3, i);
            }
        }
    }

    private void showProfilesMessage() {
        profilesMessage.getStyleClass().removeAll("severity-info", "severity-error");
        if (applyModel.profilesErrorProperty().get() != null) {
            profilesMessage.setText(applyModel.profilesErrorProperty().get());
            return;
        }
        profilesMessage.setText(switch (applyModel.profilesStatusProperty().get()) {
            case NONE -> "";
            case RUNNING -> bundle.getString("apply.checking");
            case STALE -> bundle.getString("apply.profilesStale");
            case CURRENT -> bundle.getString(applyModel.profilesOkProperty().get() ? "apply.profilesOk" : "apply.profilesNotOk");
        });
    }

    private void showPlanMessage() {
        if (applyModel.planErrorProperty().get() != null) {
            planMessage.setText(applyModel.planErrorProperty().get());
            return;
        }
        List<Change> changes = applyModel.changes();
        long todo = changes.stream().filter(c -> c.action() != Change.Action.NONE).count();
        planMessage.setText(switch (applyModel.planStatusProperty().get()) {
            case NONE -> "";
            case RUNNING -> bundle.getString("apply.planning");
            case STALE -> bundle.getString("apply.planStale");
            case CURRENT -> model.text("apply.planned.summary", todo, changes.size() - todo) + applyModel.findings().stream()
                    .map(f -> "\n" + model.text("apply.finding", f)).collect(java.util.stream.Collectors.joining());
        });
        if (applyModel.planStatusProperty().get() == ApplyModel.Status.CURRENT && !changes.isEmpty()
                && changeList.getSelectionModel().isEmpty()) {
            changeList.getSelectionModel().select(0);
        }
    }

    private void signIn(String profile) {
        profilesMessage.setText(bundle.getString("apply.signingIn"));
        background.run(() -> {
            aws.signIn(profile, code -> Platform.runLater(() -> profilesMessage.setText(
                    model.text("apply.deviceCode", code.userCode(), code.verificationUriComplete()))));
            return profile;
        }, p -> checkProfiles(), e -> profilesMessage.setText(e.getMessage()));
    }

    private void plan() {
        if (state() == null) {
            planMessage.setText(model.text("message.previewNotReady"));
            return;
        }
        applyModel.plan();
    }

    /** The unified diff split into its two sides: the live document (context and removed lines) and the planned one. */
    private void showDiff(Change change) {
        StringBuilder live = new StringBuilder();
        StringBuilder planned = new StringBuilder();
        if (change != null && change.diff() == null) {
            // nothing to compare: a create (nothing there yet) or no change (the same on both sides)
            String document = plannedDocument(change);
            planned.append(document);
            if (change.action() == Change.Action.NONE) {
                live.append(document);
            }
        } else if (change != null) {
            for (String line : change.diff().split("\n", -1)) {
                if (line.startsWith("---") || line.startsWith("+++") || line.startsWith("@@")) {
                    continue;
                }
                if (line.startsWith("-")) {
                    live.append(line.substring(1)).append('\n');
                } else if (line.startsWith("+")) {
                    planned.append(line.substring(1)).append('\n');
                } else {
                    String context = line.isEmpty() ? "" : line.substring(1);
                    live.append(context).append('\n');
                    planned.append(context).append('\n');
                }
            }
        }
        liveDocument.show(live.toString(), Highlighter.Language.JSON);
        plannedDocument.show(planned.toString(), Highlighter.Language.JSON);
        // each change is another document: start it at its top, not where the last one was scrolled to
        liveDocument.scrollToTop();
        plannedDocument.scrollToTop();
    }

    /** The planned document a change concerns: a role's trust, an inline policy, or nothing to show. */
    private String plannedDocument(Change change) {
        DesiredState planned = applyModel.planned();
        if (planned == null) {
            return "";
        }
        dev.rolechain.plan.Resource resource = dev.rolechain.plan.Resource.parse(change.resource());
        if (resource.role() == null) {
            return "";
        }
        return planned.account(change.account()).flatMap(a -> a.role(resource.role())).map(role -> switch (resource.kind()) {
            case INLINE_POLICY -> {
                var doc = role.inlinePolicies().get(resource.name());
                yield doc == null ? "" : dev.rolechain.iam.PolicyJson.print(doc);
            }
            case ATTACHMENT -> resource.name();
            default -> dev.rolechain.iam.PolicyJson.print(role.trustPolicy());
        }).orElse("");
    }

    private void apply() {
        DesiredState state = state();
        if (state == null) {
            applyMessage.setText(model.text("message.previewNotReady"));
            return;
        }
        cancel.set(false);
        steps.getItems().clear();
        applyButton.setDisable(true);
        cancelButton.setDisable(false);
        applyMessage.setText(bundle.getString("apply.applying"));
        // the progress is what the user watches now
        dev.rolechain.ui.common.Scrolling.intoView(steps);
        Applier.Confirmation confirm = (account, role, why, diff) -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Platform.runLater(() -> answer.complete(dialogs.confirm(applyButton.getScene().getWindow(),
                    model.text("apply.confirm.title", role, account), why + "\n\n" + diff,
                    bundle.getString("apply.confirm.agree"))));
            return answer.join();
        };
        Applier.Progress progress = new Applier.Progress() {
            @Override
            public void writing(String account, String action, String resource) {
                Platform.runLater(() -> steps.getItems().add(account + "  " + action + "  " + resource));
            }

            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        };
        background.run(() -> aws.apply(state, confirm, progress), result -> {
            finishApply();
            model.markApplied();
            applyMessage.setText(model.text("apply.done", result.writes(), result.skipped().size())
                    + (result.backupFolder() == null ? "" : "\n" + model.text("apply.backup", result.backupFolder())));
            // the plan was of the accounts before the apply: read them again
            applyModel.applied();
        }, e -> {
            finishApply();
            applyMessage.setText(e.getMessage());
        });
    }

    /** What a role's change keeps of others', as the change list shows it: "kept: 2 trust statements of others; …". */
    private String kept(Change c) {
        List<String> kept = c.notes().stream().filter(n -> n.startsWith("keeps ")).map(n -> n.substring("keeps ".length()))
                .toList();
        return kept.isEmpty() ? "" : "  —  " + model.text("apply.kept", String.join("; ", kept));
    }

    /** Restore a backup folder of an earlier apply, after a confirmation; what apply created is removed only if agreed. */
    private void restore() {
        var window = restoreButton.getScene().getWindow();
        java.util.Optional<java.nio.file.Path> folder = dialogs.chooseFolder(window);
        if (folder.isEmpty()) {
            return;
        }
        if (!dialogs.confirm(window, bundle.getString("apply.restore.confirm.title"),
                model.text("apply.restore.confirm", folder.get()), bundle.getString("apply.restore.confirm.agree"))) {
            return;
        }
        restoreMessage.setText(bundle.getString("apply.restoring"));
        restoreButton.setDisable(true);
        dev.rolechain.aws.Restorer.Removal removal = created -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            Platform.runLater(() -> answer.complete(dialogs.confirm(window, bundle.getString("apply.remove.title"),
                    model.text("apply.remove", String.join("\n", created)), bundle.getString("apply.remove.agree"))));
            return answer.join();
        };
        background.run(() -> aws.restore(folder.get(), removal), result -> {
            restoreButton.setDisable(false);
            restoreMessage.setText(model.text("apply.restored", result.restored().size(), result.unchanged().size(),
                    result.removed().size(), result.createdKept().size())
                    + result.problems().stream().map(p -> "\n" + p).collect(java.util.stream.Collectors.joining()));
            background.run(() -> aws.journalTail(50), journal.getItems()::setAll, e -> { });
        }, e -> {
            restoreButton.setDisable(false);
            restoreMessage.setText(e.getMessage());
        });
    }

    private void finishApply() {
        applyButton.setDisable(false);
        cancelButton.setDisable(true);
        background.run(() -> aws.journalTail(50), journal.getItems()::setAll, e -> { });
    }

    private Label section(String key) {
        Label label = new Label(bundle.getString(key));
        label.getStyleClass().add("section-title");
        return label;
    }

    private VBox titled(String key, CodeView code) {
        VBox box = new VBox(4, new Label(bundle.getString(key)), code);
        VBox.setVgrow(code, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private void button(Button b, String id, String key, Runnable action) {
        b.setId(id);
        b.setText(bundle.getString(key));
        b.setOnAction(e -> action.run());
    }
}
