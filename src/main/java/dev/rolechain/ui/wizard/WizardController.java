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
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The wizard's frame: the steps on the left, the current page, Back and Next, findings and messages. */
public final class WizardController {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final Map<Step, FxmlFile> VIEWS = Map.of(Step.GITHUB, FxmlFile.GITHUB,
            Step.ACCOUNTS, FxmlFile.ACCOUNTS, Step.ACCESS, FxmlFile.ACCESS, Step.REVIEW, FxmlFile.REVIEW,
            Step.EXPORT, FxmlFile.EXPORT);

    private final WizardModel model;
    private final ResourceBundle bundle;
    private final ControllerFactory controllers;
    private final java.util.function.Function<Step, Page> pages;
    private final Navigator navigator;
    private final Map<Step, Parent> views = new EnumMap<>(Step.class);
    private final Map<Step, Button> stepButtons = new EnumMap<>(Step.class);
    private Theme theme = Theme.LIGHT;

    private final BorderPane root = new BorderPane();
    private final Label pageTitle = new Label();
    private final ToggleButton themeToggle = new ToggleButton();
    private final VBox stepList = new VBox();
    private final StackPane pageHolder = new StackPane();
    private final Label messageLabel = new Label();
    private final Hyperlink findingsLink = new Hyperlink();
    private final Button backButton = new Button();
    private final Button nextButton = new Button();

    WizardController(WizardModel model, ResourceBundle bundle, ControllerFactory controllers,
            java.util.function.Function<Step, Page> pages,
            Navigator navigator) {
        this.model = model;
        this.bundle = bundle;
        this.controllers = controllers;
        this.pages = pages;
        this.navigator = navigator;
    }

    /**
     * Builds the frame: header, step list, page area and footer. In code rather than FXML, as the
     * Start page is: the first page appears without waiting for the FXML loader (decision 0004).
     */
    Parent build() {
        root.setId("root");
        root.setPrefSize(1180, 780);
        root.setMinSize(760, 520);
        Label appName = new Label(bundle.getString("app.name"));
        appName.getStyleClass().add("app-name");
        pageTitle.getStyleClass().add("text-muted");
        themeToggle.setId("themeToggle");
        themeToggle.setText(bundle.getString("app.theme.dark"));
        themeToggle.setAccessibleHelp(bundle.getString("app.theme.help"));
        Region headerGap = new Region();
        HBox.setHgrow(headerGap, Priority.ALWAYS);
        HBox header = new HBox(appName, pageTitle, headerGap, themeToggle);
        header.getStyleClass().add("wizard-header");
        stepList.setId("stepList");
        stepList.getStyleClass().add("step-list");
        stepList.setAccessibleText(bundle.getString("nav.steps"));
        pageHolder.setId("pageHolder");
        messageLabel.setId("messageLabel");
        messageLabel.getStyleClass().add("message-bar");
        messageLabel.setWrapText(true);
        messageLabel.setMaxWidth(560);
        findingsLink.setId("findingsLink");
        findingsLink.setAccessibleHelp(bundle.getString("nav.findings.help"));
        findingsLink.setOnAction(e -> showFindings());
        backButton.setId("backButton");
        backButton.setText(bundle.getString("nav.back"));
        backButton.setOnAction(e -> back());
        nextButton.setId("nextButton");
        nextButton.setText(bundle.getString("nav.next"));
        nextButton.setDefaultButton(true);
        nextButton.setAccessibleHelp(bundle.getString("nav.next.help"));
        nextButton.setOnAction(e -> next());
        Region footerGap = new Region();
        HBox.setHgrow(footerGap, Priority.ALWAYS);
        HBox footer = new HBox(messageLabel, footerGap, findingsLink, backButton, nextButton);
        footer.getStyleClass().add("wizard-footer");
        root.setTop(header);
        root.setLeft(stepList);
        root.setCenter(pageHolder);
        root.setBottom(footer);
        initialize();
        return root;
    }

