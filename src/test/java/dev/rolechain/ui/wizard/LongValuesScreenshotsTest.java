package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.ui.common.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every page with the longest realistic values (20 targets, 64-character role names, 1,224-character
 * ExternalIds, long owner, profile and repository names) at 1180×780 and 1440×900, light and dark: a screenshot
 * of each under target/screenshots/long, and no label, button or check box whose text is cut off.
 */
@ExtendWith(ApplicationExtension.class)
class LongValuesScreenshotsTest {
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

    /** The labeled controls (not table or list cells) whose text the skin shows cut off with an ellipsis. */
    private static List<String> cutOff(Node node) {
        List<String> cut = new ArrayList<>();
        if (!node.isVisible()) {
            return cut;
        }
        if (node instanceof Labeled l && !(node instanceof Cell) && !(node instanceof javafx.scene.control.TitledPane)
                && l.getText() != null && !l.getText().isBlank() && l.lookup(".text") instanceof Text shown
                && shown.getText().endsWith(l.getEllipsisString()) && !l.getText().endsWith(l.getEllipsisString())) {
            cut.add((l.getId() == null ? l.getClass().getSimpleName() : "#" + l.getId()) + ": \"" + l.getText() + "\" shown as \""
                    + shown.getText() + "\"");
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> cut.addAll(cutOff(c)));
        }
        return cut;
    }

    @Test
    void everyPageHoldsTheLongestValuesAtBothSizesInBothThemes(FxRobot robot) throws IOException {
        Path folder = Path.of(System.getProperty("rolechain.screenshots", "target/screenshots")).resolve("long");
        Files.createDirectories(folder);
        robot.interact(() -> wizard.model().open(Path.of("src/test/resources/long-values.json"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        waitUntil("the preview is ready", () -> wizard.model().analysisProperty().get() != null);
        List<String> problems = new ArrayList<>();
        for (int[] size : new int[][] {{1180, 780}, {1440, 900}}) {
            robot.interact(() -> {
                wizard.stage.setWidth(size[0]);
                wizard.stage.setHeight(size[1]);
            });
            for (Theme theme : Theme.values()) {
                robot.interact(() -> wizard.window.controller().setTheme(theme));
                for (Step step : Step.values()) {
                    robot.interact(() -> wizard.model().walkthrough().goTo(step));
                    assertThat(wizard.model().walkthrough().current()).isEqualTo(step);
                    robot.interact(() -> { });
                    String name = size[0] + "x" + size[1] + "-" + step.name().toLowerCase(Locale.ROOT) + "-"
                            + theme.name().toLowerCase(Locale.ROOT);
                    wizard.screenshot(robot, folder.resolve(name + ".png"));
                    cutOff(wizard.stage.getScene().getRoot()).forEach(c -> problems.add(name + ": " + c));
                }
            }
        }
        // a cell's reason, the longest text of the matrix, shows whole
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        robot.clickOn("Dry-run matrix");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<Object> matrix = robot.lookup("#matrixTable").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> matrix.getSelectionModel().select(0, matrix.getColumns().get(2)));
        Label detail = robot.lookup("#matrixDetail").queryAs(Label.class);
        waitUntil("the reason shows", () -> detail.getText().contains("\n"));
        cutOff(wizard.stage.getScene().getRoot()).forEach(c -> problems.add("matrix reason: " + c));
        wizard.screenshot(robot, folder.resolve("1440x900-review-matrix-reason-dark.png"));
        assertThat(problems).as("text cut off").isEmpty();
    }
}
