package dev.rolechain.ui;

import dev.rolechain.Services;
import dev.rolechain.aws.DataFolder;
import dev.rolechain.aws.ProfileNames;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.FxFileDialogs;
import dev.rolechain.ui.common.Theme;
import dev.rolechain.ui.wizard.RecentFiles;
import dev.rolechain.ui.wizard.WizardWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Starts the GUI. The services and the wizard's scene graph are built on a worker thread while the JavaFX
 * toolkit starts on the main thread (JavaFX allows building nodes off the FX thread until they are shown); the
 * FX thread loads the theme while it waits, and shows the window when both are ready: on a two-core machine
 * that nearly halves the time to the first page.
 */
public final class Gui {
    /** Set to print a line when the first page is on screen, and to exit then (start-up benchmark). */
    public static final String STARTUP_PROBE = "rolechain.startupProbe";

    private Gui() {
    }

    /** Opens the wizard; {@code services} are made on the worker that builds it, not before the toolkit starts. */
    public static void launch(Supplier<Services> servicesFactory) {
        ExecutorService workers = workers();
        CompletableFuture<WizardWindow> window = CompletableFuture.supplyAsync(() -> {
            Services services = servicesFactory.get();
            ResourceBundle bundle = ResourceBundle.getBundle(WizardWindow.BUNDLE);
            return new WizardWindow(services, bundle, new FxFileDialogs(bundle),
                    new Background(workers, Platform::runLater), new RecentFiles(DataFolder.get().resolve("recent-files.txt")),
                    ProfileNames::list, Gui::openFolder);
        }, workers);
        Platform.startup(() -> {
            // the theme loads (about 80 ms) while the worker still builds the wizard
            Theme.LIGHT.apply();
            window.whenCompleteAsync((built, error) -> {
                if (error != null) {
                    LoggerFactory.getLogger(Gui.class).error("the wizard could not be built", error);
                    Platform.exit();
                    return;
                }
                // again, through the FX queue: a control class first used on the worker before the theme was set
                // queued JavaFX's default stylesheet, which must not stay; the theme is cached, so this costs nothing
                Theme.LIGHT.apply();
                Scene scene = built.show(new Stage());
                if (Boolean.getBoolean(STARTUP_PROBE)) {
                    reportFirstPulse(scene);
                }
            }, Platform::runLater);
        });
    }

    private static void reportFirstPulse(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                // which stylesheet won: the theme's background, not JavaFX's default one (LauncherGuiTest)
                if (scene.getRoot() instanceof javafx.scene.layout.Region root && root.getBackground() != null
                        && !root.getBackground().getFills().isEmpty()) {
                    dev.rolechain.Console.out("rolechain: first page background " + root.getBackground().getFills().get(0).getFill());
                }
                dev.rolechain.Console.out("rolechain: first page shown");
                Platform.exit();
                System.exit(0);
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static ExecutorService workers() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rolechain-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens a folder in the platform's file manager. */
    static void openFolder(Path folder) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String command = os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(command, folder.toString()).inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        }
    }
}
