package dev.rolechain.ui.wizard;

import dev.rolechain.Services;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.ControllerFactory;
import dev.rolechain.ui.common.FileDialogs;
import dev.rolechain.ui.common.FxmlFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Builds the wizard: its view model, its pages with their dependencies, and the window. The UI's
 * part of the composition root; everything comes in by constructor.
 */
public final class WizardWindow {
    /** The wizard's resource bundle of user-facing text. */
    public static final String BUNDLE = "dev.rolechain.ui.messages";
    /** The application's stylesheet (style classes on top of the theme). */
    public static final String STYLESHEET = dev.rolechain.ui.common.Theme.appStylesheet();

    private final WizardModel model;
    private final WizardController controller;
    private final Map<Step, Page> pages = new EnumMap<>(Step.class);
    private final Parent root;
    private final FileDialogs dialogs;
    private final ResourceBundle bundle;
    private final Navigator navigator;
    private final LiveAws liveAws;
    private final Background background;
    private final Supplier<List<String>> profileNames;
    private final Consumer<Path> folderOpener;
    private final Services services;
    private dev.rolechain.ui.inspect.InspectWindow inspect;
    /** The GitHub token typed in this window (memory only), for every page that calls GitHub. */
    private final GitHubSession gitHubSession = new GitHubSession();

    public WizardWindow(Services services, ResourceBundle bundle, FileDialogs dialogs, Background background,
            RecentFiles recentFiles, Supplier<List<String>> profileNames, Consumer<Path> folderOpener) {
        this.bundle = bundle;
        this.dialogs = dialogs;
        this.services = services;
        PreviewService preview = new PreviewService(services::planner, services::renderer, services::linter,
                services::chainCheck);
        this.model = new WizardModel(services.validator(), services.loader(), preview, services.exportWriter(),
                recentFiles, background, bundle);
        this.liveAws = new LiveAws(services);
        this.navigator = new Navigator(model.walkthrough(), this::page);
        this.background = background;
        this.profileNames = profileNames;
        this.folderOpener = folderOpener;
        ControllerFactory controllers = new ControllerFactory(this::controllerFor);
        this.controller = new WizardController(model, bundle, controllers, this::page, navigator);
        this.root = controller.build();
    }

    /** The page controller an FXML file names, or null for a type that is not one. */
    private Object controllerFor(Class<?> type) {
        for (Step step : Step.values()) {
            Class<?> controllerClass = switch (step) {
                case START -> StartPage.class;
                case GITHUB -> GitHubPage.class;
                case ACCOUNTS -> AccountsPage.class;
                case ACCESS -> AccessPage.class;
                case REVIEW -> ReviewPage.class;
                case EXPORT -> ExportPage.class;
                case APPLY -> ApplyPage.class;
                case VERIFY -> VerifyPage.class;
            };
            if (controllerClass == type) {
                return page(step);
            }
        }
        return null;
    }

    /** A page's controller, built when its view is first loaded. */
    Page page(Step step) {
        return pages.computeIfAbsent(step, s -> switch (s) {
            case START -> new StartPage(model, dialogs, bundle, this::openInspect);
            case GITHUB -> new GitHubPage(model, background, new GitHubLookup(services.gitHub()), dialogs, gitHubSession);
            case ACCOUNTS -> new AccountsPage(model, bundle, background, profileNames);
            case ACCESS -> new AccessPage(model, bundle);
            case REVIEW -> new ReviewPage(model, bundle, navigator);
            case EXPORT -> new ExportPage(model, bundle, dialogs, background, folderOpener);
            case APPLY -> new ApplyPage(model, bundle, background, dialogs, liveAws);
            case VERIFY -> new VerifyPage(model, bundle, background, liveAws, new GitHubRunModel(services.gitHub(),
                    gitHubSession, background, Duration.ofSeconds(5), Duration.ofMinutes(10)));
        });
    }

    /** Opens the Inspect window (built on first use). */
    void openInspect() {
        inspect().show(root.getScene() == null ? null : root.getScene().getWindow());
    }

    /** The Inspect window, built on first use with the same services. */
    public dev.rolechain.ui.inspect.InspectWindow inspect() {
        if (inspect == null) {
            dev.rolechain.ui.inspect.InspectView view = new dev.rolechain.ui.inspect.InspectView(services.inspectSources(),
                    services.graphBuilder(), bundle, dialogs, background, profileNames);
            inspect = new dev.rolechain.ui.inspect.InspectWindow(view, STYLESHEET, bundle.getString("inspect.title"));
        }
        return inspect;
    }

    /** Shows the wizard in {@code stage}; closing with unsaved changes asks first. */
    public Scene show(Stage stage) {
        Scene scene = new Scene(root);
        // a field the user tabs to (or a finding takes them to) is scrolled into view
        scene.focusOwnerProperty().addListener((o, was, now) -> {
            if (now != null) {
                javafx.application.Platform.runLater(() -> dev.rolechain.ui.common.Scrolling.ifHidden(now));
            }
        });
        scene.getStylesheets().add(STYLESHEET);
        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.setMinWidth(780);
        stage.setMinHeight(540);
        stage.setOnCloseRequest(e -> {
            if (model.dirtyProperty().get() && !dialogs.confirm(stage, bundle.getString("dialog.unsaved.title"),
                    bundle.getString("dialog.unsaved.message"), bundle.getString("dialog.unsaved.agree"))) {
                e.consume();
            }
        });
        stage.show();
        return scene;
    }

    public WizardModel model() {
        return model;
    }

    public Parent root() {
        return root;
    }

    WizardController controller() {
        return controller;
    }

}
