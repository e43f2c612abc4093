package dev.rolechain.ui.wizard;

import dev.rolechain.Services;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.ControllerFactory;
import dev.rolechain.ui.common.FileDialogs;
import dev.rolechain.ui.common.FxmlFile;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private static final String CSS = "/dev/rolechain/ui/app.css";

    private final WizardModel model;
    private final WizardController controller;
    private final Map<Step, Page> pages = new EnumMap<>(Step.class);
    private final Parent root;
    private final FileDialogs dialogs;
    private final ResourceBundle bundle;

    public WizardWindow(Services services, ResourceBundle bundle, FileDialogs dialogs, Background background,
            RecentFiles recentFiles, Supplier<List<String>> profileNames, Consumer<Path> folderOpener) {
        this.bundle = bundle;
        this.dialogs = dialogs;
        PreviewService preview = new PreviewService(services.planner(), services.renderer(), services.linter(),
                services.chainCheck());
        this.model = new WizardModel(services.validator(), services.loader(), preview, services.exportWriter(),
                recentFiles, background, bundle.getString("app.untitled"));
        Navigator navigator = new Navigator(model.walkthrough());
        pages.put(Step.START, new StartPage(model, dialogs, bundle));
        pages.put(Step.GITHUB, new GitHubPage(model));
        pages.put(Step.ACCOUNTS, new AccountsPage(model, bundle, background, profileNames));
        pages.put(Step.ACCESS, new AccessPage(model, bundle));
        pages.put(Step.REVIEW, new ReviewPage(model, bundle, navigator));
        pages.put(Step.EXPORT, new ExportPage(model, bundle, dialogs, background, folderOpener));
        pages.forEach(navigator::register);
        ControllerFactory controllers = new ControllerFactory();
        pages.values().forEach(page -> register(controllers, page));
        this.controller = new WizardController(model, bundle, controllers, pages, navigator);
        controllers.register(WizardController.class, () -> controller);
        this.root = FxmlFile.WIZARD.load(controllers, bundle);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Page> void register(ControllerFactory controllers, T page) {
        controllers.register((Class<T>) page.getClass(), () -> page);
    }

    /** Shows the wizard in {@code stage}; closing with unsaved changes asks first. */
    public Scene show(Stage stage) {
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(WizardWindow.class.getResource(CSS), CSS).toExternalForm());
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

    Page page(Step step) {
        return pages.get(step);
    }
}
