package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What the wizard shows follows the Setup: nothing stale after an edit, and messages about what is typed. */
@ExtendWith(ApplicationExtension.class)
class StaleStateTest {
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

    private void open(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
    }

    @Test
    void aNewSetupIsNotUnsavedUntilEdited(FxRobot robot) {
        robot.interact(() -> wizard.model().newSetup());
        assertThat(wizard.model().titleProperty().get()).doesNotStartWith("*");
        robot.interact(() -> wizard.model().draft().ownerProperty().set("acme"));
        waitUntil("the edit marks it unsaved", () -> wizard.model().titleProperty().get().startsWith("*"));
    }

    @Test
    void anEmptyExternalIdIsSaidWhenTheUserAsksWhyNextIsDisabled(FxRobot robot) {
        robot.interact(() -> {
            wizard.model().newSetup();
            wizard.model().draft().ownerProperty().set("acme");
            wizard.model().draft().repositories().add("app");
            wizard.model().draft().toolingAccountIdProperty().set("111111111111");
            wizard.model().draft().targets().get(0).accountIdProperty().set("222222222222");
        });
        waitUntil("the GitHub page is valid", () -> wizard.model().validProperty(Step.GITHUB).get());
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCOUNTS));
        Label message = robot.lookup("#targetExternalIdMessage-0").queryAs(Label.class);
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isTrue();
        assertThat(message.getText()).as("a fresh field is not red yet").isBlank();
        Hyperlink footer = robot.lookup("#findingsLink").queryAs(Hyperlink.class);
        waitUntil("the footer says why", () -> footer.getText().contains("in the Setup"));
        click(robot, "#findingsLink");
        waitUntil("the field says it", () -> message.getText().startsWith("required"));
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCOUNTS);
    }

    @Test
    void aMessageAppearingDoesNotMoveTheFieldsBelowIt(FxRobot robot) {
        open(robot);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCOUNTS));
        javafx.scene.Node region = robot.lookup("#regionField").query();
        double before = region.localToScene(0, 0).getY();
        robot.interact(() -> wizard.model().draft().toolingAccountIdProperty().set("12345"));
        waitUntil("the message shows", () -> robot.lookup("#toolingAccountMessage").queryAs(Label.class).isVisible());
        robot.interact(() -> { });
        assertThat(region.localToScene(0, 0).getY()).isEqualTo(before);
    }

    @Test
    void aFieldThatTakesFocusBelowTheFoldIsScrolledIntoView(FxRobot robot) {
        open(robot);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        javafx.scene.Node token = robot.lookup("#tokenField").query();
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) robot.lookup(".scroll-pane").queryAll()
                .stream().filter(n -> n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null
                        && sp.getContent().lookup("#tokenField") != null).findFirst().orElseThrow();
        robot.interact(() -> scroll.setVvalue(0));
        robot.interact(token::requestFocus);
        waitUntil("scrolled to the field", () -> scroll.getVvalue() > 0);
        double top = scroll.localToScene(scroll.getBoundsInLocal()).getMinY();
        double bottom = top + scroll.getViewportBounds().getHeight();
        javafx.geometry.Bounds b = token.localToScene(token.getBoundsInLocal());
        assertThat(b.getMinY()).isGreaterThanOrEqualTo(top);
        assertThat(b.getMaxY()).isLessThanOrEqualTo(bottom);
    }

    @Test
    void theRepositoryFieldExplainsOwnerSlashRepoAndItsMessageGoesWithTheText(FxRobot robot) {
        open(robot);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        click(robot, "#repositoryField").write("acme/web");
        click(robot, "#addRepositoryButton");
        Label message = robot.lookup("#repositoryMessage").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("The owner is set above (acme): type just the repository's name, web");
        assertThat(wizard.model().draft().repositories()).doesNotContain("acme/web", "web");
        robot.interact(() -> robot.lookup("#repositoryField").queryTextInputControl().clear());
        assertThat(message.getText()).isEmpty();
        click(robot, "#repositoryField").write("other-org/web");
        click(robot, "#addRepositoryButton");
        assertThat(message.getText()).startsWith("\"other-org\" is another owner than acme");
        robot.interact(() -> robot.lookup("#repositoryField").queryTextInputControl().clear());
        click(robot, "#repositoryField").write("app");
        click(robot, "#addRepositoryButton");
        assertThat(message.getText()).isEqualTo("\"app\" is already in the list");
        robot.interact(() -> robot.lookup("#repositoryField").queryTextInputControl().clear());
        assertThat(message.getText()).as("gone with the text").isEmpty();
    }

    @Test
    void aFieldSaysWhatLintFindsOfItAndStopsSayingItOnceFixed(FxRobot robot) {
        open(robot);
        // the GitHub page lists only app: the dev target's infra subject names a repository the list does not
        robot.interact(() -> wizard.model().draft().repositories().remove("infra"));
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCESS));
        Label infra = robot.lookup("#subjectRepositoryMessage-2").queryAs(Label.class);
        waitUntil("the repository field says it is not listed", () -> infra.getText().equals(
                "infra is not in the GitHub page's list (app): correct the name, or add it there"));
        assertThat(infra.getStyleClass()).as("a warning, not a problem of the input").contains(FieldFeedback.NOTICE);
        assertThat(robot.lookup("#subjectRepository-2").query().getPseudoClassStates())
                .doesNotContain(atlantafx.base.theme.Styles.STATE_DANGER);
        assertThat(wizard.model().validProperty(Step.ACCESS).get()).as("a notice does not block").isTrue();

        // the same subject twice: said under the repeated subject's repository
        robot.interact(() -> {
            SubjectDraft third = wizard.model().draft().targets().get(0).subjects().get(2);
            third.repositoryProperty().set("app");
            third.valueProperty().set("*");
        });
        waitUntil("the repeat is said", () -> infra.getText().equals("the same subject is listed twice (RC211)"));
        robot.interact(() -> wizard.model().draft().targets().get(0).subjects().get(2).valueProperty().set("release/*"));
        waitUntil("fixed, nothing said", () -> infra.getText().isBlank() && !infra.isVisible());
        assertThat(infra.getStyleClass()).doesNotContain(FieldFeedback.NOTICE);

        // a target in the tooling account: said under its account id on the Accounts page
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCOUNTS));
        robot.interact(() -> wizard.model().draft().targets().get(0).accountIdProperty().set("111111111111"));
        Label account = robot.lookup("#targetAccountIdMessage-0").queryAs(Label.class);
        waitUntil("the account field says it", () -> account.getText().startsWith("target dev is the tooling account"));
        assertThat(account.getText()).endsWith("(RC210)");
    }

    @Test
    void theStepListAndTheFooterFollowTheSetupsValidity(FxRobot robot) {
        open(robot);
        waitUntil("every page is reachable", () -> !robot.lookup("#step-verify").queryButton().isDisabled());
        // a repository name that is not one: the Setup is invalid, the later pages are out of reach
        robot.interact(() -> wizard.model().draft().targets().get(0).subjects().get(0).repositoryProperty().set("no good"));
        waitUntil("the later pages are disabled", () -> robot.lookup("#step-review").queryButton().isDisabled());
        assertThat(robot.lookup("#step-verify").queryButton().isDisabled()).isTrue();
        Hyperlink footer = robot.lookup("#findingsLink").queryAs(Hyperlink.class);
        waitUntil("the footer counts the problem", () -> footer.getText().startsWith("One problem in the Setup"));
        assertThat(footer.getText()).contains("targets[0].subjects[0].repository");
        click(robot, "#findingsLink");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCESS);
        robot.interact(() -> wizard.model().draft().targets().get(0).subjects().get(0).repositoryProperty().set("app"));
        waitUntil("reachable again", () -> !robot.lookup("#step-verify").queryButton().isDisabled());
        waitUntil("the footer shows findings again", () -> !footer.getText().contains("problem"));
    }
}
