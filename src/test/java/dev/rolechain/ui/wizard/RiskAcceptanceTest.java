package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Risky production access blocks the wizard until the target changes it or accepts it with a reason. */
@ExtendWith(ApplicationExtension.class)
class RiskAcceptanceTest {
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
    void theReviewShowsEachTrustPolicysSizeAgainstIamsQuota(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the preview is ready", () -> wizard.model().renderedProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        robot.clickOn("Policies");
        waitUntil("the policies are listed", () -> !robot.lookup("#policyList").queryListView().getItems().isEmpty());
        java.util.List<String> cells = robot.lookup("#policyList .list-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).filter(t -> t != null).toList();
        assertThat(cells).anySatisfy(t -> assertThat(t).matches("\\d{3} / 2,048  ·  111111111111/gha-oidc-dev/trust\\.json"));
        assertThat(cells).filteredOn(t -> t.contains("inline-")).allSatisfy(t -> assertThat(t).doesNotContain(" / "));
    }

    @Test
    void everyBranchIntoProductionBlocksAccessUntilTheTargetAcceptsItWithAReason(FxRobot robot) throws Exception {
        String json = Files.readString(Examples.path("three-targets"))
                .replace("{ \"repository\": \"app\", \"environment\": \"production\" }",
                        "{ \"repository\": \"app\", \"branch\": \"*\" }");
        Path file = Files.writeString(temp.resolve("risky.json"), json);
        robot.interact(() -> wizard.model().open(file, ok -> { }));
        waitUntil("the analysis is ready", () -> !wizard.model().blockingRisks().isEmpty());
        assertThat(wizard.model().blockingRisks()).extracting(f -> f.rule() + " " + f.targets())
                .containsExactly("RC108 [prod]");
        assertThat(wizard.model().validProperty(Step.ACCESS).get()).as("Access blocked").isFalse();
        assertThat(wizard.model().walkthrough().reachable(Step.REVIEW)).isFalse();

        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCESS));
        robot.interact(() -> robot.lookup("#targetList").queryListView().getSelectionModel().clearAndSelect(2));
        waitUntil("the risk is shown", () -> robot.lookup("#acceptRisk-RC108").tryQuery().isPresent());
        assertThat(robot.lookup("#risksMessage").queryAs(Label.class).getText()).startsWith("Risky access to production blocks");
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isTrue();

        CheckBox accept = robot.lookup("#acceptRisk-RC108").queryAs(CheckBox.class);
        robot.interact(() -> accept.setSelected(true));
        waitUntil("the empty reason is a problem", () -> wizard.model().problemsProperty().get()
                .containsKey("targets[2].acceptRisk.RC108"));
        assertThat(wizard.model().validProperty(Step.ACCESS).get()).isFalse();
        TextField reason = robot.lookup("#acceptRiskReason-RC108").queryAs(TextField.class);
        click(robot, "#acceptRiskReason-RC108").write("trunk-based: every branch is reviewed");
        waitUntil("Access is valid", () -> wizard.model().validProperty(Step.ACCESS).get());
        assertThat(reason.getText()).isEqualTo("trunk-based: every branch is reviewed");
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isFalse();
        waitUntil("the risk is accepted", () -> wizard.model().blockingRisks().isEmpty());
        assertThat(robot.lookup("#risksMessage").queryAs(Label.class).getText()).startsWith("Every risk of this target is accepted");

        Path saved = temp.resolve("accepted.json");
        robot.interact(() -> wizard.model().save(saved, ok -> { }));
        waitUntil("saved", () -> Files.exists(saved));
        assertThat(Files.readString(saved)).contains("\"acceptRisk\"", "\"RC108\": \"trunk-based: every branch is reviewed\"");
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("access-risk-light.png"));
    }
}
