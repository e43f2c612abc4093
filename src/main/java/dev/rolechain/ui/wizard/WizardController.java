package dev.rolechain.ui.wizard;

import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Severity;
import dev.rolechain.ui.common.ControllerFactory;
import dev.rolechain.ui.common.FxmlFile;
import dev.rolechain.ui.common.Theme;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The wizard's frame: the steps on the left, the current page, Back and Next, findings and messages. */
public final class WizardController {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final Map<Step, FxmlFile> VIEWS = Map.of(Step.START, FxmlFile.START, Step.GITHUB, FxmlFile.GITHUB,
            Step.ACCOUNTS, FxmlFile.ACCOUNTS, Step.ACCESS, FxmlFile.ACCESS, Step.REVIEW, FxmlFile.REVIEW,
            Step.EXPORT, FxmlFile.EXPORT);

    private final WizardModel model;
    private final ResourceBundle bundle;
    private final ControllerFactory controllers;
    private final Map<Step, Page> pages;
    private final Navigator navigator;
    private final Map<Step, Parent> views = new EnumMap<>(Step.class);
    private final Map<Step, Button> stepButtons = new EnumMap<>(Step.class);
    private Theme theme = Theme.LIGHT;

    @FXML private BorderPane root;
    @FXML private Label pageTitle;
    @FXML private ToggleButton themeToggle;
    @FXML private VBox stepList;
    @FXML private StackPane pageHolder;
    @FXML private Label messageLabel;
    @FXML private Hyperlink findingsLink;
    @FXML private Button backButton;
    @FXML private Button nextButton;

    WizardController(WizardModel model, ResourceBundle bundle, ControllerFactory controllers, Map<Step, Page> pages,
            Navigator navigator) {
        this.model = model;
        this.bundle = bundle;
        this.controllers = controllers;
        this.pages = pages;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        Walkthrough walkthrough = model.walkthrough();
        for (Step step : walkthrough.steps()) {
            Button button = new Button((step.ordinal() + 1) + "  " + bundle.getString(step.titleKey()));
            button.setId("step-" + step.name().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add("flat");
            button.setOnAction(e -> walkthrough.goTo(step));
            stepButtons.put(step, button);
            stepList.getChildren().add(button);
        }
        model.problemsProperty().addListener(o -> updateStepButtons());
        walkthrough.currentProperty().addListener((o, was, is) -> show(is));
        backButton.disableProperty().bind(walkthrough.canGoBackBinding().not());
        nextButton.disableProperty().bind(walkthrough.canGoNextBinding().not());
        nextButton.visibleProperty().bind(walkthrough.currentProperty().isNotEqualTo(Step.START)
                .and(walkthrough.currentProperty().isNotEqualTo(walkthrough.steps().get(walkthrough.steps().size() - 1))));
        messageLabel.textProperty().bind(model.messageProperty());
        findingsLink.textProperty().bind(Bindings.createStringBinding(this::findingsSummary, model.analysisProperty(),
                model.setupProperty()));
        findingsLink.visibleProperty().bind(model.analysisProperty().isNotNull());
        themeToggle.selectedProperty().addListener((o, was, dark) -> {
            theme = dark ? Theme.DARK : Theme.LIGHT;
            theme.apply();
        });
        navigator.onLoad(this::view);
        show(walkthrough.current());
    }

    private String findingsSummary() {
        PreviewService.Analysis a = model.analysisProperty().get();
        if (a == null) {
            return bundle.getString("nav.findings.none");
        }
        List<Finding> findings = a.findings();
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long infos = findings.size() - errors - warnings;
        if (findings.isEmpty()) {
            return bundle.getString("nav.findings.none");
        }
        String summary = errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + infos + " info";
        String rules = findings.stream().filter(f -> f.severity() != Severity.INFO).map(Finding::rule).distinct()
                .limit(4).reduce((x, y) -> x + " " + y).map(r -> "  (" + r + ")").orElse("");
        return summary + rules;
    }

    private void updateStepButtons() {
        Walkthrough walkthrough = model.walkthrough();
        stepButtons.forEach((step, button) -> button.setDisable(!walkthrough.reachable(step)));
    }

    /** The page's view, loaded on first use. */
    Parent view(Step step) {
        return views.computeIfAbsent(step, s -> VIEWS.get(s).load(controllers, bundle));
    }

    private void show(Step step) {
        pageHolder.getChildren().setAll(view(step));
        pageTitle.setText("— " + bundle.getString(step.titleKey()));
        stepButtons.forEach((s, b) -> b.pseudoClassStateChanged(CURRENT, s == step));
        updateStepButtons();
        Page page = pages.get(step);
        if (page != null) {
            page.shown();
        }
    }

    @FXML
    private void next() {
        model.walkthrough().next();
    }

    @FXML
    private void back() {
        model.walkthrough().previous();
    }

    @FXML
    private void showFindings() {
        if (model.walkthrough().goTo(Step.REVIEW)) {
            ((ReviewPage) pages.get(Step.REVIEW)).showFindingsTab();
        }
    }

    Theme theme() {
        return theme;
    }

    void setTheme(Theme value) {
        themeToggle.setSelected(value == Theme.DARK);
        theme = value;
        value.apply();
    }

    BorderPane root() {
        return root;
    }
}
