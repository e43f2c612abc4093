package dev.rolechain.ui.wizard;

import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;

/** GitHub: the owner, the token issuer and audience, the repositories, and the workflow settings. */
public final class GitHubPage implements Page {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final WizardModel model;
    private final FieldFeedback feedback;
    private final dev.rolechain.ui.common.Background background;
    private final GitHubLookup lookup;
    /** The owner last read from GitHub, and which of its repositories are ticked. */
    private GitHubLookup.Owner read;
    private final java.util.Map<String, javafx.beans.property.BooleanProperty> ticked = new java.util.HashMap<>();

    @FXML private TextField ownerField;
    @FXML private Label ownerMessage;
    @FXML private ToggleGroup issuerGroup;
    @FXML private RadioButton issuerComRadio;
    @FXML private RadioButton issuerCloudRadio;
    @FXML private RadioButton issuerServerRadio;
    @FXML private TextField slugField;
    @FXML private TextField hostField;
    @FXML private Label issuerMessage;
    @FXML private TextField audienceField;
    @FXML private Label audienceMessage;
    @FXML private TextField repositoryField;
    @FXML private Label repositoryMessage;
    @FXML private ListView<String> repositoryList;
    @FXML private Button removeRepositoryButton;
    @FXML private TitledPane workflowPane;
    @FXML private javafx.scene.control.ChoiceBox<dev.rolechain.setup.SubjectFormat> subjectFormatChoice;
    @FXML private TextField ownerIdField;
    @FXML private Label ownerIdMessage;
    private boolean repositoryIdProblemShown;
    @FXML private TextField actionRefField;
    @FXML private Label actionRefMessage;
    @FXML private TextField workflowRegionField;
    @FXML private Label workflowRegionMessage;
    @FXML private TextField sessionNameField;
    @FXML private Label sessionNameMessage;
    @FXML private TextField durationField;
    @FXML private Label durationMessage;
    @FXML private CheckBox sessionTaggingCheck;
    @FXML private javafx.scene.control.PasswordField tokenField;
    @FXML private Button readGitHubButton;
    @FXML private Label gitHubStatus;
    @FXML private javafx.scene.layout.HBox pickerBox;
    @FXML private ListView<dev.rolechain.githubapi.GitHubApi.Repository> gitHubRepositoryList;
    @FXML private Button addPickedButton;

    @FXML private Button checkGitHubButton;
    @FXML private Button protectButton;
    @FXML private ListView<String> gitHubProblemList;
    private final dev.rolechain.ui.common.FileDialogs dialogs;
    /** The environment changes the last check planned, for the Setup it checked. */
    private GitHubLookup.Check checked;

    private final GitHubSession session;

    GitHubPage(WizardModel model, dev.rolechain.ui.common.Background background, GitHubLookup lookup,
            dev.rolechain.ui.common.FileDialogs dialogs, GitHubSession session) {
        this.model = model;
        this.session = session;
        this.dialogs = dialogs;
        this.feedback = new FieldFeedback(model);
        this.background = background;
        this.lookup = lookup;
    }

