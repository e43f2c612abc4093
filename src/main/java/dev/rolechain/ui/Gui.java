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
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the GUI. The wizard's scene graph is built on a worker thread while the JavaFX toolkit
 * starts on another (JavaFX allows building nodes off the FX thread until they are shown), and the
 * window is shown on the FX thread when both are ready: on a two-core machine that nearly halves the
 * time to the first page.
 */
public final class Gui {
    /** Set to print a line when the first page is on screen, and to exit then (start-up benchmark). */
    public static final String STARTUP_PROBE = "rolechain.startupProbe";
    private static final Logger LOG = LoggerFactory.getLogger(Gui.class);

    private Gui() {
    }

    public static void launch(Services services) {
        ExecutorService workers = workers();
        CompletableFuture<WizardWindow> window = CompletableFuture.supplyAsync(() -> {
            ResourceBundle bundle = ResourceBundle.getBundle(WizardWindow.BUNDLE);
            return new WizardWindow(services, bundle, new FxFileDialogs(bundle),
                    new Background(workers, Platform::runLater), new RecentFiles(DataFolder.get().resolve("recent-files.txt")),
                    ProfileNames::list, Gui::openFolder);
        }, workers);
        // shown through the FX queue: building controls off the FX thread may have queued JavaFX's
        // default stylesheet, and the theme must be set after it
        Platform.startup(() -> window.whenCompleteAsync((built, error) -> {
            if (error != null) {
                LOG.error("the wizard could not be built", error);
                Platform.exit();
                return;
            }
            Theme.LIGHT.apply();
            Scene scene = built.show(new Stage());
            if (Boolean.getBoolean(STARTUP_PROBE)) {
                reportFirstPulse(scene);
            }
        }, Platform::runLater));
    }

    private static void reportFirstPulse(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
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
