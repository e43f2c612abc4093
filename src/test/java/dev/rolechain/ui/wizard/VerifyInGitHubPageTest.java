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
    void aDenialAtHopTwoIsMarkedWithItsStsError(FxRobot robot) throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("dev", "success", "success", "staging", "success", "failure",
                "prod", "success", "success"));
        openVerify(robot);
        click(robot, "#githubRunButton");
        waitUntil("the run is read back", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<GitHubRunModel.Row> table = robot.lookup("#githubRunTable").queryAs(TableView.class);
        assertThat(table.getItems()).filteredOn(r -> r.target().equals("staging")).singleElement()
                .satisfies(r -> assertThat(r.actual() + " / " + r.hop2()).isEqualTo("deny at hop 2 / failure (AccessDenied)"));
    }

    @Test
    void aTokenWithoutActionsWriteIsSaidOnThePage(FxRobot robot) {
        stub.route("POST", GitHubRunStub.REPO + "/actions/workflows/" + GitHubRunStub.WORKFLOW_ID + "/dispatches",
                new GitHubStub.Response(403, "{\"message\":\"Resource not accessible by personal access token\"}", Map.of()));
        openVerify(robot);
        click(robot, "#githubRunButton");
        waitUntil("the problem is said", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getText()).contains("actions: write");
    }

    @Test
    void aRunThatStaysQueuedIsCancelledFromThePage(FxRobot robot) {
        stub.sequence("GET", GitHubRunStub.REPO + "/actions/runs/2", new GitHubStub.Response(200,
                GitHubRunStub.run(2, "queued", null, "main"), Map.of()));
        stub.route("POST", GitHubRunStub.REPO + "/actions/runs/2/cancel", new GitHubStub.Response(202, "{}", Map.of()));
        openVerify(robot);
        click(robot, "#githubRunButton");
        waitUntil("the run is followed", () -> robot.lookup("#githubRunProgress").queryAs(Label.class).getText()
                .contains("run 2 is queued"));
        assertThat(robot.lookup("#githubCancelButton").queryButton().isDisabled()).isFalse();
        click(robot, "#githubCancelButton");
        waitUntil("the run is cancelled", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getText())
                .isEqualTo("cancelled; GitHub was asked to cancel run 2 (https://github.com/acme/app/actions/runs/2)");
        assertThat(stub.writes()).extracting(GitHubStub.Request::path).contains(GitHubRunStub.REPO + "/actions/runs/2/cancel");
        assertThat(robot.lookup("#githubRunButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aRunThatDoesNotEndInTheTimeGivenIsCancelledAndSaid(FxRobot robot) {
        stub.sequence("GET", GitHubRunStub.REPO + "/actions/runs/2", new GitHubStub.Response(200,
                GitHubRunStub.run(2, "in_progress", null, "main"), Map.of()));
        stub.route("POST", GitHubRunStub.REPO + "/actions/runs/2/cancel", new GitHubStub.Response(202, "{}", Map.of()));
        openVerify(robot);
        WizardFixture.replace(robot, "#githubRunTimeout", "1");
        click(robot, "#githubRunButton");
        waitUntil("the timeout is said", () -> !robot.lookup("#githubRunOutcome").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#githubRunOutcome").queryAs(Label.class).getText()).isEqualTo("the run did not finish "
                + "within 1 s; GitHub was asked to cancel run 2 (https://github.com/acme/app/actions/runs/2)");
        assertThat(stub.writes()).extracting(GitHubStub.Request::path).contains(GitHubRunStub.REPO + "/actions/runs/2/cancel");
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