    private void initialize() {
        Walkthrough walkthrough = model.walkthrough();
        for (Step step : walkthrough.steps()) {
            Button button = new Button((step.ordinal() + 1) + "  " + bundle.getString(step.titleKey()));
            button.setId("step-" + step.name().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add("flat");
            button.setOnAction(e -> {
                walkthrough.goTo(step);
                // the user went to the page: its first field takes the focus (and shows it), not the step list
                focusFirstField(view(step));
            });
            stepButtons.put(step, button);
            stepList.getChildren().add(button);
        }
        model.problemsProperty().addListener(o -> updateStepButtons());
        // a page's validity also follows the findings (an unaccepted risk blocks Access): every change counts
        walkthrough.steps().forEach(step -> model.validProperty(step).addListener(o -> updateStepButtons()));
        updateStepButtons();
        walkthrough.currentProperty().addListener((o, was, is) -> show(is));
        backButton.disableProperty().bind(walkthrough.canGoBackBinding().not());
        nextButton.disableProperty().bind(walkthrough.canGoNextBinding().not());
        nextButton.visibleProperty().bind(walkthrough.currentProperty().isNotEqualTo(Step.START)
                .and(walkthrough.currentProperty().isNotEqualTo(walkthrough.steps().get(walkthrough.steps().size() - 1))));
        messageLabel.textProperty().bind(model.messageProperty());
        findingsLink.textProperty().bind(Bindings.createStringBinding(this::findingsSummary, model.analysisProperty(),
                model.setupProperty(), model.problemsProperty()));
        // the findings are of the last valid Setup: while it is not valid, its problems are what counts
        findingsLink.visibleProperty().bind(model.analysisProperty().isNotNull().or(Bindings.createBooleanBinding(
                () -> !model.problemsProperty().get().isEmpty(), model.problemsProperty())));
        themeToggle.selectedProperty().addListener((o, was, dark) -> {
            theme = dark ? Theme.DARK : Theme.LIGHT;
            theme.apply();
        });
        navigator.onLoad(this::view);
        show(walkthrough.current());
    }

    private String findingsSummary() {
        Map<String, String> problems = model.problemsProperty().get();
        if (!problems.isEmpty()) {
            return model.text("nav.problems", problems.size(), problems.keySet().iterator().next());
        }
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
        String summary = model.text("findings.summary", errors, warnings, infos);
        String rules = findings.stream().filter(f -> f.severity() != Severity.INFO).map(Finding::ruleId).distinct()
                .limit(4).reduce((x, y) -> x + " " + y).map(r -> "  (" + r + ")").orElse("");
        return summary + rules;
    }

    private void updateStepButtons() {
        Walkthrough walkthrough = model.walkthrough();
        stepButtons.forEach((step, button) -> button.setDisable(!walkthrough.reachable(step)));
    }

    /** The page's view, loaded on first use. */
    Parent view(Step step) {
        return views.computeIfAbsent(step, s -> switch (s) {
            case START -> ((StartPage) pages.apply(s)).view();
            case APPLY -> ((ApplyPage) pages.apply(s)).view();
            case VERIFY -> ((VerifyPage) pages.apply(s)).view();
            default -> VIEWS.get(s).load(controllers, bundle);
        });
    }

    private void show(Step step) {
        pageHolder.getChildren().setAll(view(step));
        pageTitle.setText("— " + bundle.getString(step.titleKey()));
        stepButtons.forEach((s, b) -> b.pseudoClassStateChanged(CURRENT, s == step));
        updateStepButtons();
        pages.apply(step).shown();
    }

    /** Focuses the first field of {@code page} that takes the focus, in the order Tab visits them. */
    private static void focusFirstField(Parent page) {
        javafx.application.Platform.runLater(() -> firstField(page).ifPresent(javafx.scene.Node::requestFocus));
    }

    private static java.util.Optional<javafx.scene.Node> firstField(Parent parent) {
        for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible() || child.isDisabled()) {
                continue;
            }
            if (child instanceof javafx.scene.control.Control c && c.isFocusTraversable()) {
                return java.util.Optional.of(child);
            }
            if (child instanceof Parent p) {
                java.util.Optional<javafx.scene.Node> inside = firstField(p);
                if (inside.isPresent()) {
                    return inside;
                }
            }
        }
        return java.util.Optional.empty();
    }

    private void next() {
        model.walkthrough().next();
    }

    private void back() {
        model.walkthrough().previous();
    }

    private void showFindings() {
        Map<String, String> problems = model.problemsProperty().get();
        if (!problems.isEmpty()) {
            model.revealProperty().set(true);
            // the current page's first problem, else the Setup's first
            Step here = model.walkthrough().current();
            String path = problems.keySet().stream().filter(p -> Step.of(p) == here).findFirst()
                    .orElse(problems.keySet().iterator().next());
            navigator.goTo(new FindingLocator.Field(Step.of(path), path));
            return;
        }
        if (model.walkthrough().goTo(Step.REVIEW)) {
            ((ReviewPage) pages.apply(Step.REVIEW)).showFindingsTab();
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
