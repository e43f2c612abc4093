package dev.rolechain.ui.wizard;

import dev.rolechain.setup.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Access: per target, who may deploy (subjects) and what the deploy role may do (policies). */
public final class AccessPage implements Page {
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final WizardModel model;
    private final ResourceBundle bundle;
    private final FieldFeedback feedback;
    private final ObservableList<String> repositoryChoices = FXCollections.observableArrayList();
    private final List<Runnable> targetBindings = new ArrayList<>();
    private final List<Runnable> subjectBindings = new ArrayList<>();
    private final List<Runnable> inlineBindings = new ArrayList<>();
    private TargetDraft current;
    private int currentIndex = -1;

    @FXML private ListView<TargetDraft> targetList;
    @FXML private Label targetHeading;
    @FXML private Label subjectsMessage;
    @FXML private VBox subjectRows;
    @FXML private Button addSubjectButton;
    @FXML private ListView<String> managedList;
    @FXML private Button detachButton;
    @FXML private Label managedMessage;
    @FXML private TextField policySearchField;
    @FXML private Button attachButton;
    @FXML private ListView<String> policySuggestions;
    @FXML private VBox inlineRows;
    @FXML private Label inlineMessage;
    @FXML private Button addInlineButton;
    @FXML private TextField targetMaxSessionField;
    @FXML private Label targetMaxSessionMessage;
    @FXML private TextField boundaryField;
    @FXML private Label boundaryMessage;
    @FXML private Label risksMessage;
    @FXML private VBox riskRows;
    private final List<Runnable> riskBindings = new ArrayList<>();
    private List<String> shownRisks = List.of();
    private final Map<String, Label> riskLabels = new java.util.HashMap<>();

    public AccessPage(WizardModel model, ResourceBundle bundle) {
        this.model = model;
        this.bundle = bundle;
        this.feedback = new FieldFeedback(model);
    }

