package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.githubapi.GitHubConnector;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubRunStub;
import dev.rolechain.testsupport.GitHubStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Verify page's "Run in GitHub": a run dispatched and read back through GitHub's API (a stub), shown per target. */
@ExtendWith(ApplicationExtension.class)
class VerifyInGitHubPageTest {
    @TempDir
    static Path temp;

    private WizardFixture wizard;
    private GitHubStub stub;

    @Start
    void start(Stage stage) throws IOException {
        stub = new GitHubStub();
        GitHubRunStub.serve(stub);
        wizard = new WizardFixture(stage, Files.createTempDirectory(temp, "data"),
                new Services(new GitHubConnector(Optional::empty, stub.base())));
    }

    @AfterEach
    void stop() {
        wizard.close();
        stub.close();
    }

    private void openVerify(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the preview is ready", () -> wizard.model().currentRendered() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.VERIFY));
        waitUntil("the repositories are offered", () -> "app".equals(
                robot.lookup("#githubRunRepository").queryComboBox().getValue()));
    }

    @Test
    void aRunShowsEachTargetsHopsBesideWhatTheSetupExpects(FxRobot robot) throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("dev", "success", "success", "staging", "success", "success",
                "prod", "failure", "skipped"));
        openVerify(robot);
        click(robot, "#githubRunButton");
        waitUntil("the run is read back", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<GitHubRunModel.Row> table = robot.lookup("#githubRunTable").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(r -> r.target() + ": " + r.actual() + " / " + r.hop1())
                .containsExactly("dev: allow / success", "staging: allow / success", "prod: deny at hop 1 / failure (AccessDenied)");
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getText()).startsWith("Not as the Setup expects");
        assertThat(robot.lookup("#githubRunButton").queryButton().isDisabled()).isFalse();
        WizardFixture.scrollIntoView(table);
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("verify-github-light.png"));
    }

    @Test
    void aWorkflowMissingFromTheDefaultBranchIsSaidOnThePage(FxRobot robot) {
        stub.route("GET", GitHubRunStub.WORKFLOW, new GitHubStub.Response(404, "{\"message\":\"Not Found\"}", Map.of()));
        openVerify(robot);
        click(robot, "#githubRunButton");
        waitUntil("the problem is said", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getText())
                .startsWith(".github/workflows/rolechain-verify.yml is not on the default branch of acme/app");
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getStyleClass()).contains("severity-error");
    }
}
