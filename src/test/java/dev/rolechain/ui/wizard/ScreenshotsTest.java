package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Examples;
import dev.rolechain.ui.common.Theme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A screenshot of every page, light and dark, with the three-target example open, written under
 * target/screenshots (the folder the build names in rolechain.screenshots).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    @TempDir
    static Path temp;

    private WizardFixture wizard;

    @Start
    void start(Stage stage) throws IOException {
        wizard = new WizardFixture(stage, Files.createTempDirectory(temp, "data"));
    }

    @AfterEach
    void stop() {
        wizard.close();
        wizard.window.controller().setTheme(Theme.LIGHT);
    }

    @Test
    void everyPageIsCapturedInTheLightAndTheDarkTheme(FxRobot robot) throws IOException {
        Path folder = Path.of(System.getProperty("rolechain.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        wizard.dialogs.open = Examples.path("three-targets");
        for (Theme theme : Theme.values()) {
            robot.interact(() -> wizard.window.controller().setTheme(theme));
            robot.interact(() -> wizard.model().walkthrough().goTo(Step.START));
            if (theme == Theme.LIGHT) {
                robot.interact(() -> wizard.model().open(wizard.dialogs.open, ok -> { }));
                waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null
                        && wizard.model().fileProperty().get() != null);
            }
            for (Step step : Step.values()) {
                robot.interact(() -> wizard.model().walkthrough().goTo(step));
                assertThat(wizard.model().walkthrough().current()).isEqualTo(step);
                if (step == Step.REVIEW) {
                    waitUntil("the preview is ready", () -> wizard.model().analysisProperty().get() != null);
                }
                Path file = folder.resolve(step.name().toLowerCase(Locale.ROOT) + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png");
                wizard.screenshot(robot, file);
                BufferedImage read = ImageIO.read(file.toFile());
                assertThat(read.getWidth()).isGreaterThan(700);
                assertThat(read.getHeight()).isGreaterThan(500);
                if (step == Step.REVIEW) {
                    for (String tab : new String[] {"Findings (8)", "Dry-run matrix", "Policies"}) {
                        robot.clickOn(tab);
                        if (!tab.equals("Policies")) {
                            wizard.screenshot(robot, folder.resolve("review-" + tab.split(" ")[0].toLowerCase(Locale.ROOT)
                                    + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png"));
                        }
                    }
                }
            }
        }
    }
}
