package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every control of every page can be reached with Tab (Ctrl+Tab out of a text area), and Next by Enter. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {
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
    }

    @Test
    void everyControlOfEveryPageIsReachableByTab(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        for (Step step : Step.values()) {
            robot.interact(() -> wizard.model().walkthrough().goTo(step));
            WaitForAsyncUtils.waitForFxEvents();
            List<Control> controls = new ArrayList<>();
            collect(wizard.window.root(), controls);
            assertThat(controls).as(step.name()).isNotEmpty();
            Set<Control> reached = new LinkedHashSet<>();
            for (int i = 0; i < controls.size() * 2 + 10; i++) {
                Node focused = wizard.stage.getScene().getFocusOwner();
                Control owner = owner(focused);
                if (owner != null) {
                    reached.add(owner);
                }
                if (focused instanceof TextArea) {
                    robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
                } else {
                    robot.type(KeyCode.TAB);
                }
                WaitForAsyncUtils.waitForFxEvents();
            }
            // a radio group is one Tab stop, as on every platform: the arrow keys move within it
            Set<Object> reachedStops = new LinkedHashSet<>();
            reached.forEach(c -> reachedStops.add(stop(c)));
            List<String> missed = controls.stream().filter(c -> !reachedStops.contains(stop(c)))
                    .map(c -> c.getClass().getSimpleName() + "#" + c.getId() + " " + c.getAccessibleText()).toList();
            assertThat(missed).as("controls of %s that Tab never reached", step).isEmpty();
        }
    }

    @Test
    void enterMovesToTheNextPageWhenItIsValid(FxRobot robot) {
        robot.interact(() -> wizard.model().openExample());
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        robot.clickOn("#audienceField");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCOUNTS);
    }

    @Test
    void clickingAStepFocusesThePagesFirstFieldWhereItCanBeSeen(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("every page is reachable", () -> !robot.lookup("#step-review").queryButton().isDisabled());
        robot.clickOn("#step-accounts");
        waitUntil("the first field has the focus", () -> robot.lookup("#toolingAccountField").query().isFocused());
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCOUNTS);
        robot.clickOn("#step-github");
        waitUntil("the GitHub page's first field has the focus", () -> {
            Node focused = robot.lookup("#stepList").query().getScene().getFocusOwner();
            return focused != null && focused.getId() != null && !focused.getId().startsWith("step-");
        });
        assertThat(robot.lookup("#stepList").query().getScene().getFocusOwner().getId()).isEqualTo("ownerField");
    }

    private static Object stop(Control c) {
        return c instanceof javafx.scene.control.RadioButton r && r.getToggleGroup() != null ? r.getToggleGroup() : c;
    }

    /** The control that owns a focused node (a combo box for its editor). */
    private static Control owner(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof ComboBoxBase<?> c) {
                return c;
            }
        }
        return node instanceof Control c ? c : null;
    }

    private static void collect(Node node, List<Control> out) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        if (node instanceof Control c && c.isFocusTraversable() && !(c.getParent() instanceof ComboBoxBase<?>)
                && !isInsideControl(c)) {
            out.add(c);
        }
        if (node instanceof ComboBoxBase<?>) {
            return;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    /** Nodes a control's skin makes (a list's cells, a scroll bar) are not the page's controls. */
    private static boolean isInsideControl(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ListView<?> || p instanceof javafx.scene.control.TableView<?>) {
                return true;
            }
        }
        return false;
    }
}