    @FXML
    private void initialize() {
        SetupDraft d = model.draft();
        ownerField.textProperty().bindBidirectional(d.ownerProperty());
        slugField.textProperty().bindBidirectional(d.enterpriseSlugProperty());
        hostField.textProperty().bindBidirectional(d.serverHostProperty());
        audienceField.textProperty().bindBidirectional(d.audienceProperty());
        actionRefField.textProperty().bindBidirectional(d.actionRefProperty());
        workflowRegionField.textProperty().bindBidirectional(d.workflowRegionProperty());
        sessionNameField.textProperty().bindBidirectional(d.roleSessionNameProperty());
        durationField.textProperty().bindBidirectional(d.durationSecondsProperty());
        Forms.digitsOnly(durationField);
        sessionTaggingCheck.selectedProperty().bindBidirectional(d.sessionTaggingProperty());

        issuerComRadio.setUserData(IssuerKind.GITHUB_COM);
        issuerCloudRadio.setUserData(IssuerKind.ENTERPRISE_CLOUD);
        issuerServerRadio.setUserData(IssuerKind.ENTERPRISE_SERVER);
        Forms.bindToggle(issuerGroup, d.issuerProperty());
        slugField.disableProperty().bind(d.issuerProperty().isNotEqualTo(IssuerKind.ENTERPRISE_CLOUD));
        hostField.disableProperty().bind(d.issuerProperty().isNotEqualTo(IssuerKind.ENTERPRISE_SERVER));

        repositoryList.setItems(d.repositories());
        repositoryList.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                Long id = empty || name == null ? null : d.repositoryIds().get(name);
                setText(empty || name == null ? null : name + (id == null ? "" : "   " + model.text("github.repository.id", Long.toString(id))));
            }
        });
        d.repositoryIds().addListener((javafx.collections.MapChangeListener<String, Long>) c -> repositoryList.refresh());
        subjectFormatChoice.getItems().setAll(dev.rolechain.setup.SubjectFormat.values());
        subjectFormatChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(dev.rolechain.setup.SubjectFormat f) {
                return f == null ? "" : model.text("github.format." + f.json());
            }

            @Override
            public dev.rolechain.setup.SubjectFormat fromString(String text) {
                return null;
            }
        });
        subjectFormatChoice.valueProperty().bindBidirectional(d.subjectFormatProperty());
        ownerIdField.textProperty().bindBidirectional(d.ownerIdProperty());
        Forms.digitsOnly(ownerIdField);
        feedback.bind(ownerIdField, ownerIdMessage, () -> "github.ownerId");
        // an id a repository's form needs and that is missing: said under the repository list
        model.problemsProperty().addListener(o -> {
            String problem = model.problemsProperty().get().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("github.repositories") || e.getKey().equals("github.subjectFormat"))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
            if (problem != null || repositoryMessage.getText().isEmpty() || repositoryIdProblemShown) {
                repositoryMessage.setText(problem == null ? "" : problem);
                repositoryMessage.setManaged(problem != null);
                repositoryIdProblemShown = problem != null;
            }
        });
        removeRepositoryButton.disableProperty().bind(Bindings.isNull(repositoryList.getSelectionModel().selectedItemProperty()));

        feedback.bind(ownerField, ownerMessage, () -> "github.owner");
        feedback.bind(slugField, issuerMessage, () -> "github.enterpriseSlug");
        feedback.bind(hostField, null, () -> "github.serverHost");
        feedback.bindMessage(issuerMessage, () -> d.issuerProperty().get() == IssuerKind.ENTERPRISE_SERVER
                ? "github.serverHost" : "github.enterpriseSlug");
        feedback.bind(audienceField, audienceMessage, () -> "github.audience");
        feedback.bind(actionRefField, actionRefMessage, () -> "workflow.actionRef");
        feedback.bind(workflowRegionField, workflowRegionMessage, () -> "workflow.region");
        feedback.bind(sessionNameField, sessionNameMessage, () -> "workflow.roleSessionName");
        feedback.bind(durationField, durationMessage, () -> "workflow.durationSeconds");
        repositoryMessage.setManaged(false);
        // a message about what was typed goes when the text does
        repositoryField.textProperty().addListener((o, was, now) -> {
            if (!repositoryIdProblemShown) {
                repositoryMessage.setText("");
                repositoryMessage.setManaged(false);
            }
        });
        tokenField.textProperty().bindBidirectional(session.tokenProperty());
        showPicker(false);
        status(null, false);
        showProblems(false);
        protectButton.setVisible(false);
        protectButton.setManaged(false);
        gitHubProblemList.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        // a check belongs to the Setup it read: any edit makes it stale
        d.addListener(o -> {
            if (checked != null) {
                checked = null;
                protectButton.setVisible(false);
                protectButton.setManaged(false);
                showProblems(false);
            }
        });
        gitHubRepositoryList.setCellFactory(javafx.scene.control.cell.CheckBoxListCell.forListView(
                r -> ticked.computeIfAbsent(r.name(), n -> new javafx.beans.property.SimpleBooleanProperty()),
                new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(dev.rolechain.githubapi.GitHubApi.Repository r) {
                        return r == null ? "" : r.name() + "   " + model.text("github.repository.id", Long.toString(r.id()));
                    }

                    @Override
                    public dev.rolechain.githubapi.GitHubApi.Repository fromString(String text) {
                        return null;
                    }
                }));
        // what was read belongs to the owner it was read for
        d.ownerProperty().addListener((o, was, now) -> {
            if (read != null && !read.login().equalsIgnoreCase(now == null ? "" : now.strip())) {
                read = null;
                ticked.clear();
                gitHubRepositoryList.getItems().clear();
                showPicker(false);
                status(null, false);
            }
        });
        model.problemsProperty().addListener(o -> {
            boolean workflowProblem = model.problemsProperty().get().keySet().stream().anyMatch(p -> p.startsWith("workflow."));
            if (workflowProblem) {
                workflowPane.setExpanded(true);
            }
        });
    }

    @Override
    public void shown() {
        ownerField.requestFocus();
    }

    @Override
    public void focus(String path) {
        if (path.startsWith("workflow.")) {
            workflowPane.setExpanded(true);
        }
        feedback.focus(path);
    }

    /** A repository typed as name, or as name@id for immutable subjects (as the immutable sub writes it). */
    @FXML
    private void addRepository() {
        String typed = repositoryField.getText() == null ? "" : repositoryField.getText().strip();
        java.util.regex.Matcher withId = java.util.regex.Pattern.compile("(.+)@(\\d{1,18})").matcher(typed);
        String name = withId.matches() ? withId.group(1) : typed;
        Long id = withId.matches() ? Long.valueOf(withId.group(2)) : null;
        String problem = null;
        int slash = name.indexOf('/');
        String owner = SetupDraft.text(model.draft().ownerProperty().get()).strip();
        if (slash > 0 && slash == name.lastIndexOf('/') && REPOSITORY.matcher(name.substring(slash + 1)).matches()) {
            // owner/repo: the owner is set above, the list holds names of the owner's repositories
            String typedOwner = name.substring(0, slash);
            problem = typedOwner.equalsIgnoreCase(owner) ? model.text("github.repository.ownerAbove", owner,
                    name.substring(slash + 1)) : model.text("github.repository.otherOwner", typedOwner, owner);
        } else if (!REPOSITORY.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            problem = model.text("github.repository.invalid", typed);
        } else if (model.draft().repositories().contains(name) && id == null) {
            problem = model.text("github.repository.duplicate", name);
        }
        repositoryMessage.setText(problem == null ? "" : problem);
        repositoryMessage.setManaged(problem != null);
        if (problem == null) {
            if (id != null) {
                model.draft().repositoryIds().put(name, id);
            }
            if (!model.draft().repositories().contains(name)) {
                model.draft().repositories().add(name);
            }
            repositoryField.clear();
        }
        repositoryField.requestFocus();
    }

    private void showPicker(boolean shown) {
        pickerBox.setVisible(shown);
        pickerBox.setManaged(shown);
    }

    private void status(String text, boolean problem) {
        gitHubStatus.setText(text == null ? "" : text);
        gitHubStatus.setManaged(text != null);
        gitHubStatus.getStyleClass().setAll(problem ? "field-message" : "lead");
    }

    private String serverHost() {
        SetupDraft d = model.draft();
        return d.issuerProperty().get() == IssuerKind.ENTERPRISE_SERVER ? SetupDraft.text(d.serverHostProperty().get()).strip()
                : null;
    }

    /** Reads the owner, its repositories and its organization's sub template, in the background. */
    @FXML
    private void readGitHub() {
        String owner = SetupDraft.text(model.draft().ownerProperty().get()).strip();
        if (owner.isEmpty()) {
            status(model.text("github.read.needsOwner"), true);
            ownerField.requestFocus();
            return;
        }
        String token = tokenField.getText();
        String host = serverHost();
        readGitHubButton.setDisable(true);
        status(model.text("github.reading", owner), false);
        background.run(() -> lookup.owner(owner, host, token), result -> {
            readGitHubButton.setDisable(false);
            read = result;
            ticked.clear();
            gitHubRepositoryList.getItems().setAll(result.repositories());
            result.repositories().forEach(r -> ticked.computeIfAbsent(r.name(), n -> new javafx.beans.property.SimpleBooleanProperty())
                    .set(model.draft().repositories().contains(r.name())));
            showPicker(!result.repositories().isEmpty());
            model.draft().ownerIdProperty().set(Long.toString(result.id()));
            model.draft().subTemplates(result.subTemplate(), java.util.Map.of());
            status(model.text("github.read.done", result.login(), model.text(result.organization()
                    ? "github.read.organization" : "github.read.user"), Long.toString(result.id()),
                    result.repositories().size(), (result.subTemplate() == null ? ""
                            : model.text("github.read.template", result.subTemplate()))
                            + (result.authenticated() ? "" : model.text("github.read.anonymous"))), false);
        }, error -> {
            readGitHubButton.setDisable(false);
            status(error.getMessage(), true);
        });
    }

    /** Adds the ticked repositories with their ids and, where they have one of their own, their sub templates. */
    @FXML
    private void addPicked() {
        if (read == null) {
            return;
        }
        GitHubLookup.Owner owner = read;
        java.util.List<dev.rolechain.githubapi.GitHubApi.Repository> picked = owner.repositories().stream()
                .filter(r -> ticked.containsKey(r.name()) && ticked.get(r.name()).get()).toList();
        if (picked.isEmpty()) {
            return;
        }
        String token = tokenField.getText();
        String host = serverHost();
        addPickedButton.setDisable(true);
        background.run(() -> lookup.pick(owner.login(), host, token, picked, owner.subTemplate()), result -> {
            addPickedButton.setDisable(false);
            SetupDraft d = model.draft();
            d.repositoryIds().putAll(result.ids());
            result.ids().keySet().forEach(name -> {
                if (!d.repositories().contains(name)) {
                    d.repositories().add(name);
                }
            });
            java.util.Map<String, java.util.List<String>> own = new java.util.LinkedHashMap<>();
            result.templates().forEach((name, keys) -> own.put(name, keys));
            d.subTemplates(owner.subTemplate(), own);
            long custom = result.templates().values().stream().filter(java.util.Objects::nonNull).count();
            status(model.text("github.picked", result.ids().size(), custom == 0 ? ""
                    : model.text("github.picked.templates", custom)), false);
        }, error -> {
            addPickedButton.setDisable(false);
            status(error.getMessage(), true);
        });
    }

    private void showProblems(boolean shown) {
        gitHubProblemList.setVisible(shown);
        gitHubProblemList.setManaged(shown);
    }

    /** Reads what GitHub says about the Setup: ids, templates, the environments' protection; plans what they need. */
    @FXML
    private void checkGitHub() {
        dev.rolechain.setup.Setup setup = model.setupProperty().get();
        if (setup == null) {
            status(model.text("github.check.invalid"), true);
            return;
        }
        String token = tokenField.getText();
        checkGitHubButton.setDisable(true);
        status(model.text("github.checking"), false);
        background.run(() -> lookup.check(setup, token), result -> {
            checkGitHubButton.setDisable(false);
            if (model.setupProperty().get() != setup) {
                return; // edited meanwhile: this check is stale
            }
            checked = result;
            gitHubProblemList.getItems().setAll(result.problems());
            showProblems(!result.problems().isEmpty());
            status(result.problems().isEmpty() ? model.text("github.check.clean")
                    : model.text("github.check.problems", result.problems().size()), !result.problems().isEmpty());
            boolean pending = !result.pending().isEmpty();
            protectButton.setVisible(pending);
            protectButton.setManaged(pending);
        }, error -> {
            checkGitHubButton.setDisable(false);
            status(error.getMessage(), true);
        });
    }

    /** Shows the planned environment changes and makes them once the user agrees. */
    @FXML
    private void protect() {
        GitHubLookup.Check check = checked;
        dev.rolechain.setup.Setup setup = model.setupProperty().get();
        if (check == null || setup == null || check.pending().isEmpty()) {
            return;
        }
        StringBuilder diff = new StringBuilder();
        for (var c : check.pending()) {
            diff.append("environment ").append(c.environment()).append(" of ").append(setup.github().owner()).append('/')
                    .append(c.repository()).append(c.exists() ? " (update)" : " (create)").append('\n');
            c.diff().forEach(line -> diff.append("    ").append(line).append('\n'));
            c.notes().forEach(note -> diff.append("    note: ").append(note).append('\n'));
        }
        if (!dialogs.confirm(protectButton.getScene().getWindow(), model.text("github.protect.title",
                check.pending().size()), diff.toString().strip(), model.text("github.protect.agree"))) {
            return;
        }
        String token = tokenField.getText();
        protectButton.setDisable(true);
        background.run(() -> lookup.protect(setup, token, check.pending()), done -> {
            protectButton.setDisable(false);
            protectButton.setVisible(false);
            protectButton.setManaged(false);
            checked = null;
            status(model.text("github.protect.done", done), false);
        }, error -> {
            protectButton.setDisable(false);
            status(error.getMessage(), true);
        });
    }

    @FXML
    private void removeRepository() {
        String selected = repositoryList.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.draft().repositories().remove(selected);
            model.draft().repositoryIds().remove(selected);
        }
    }
}