    @FXML
    private void initialize() {
        SetupDraft d = model.draft();
        targetList.setItems(d.targets());
        targetList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TargetDraft t, boolean empty) {
                super.updateItem(t, empty);
                textProperty().unbind();
                if (empty || t == null) {
                    setText(null);
                } else {
                    textProperty().bind(Bindings.createStringBinding(() -> t.nameProperty().get()
                            + (t.productionProperty().get() ? "  · " + bundle.getString("access.production") : "")
                            + "\n" + t.whereProperty().get(), t.nameProperty(), t.productionProperty(),
                            t.whereProperty()));
                }
            }
        });
        targetList.getSelectionModel().selectedIndexProperty().addListener((o, was, is) -> select(is.intValue()));
        d.targets().addListener((ListChangeListener<TargetDraft>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    int keep = Math.min(Math.max(currentIndex, 0), d.targets().size() - 1);
                    currentIndex = -1;
                    targetList.getSelectionModel().clearAndSelect(keep);
                    select(keep);
                    return;
                }
            }
        });
        d.repositories().addListener((InvalidationListener) o -> refreshRepositoryChoices());
        refreshRepositoryChoices();

        List<String> catalog = catalog();
        FilteredList<String> filtered = new FilteredList<>(FXCollections.observableArrayList(catalog));
        policySearchField.textProperty().addListener((o, was, is) -> {
            String q = is == null ? "" : is.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(arn -> q.isEmpty() || arn.toLowerCase(Locale.ROOT).contains(q));
            // preselect the best match (a policy whose name starts with the query), so Attach and Enter take it
            int best = 0;
            for (int i = 0; i < filtered.size(); i++) {
                String policy = filtered.get(i).substring(filtered.get(i).lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (policy.startsWith(q)) {
                    best = i;
                    break;
                }
            }
            if (q.isEmpty() || filtered.isEmpty()) {
                policySuggestions.getSelectionModel().clearSelection();
            } else {
                policySuggestions.getSelectionModel().clearAndSelect(best);
                policySuggestions.scrollTo(best);
            }
        });
        policySuggestions.setItems(filtered);
        policySuggestions.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                attachPolicy();
            }
        });
        policySuggestions.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                attachPolicy();
            }
        });
        Forms.digitsOnly(targetMaxSessionField);
        detachButton.disableProperty().bind(Bindings.isNull(managedList.getSelectionModel().selectedItemProperty()));
        model.analysisProperty().addListener(o -> rebuildRisks(false));
        if (!d.targets().isEmpty()) {
            targetList.getSelectionModel().select(0);
        }
    }

    // ---------------------------------------------------------------- risky production access

    /**
     * One row per risk of the selected target, blocking or accepted: the finding, a check box that accepts
     * it and the reason. Rebuilt when the set of risks changes (not while a reason is typed).
     */
    private void rebuildRisks(boolean force) {
        TargetDraft t = current;
        List<dev.rolechain.lint.Finding> blocking = t == null ? List.of() : model.blockingRisks().stream()
                .filter(f -> f.targets().contains(t.nameProperty().get())).toList();
        java.util.Set<String> rules = new java.util.TreeSet<>();
        blocking.forEach(f -> rules.add(f.ruleId()));
        if (t != null) {
            rules.addAll(t.acceptRisk().keySet());
        }
        risksMessage.setText(bundle.getString(rules.isEmpty() ? "access.risks.none"
                : blocking.isEmpty() ? "access.risks.accepted" : "access.risks.blocking"));
        risksMessage.getStyleClass().setAll(blocking.isEmpty() ? "lead" : "severity-error");
        if (!force && List.copyOf(rules).equals(shownRisks)) {
            riskLabels.forEach((rule, label) -> showRisk(label, rule, blocking));
            return;
        }
        shownRisks = List.copyOf(rules);
        riskBindings.forEach(Runnable::run);
        riskBindings.clear();
        riskRows.getChildren().clear();
        riskLabels.clear();
        if (t == null) {
            return;
        }
        String path = dev.rolechain.setup.FieldPath.target(currentIndex).toString();
        for (String rule : rules) {
            Label finding = new Label();
            finding.setWrapText(true);
            showRisk(finding, rule, blocking);
            riskLabels.put(rule, finding);
            javafx.scene.control.CheckBox accept = new javafx.scene.control.CheckBox(model.text("access.risk.accept", rule));
            accept.setId("acceptRisk-" + rule);
            accept.setSelected(t.acceptRisk().containsKey(rule));
            TextField reason = new TextField(t.acceptRisk().getOrDefault(rule, ""));
            reason.setId("acceptRiskReason-" + rule);
            reason.setPromptText(model.text("access.risk.reason", rule));
            reason.setAccessibleText(model.text("access.risk.reason", rule));
            reason.disableProperty().bind(accept.selectedProperty().not());
            Label message = new Label();
            message.getStyleClass().add("field-message");
            accept.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    t.acceptRisk().put(rule, reason.getText());
                } else {
                    t.acceptRisk().remove(rule);
                }
            });
            reason.textProperty().addListener((o, was, text) -> {
                if (accept.isSelected()) {
                    t.acceptRisk().put(rule, text);
                }
            });
            riskBindings.add(feedback.bind(reason, message, () -> path + ".acceptRisk." + rule));
            riskRows.getChildren().add(new VBox(4, finding, accept, reason, message));
        }
    }

    private void refreshRepositoryChoices() {
        List<String> choices = new ArrayList<>(model.draft().repositories());
        choices.add(Subject.ANY_REPOSITORY);
        repositoryChoices.setAll(choices);
    }

    private static List<String> catalog() {
        try (InputStream in = AccessPage.class.getResourceAsStream("/dev/rolechain/ui/wizard/managed-policies.txt")) {
            if (in == null) {
                throw new IllegalStateException("managed-policies.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void shown() {
        if (currentIndex < 0 && !model.draft().targets().isEmpty()) {
            targetList.getSelectionModel().clearAndSelect(0);
        }
        targetList.requestFocus();
    }

    @Override
    public void focus(String path) {
        dev.rolechain.setup.FieldPath.parse(path).targetIndex().ifPresent(i -> {
            if (i < model.draft().targets().size()) {
                targetList.getSelectionModel().clearAndSelect(i);
            }
        });
        if (!feedback.focus(path)) {
            addSubjectButton.requestFocus();
        }
    }

    // ---------------------------------------------------------------- the selected target

    private void select(int index) {
        if (index == currentIndex && index >= 0 && current == model.draft().targets().get(index)) {
            return;
        }
        targetBindings.forEach(Runnable::run);
        targetBindings.clear();
        currentIndex = index;
        current = index >= 0 && index < model.draft().targets().size() ? model.draft().targets().get(index) : null;
        boolean none = current == null;
        addSubjectButton.setDisable(none);
        addInlineButton.setDisable(none);
        attachButton.setDisable(none);
        if (none) {
            targetHeading.setText("");
            managedList.setItems(FXCollections.observableArrayList());
            rebuildSubjects();
            rebuildInline();
            rebuildRisks(true);
            return;
        }
        TargetDraft t = current;
        String path = dev.rolechain.setup.FieldPath.target(index).toString();
        targetHeading.textProperty().bind(Bindings.createStringBinding(() -> t.nameProperty().get() + " — "
                + t.whereProperty().get() + " — " + t.roleNameProperty().get()
                + (t.productionProperty().get() ? " (" + bundle.getString("access.production") + ")" : ""),
                t.nameProperty(), t.whereProperty(), t.roleNameProperty(), t.productionProperty()));
        targetBindings.add(targetHeading.textProperty()::unbind);
        managedList.setItems(t.managedPolicyArns());
        targetMaxSessionField.textProperty().bindBidirectional(t.maxSessionSecondsProperty());
        targetBindings.add(() -> targetMaxSessionField.textProperty().unbindBidirectional(t.maxSessionSecondsProperty()));
        boundaryField.textProperty().bindBidirectional(t.permissionsBoundaryArnProperty());
        targetBindings.add(() -> boundaryField.textProperty().unbindBidirectional(t.permissionsBoundaryArnProperty()));
        targetBindings.add(feedback.bind(targetMaxSessionField, targetMaxSessionMessage, () -> path + ".maxSessionSeconds"));
        targetBindings.add(feedback.bind(boundaryField, boundaryMessage, () -> path + ".permissionsBoundaryArn"));
        targetBindings.add(feedback.bindMessage(subjectsMessage, () -> path + ".subjects"));
        targetBindings.add(prefixMessage(managedMessage, path + ".managedPolicyArns"));
        targetBindings.add(feedback.bindMessage(inlineMessage, () -> path + ".inlinePolicies"));
        ListChangeListener<SubjectDraft> subjectsChanged = c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    rebuildSubjects();
                    return;
                }
            }
        };
        t.subjects().addListener(subjectsChanged);
        targetBindings.add(() -> t.subjects().removeListener(subjectsChanged));
        ListChangeListener<InlinePolicyDraft> inlineChanged = c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    rebuildInline();
                    return;
                }
            }
        };
        t.inlinePolicies().addListener(inlineChanged);
        targetBindings.add(() -> t.inlinePolicies().removeListener(inlineChanged));
        rebuildSubjects();
        rebuildInline();
        rebuildRisks(true);
    }

    /** A risk's label: the finding while it blocks (as an error), else the rule as accepted. */
    private void showRisk(Label label, String rule, List<dev.rolechain.lint.Finding> blocking) {
        String what = blocking.stream().filter(f -> f.ruleId().equals(rule)).map(dev.rolechain.lint.Finding::message)
                .findFirst().orElse(null);
        label.setText(what == null ? model.text("access.risk.isAccepted", rule) : rule + ": " + what);
        label.getStyleClass().setAll("label", what == null ? "lead" : "severity-error");
    }

    /** Shows the first problem of any path under {@code prefix}. */
    private Runnable prefixMessage(Label label, String prefix) {
        InvalidationListener listener = o -> {
            String problem = null;
            for (Map.Entry<String, String> e : model.problemsProperty().get().entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    problem = e.getValue();
                    break;
                }
            }
            label.setText(problem == null ? "" : problem);
            label.setManaged(problem != null);
            label.setVisible(problem != null);
        };
        model.problemsProperty().addListener(listener);
        listener.invalidated(null);
        return () -> model.problemsProperty().removeListener(listener);
    }

    private void rebuildSubjects() {
        subjectBindings.forEach(Runnable::run);
        subjectBindings.clear();
        subjectRows.getChildren().clear();
        if (current == null) {
            return;
        }
        for (int j = 0; j < current.subjects().size(); j++) {
            subjectRows.getChildren().add(subjectRow(j, current.subjects().get(j)));
        }
    }

    private VBox subjectRow(int j, SubjectDraft s) {
        String path = dev.rolechain.setup.FieldPath.subject(currentIndex, j).toString();
        String n = " " + (j + 1);
        ComboBox<String> repository = new ComboBox<>(repositoryChoices);
        repository.setEditable(true);
        repository.setId("subjectRepository-" + j);
        repository.setAccessibleText(bundle.getString("access.subject.repository") + n);
        repository.setPromptText(bundle.getString("access.subject.repository"));
        repository.setPrefWidth(220);
        Forms.bindEditable(repository, s.repositoryProperty());
        subjectBindings.add(() -> repository.getEditor().textProperty().unbindBidirectional(s.repositoryProperty()));
        ChoiceBox<SubjectDraft.Kind> kind = new ChoiceBox<>(FXCollections.observableArrayList(SubjectDraft.Kind.values()));
        kind.setId("subjectKind-" + j);
        kind.setAccessibleText(bundle.getString("access.subject.kind") + n);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(SubjectDraft.Kind k) {
                return k == null ? "" : bundle.getString("access.kind." + k.name());
            }

            @Override
            public SubjectDraft.Kind fromString(String text) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(s.kindProperty());
        subjectBindings.add(() -> kind.valueProperty().unbindBidirectional(s.kindProperty()));
        TextField value = new TextField();
        value.setId("subjectValue-" + j);
        value.setAccessibleText(bundle.getString("access.subject.value") + n);
        value.setPromptText(bundle.getString("access.subject.value"));
        value.textProperty().bindBidirectional(s.valueProperty());
        subjectBindings.add(() -> value.textProperty().unbindBidirectional(s.valueProperty()));
        value.disableProperty().bind(Bindings.createBooleanBinding(() -> !s.kindProperty().get().hasValue(), s.kindProperty()));
        Button remove = new Button(bundle.getString("access.subject.remove"));
        remove.setId("subjectRemove-" + j);
        remove.setAccessibleText(bundle.getString("access.subject.remove") + n);
        TargetDraft t = current;
        remove.setOnAction(e -> t.subjects().remove(s));
        HBox row = new HBox(8, repository, kind, value, remove);
        row.getStyleClass().add("row-box");
        HBox.setHgrow(value, Priority.ALWAYS);
        Label repositoryMessage = new Label();
        repositoryMessage.getStyleClass().add("field-message");
        repositoryMessage.setId("subjectRepositoryMessage-" + j);
        Label valueMessage = new Label();
        valueMessage.getStyleClass().add("field-message");
        valueMessage.setId("subjectValueMessage-" + j);
        subjectBindings.add(feedback.bind(repository, repositoryMessage, () -> path + ".repository"));
        subjectBindings.add(feedback.bind(value, valueMessage, () -> path + "." + s.kindProperty().get().field()));
        return new VBox(2, row, repositoryMessage, valueMessage);
    }

    private void rebuildInline() {
        inlineBindings.forEach(Runnable::run);
        inlineBindings.clear();
        inlineRows.getChildren().clear();
        if (current == null) {
            return;
        }
        for (int k = 0; k < current.inlinePolicies().size(); k++) {
            inlineRows.getChildren().add(inlineRow(k, current.inlinePolicies().get(k)));
        }
    }

    private VBox inlineRow(int k, InlinePolicyDraft p) {
        String base = dev.rolechain.setup.FieldPath.target(currentIndex).child("inlinePolicies").toString();
        String n = " " + (k + 1);
        TextField name = new TextField();
        name.setId("inlineName-" + k);
        name.setAccessibleText(bundle.getString("access.inline.name") + n);
        name.setPromptText(bundle.getString("access.inline.name"));
        name.textProperty().bindBidirectional(p.nameProperty());
        inlineBindings.add(() -> name.textProperty().unbindBidirectional(p.nameProperty()));
        Button remove = new Button(bundle.getString("access.inline.remove"));
        remove.setId("inlineRemove-" + k);
        TargetDraft t = current;
        remove.setOnAction(e -> t.inlinePolicies().remove(p));
        TextArea json = new TextArea();
        json.setId("inlineJson-" + k);
        json.getStyleClass().add("code-area");
        json.setAccessibleText(bundle.getString("access.inline.json") + n);
        json.setPrefRowCount(8);
        json.textProperty().bindBidirectional(p.jsonProperty());
        inlineBindings.add(() -> json.textProperty().unbindBidirectional(p.jsonProperty()));
        Label message = new Label();
        message.getStyleClass().add("field-message");
        message.setId("inlineMessage-" + k);
        inlineBindings.add(feedback.bind(json, message, () -> {
            String policyName = SetupDraft.text(p.nameProperty().get());
            String byName = base + (SIMPLE_NAME.matcher(policyName).matches() ? "." + policyName : "[\"" + policyName + "\"]");
            return model.problemsProperty().get().containsKey(base + "[" + k + "]") ? base + "[" + k + "]" : byName;
        }));
        HBox head = new HBox(8, name, remove);
        head.getStyleClass().add("row-box");
        HBox.setHgrow(name, Priority.ALWAYS);
        return new VBox(4, head, json, message);
    }

    // ---------------------------------------------------------------- actions

    @FXML
    private void addSubject() {
        if (current == null) {
            return;
        }
        List<String> repos = model.draft().repositories();
        current.subjects().add(new SubjectDraft(repos.isEmpty() ? "" : repos.get(0), SubjectDraft.Kind.BRANCH, "main"));
        feedback.focus(dev.rolechain.setup.FieldPath.subject(currentIndex, current.subjects().size() - 1).child("repository").toString());
    }

    @FXML
    private void attachPolicy() {
        if (current == null) {
            return;
        }
        String typed = policySearchField.getText() == null ? "" : policySearchField.getText().strip();
        String arn = typed.startsWith("arn:") ? typed : policySuggestions.getSelectionModel().getSelectedItem();
        if (arn != null && !current.managedPolicyArns().contains(arn)) {
            current.managedPolicyArns().add(arn);
            policySearchField.clear();
        }
    }

    @FXML
    private void detachPolicy() {
        String selected = managedList.getSelectionModel().getSelectedItem();
        if (current != null && selected != null) {
            current.managedPolicyArns().remove(selected);
        }
    }

    @FXML
    private void addInline() {
        if (current == null) {
            return;
        }
        int k = current.inlinePolicies().size();
        current.inlinePolicies().add(new InlinePolicyDraft("deploy" + (k == 0 ? "" : "-" + (k + 1)), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": [],
                      "Resource": "*"
                    }
                  ]
                }"""));
    }
}
