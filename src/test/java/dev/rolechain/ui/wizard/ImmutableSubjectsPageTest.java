package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.SubjectFormat;
import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The GitHub page without a token: immutable subjects typed by hand (the owner's id, repositories as name@id). */
@ExtendWith(ApplicationExtension.class)
class ImmutableSubjectsPageTest {
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
    void choosingImmutableSubjectsAsksForTheIdsAndTheTrustsNameThem(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        @SuppressWarnings("unchecked")
        ChoiceBox<SubjectFormat> format = robot.lookup("#subjectFormatChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> format.setValue(SubjectFormat.IMMUTABLE));
        waitUntil("the ids are asked for", () -> wizard.model().problemsProperty().get().keySet()
                .containsAll(java.util.List.of("github.ownerId", "github.repositories.app.id", "github.repositories.infra.id")));
        assertThat(wizard.model().validProperty(Step.GITHUB).get()).isFalse();
        assertThat(robot.lookup("#repositoryMessage").queryAs(javafx.scene.control.Label.class).getText())
                .contains("takes the immutable sub form");

        click(robot, "#ownerIdField").write("123456");
        click(robot, "#repositoryField").write("app@456789");
        click(robot, "#addRepositoryButton");
        click(robot, "#repositoryField").write("infra@42");
        click(robot, "#addRepositoryButton");
        waitUntil("the GitHub page is valid", () -> wizard.model().validProperty(Step.GITHUB).get());
        GitHub github = wizard.model().setupProperty().get().github();
        assertThat(github.ownerId()).isEqualTo(123456L);
        assertThat(github.subjectFormat()).isEqualTo(SubjectFormat.IMMUTABLE);
        assertThat(github.repositories()).isEqualTo(Map.of("app", new GitHub.Repository(456789L, null),
                "infra", new GitHub.Repository(42L, null)));
        assertThat(robot.lookup("#repositoryList .list-cell").queryAll().stream().map(n -> ((Labeled) n).getText())
                .filter(t -> t != null).toList()).contains("app   id 456789", "infra   id 42");
        waitUntil("the preview names the ids", () -> wizard.model().renderedProperty().get() != null
                && wizard.model().renderedProperty().get().artifacts().stream()
                        .anyMatch(a -> a.content().contains("repo:acme@123456/app@456789:environment:production")));
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("github-immutable-light.png"));
    }
}
