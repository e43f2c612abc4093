package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard in a stage with stub dialogs and a recent-files list of its own, and robot helpers. */
final class WizardFixture {
    final StubDialogs dialogs = new StubDialogs();
    final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "test-worker");
        t.setDaemon(true);
        return t;
    });
    final WizardWindow window;
    final Stage stage;

    WizardFixture(Stage stage, Path dataFolder) {
        this(stage, dataFolder, new Services(new dev.rolechain.githubapi.GitHubConnector(java.util.Optional::empty,
                "http://127.0.0.1:9")));
    }

    /** The wizard with these services (GitHub's API at a stub, say); GitHub is unreachable by default. */
    WizardFixture(Stage stage, Path dataFolder, Services services) {
        this.stage = stage;
        Theme.LIGHT.apply();
        ResourceBundle bundle = ResourceBundle.getBundle(WizardWindow.BUNDLE);
        window = new WizardWindow(services, bundle, dialogs, new Background(workers, Platform::runLater),
                new RecentFiles(dataFolder.resolve("recent-files.txt")), () -> List.of("sandbox", "tooling-sso"),
                folder -> { });
        stage.setWidth(1180);
        stage.setHeight(800);
        window.show(stage);
    }

    WizardModel model() {
        return window.model();
    }

    static void waitUntil(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
            // the condition is read off the FX thread: let the FX event that made it true finish
            WaitForAsyncUtils.waitForFxEvents();
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }

    /** Replaces a text field's text by typing, as a user would (select all, type). */
    static void replace(FxRobot robot, String query, String text) {
        click(robot, query);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks a control as a user would: scrolled into view first, like a user scrolls to it. */
    static FxRobot click(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> scrollIntoView(node));
        robot.clickOn(node);
        WaitForAsyncUtils.waitForFxEvents();
        return robot;
    }

    static void scrollIntoView(Node node) {
        dev.rolechain.ui.common.Scrolling.intoView(node);
    }

    static String text(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        assertThat(node).as(query).isInstanceOf(TextInputControl.class);
        return ((TextInputControl) node).getText();
    }

    /** Writes the window as it looks now to a PNG file. */
    void screenshot(FxRobot robot, Path file) {
        screenshot(robot, stage, file);
    }

    /** Writes a window as it looks now to a PNG file. */
    static void screenshot(FxRobot robot, Stage window, Path file) {
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> image =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> image.set(window.getScene().snapshot(null)));
        try {
            dev.rolechain.ui.common.Png.write(image.get(), file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The folder the build names for screenshots. */
    static Path screenshots() {
        return Path.of(System.getProperty("rolechain.screenshots", "target/screenshots"));
    }

    void close() {
        workers.shutdownNow();
    }
}
