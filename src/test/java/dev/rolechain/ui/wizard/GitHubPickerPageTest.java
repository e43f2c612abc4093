package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.githubapi.GitHubConnector;
import dev.rolechain.setup.GitHub;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The GitHub page reading from GitHub's API (a local stub with GitHub's response shapes): the owner's id, its
 * repositories to tick, their ids and sub templates into the Setup; with a typed token and without one; and the
 * API's errors said on the page.
 */
@ExtendWith(ApplicationExtension.class)
class GitHubPickerPageTest {
    @TempDir
    static Path temp;

    private WizardFixture wizard;
    private GitHubStub stub;
    private final AtomicReference<String> environmentToken = new AtomicReference<>();

    @Start
    void start(Stage stage) throws IOException {
        stub = new GitHubStub();
        stub.get("/users/acme", "{\"login\":\"acme\",\"id\":123456,\"node_id\":\"O_kgDOAAHiQA\",\"type\":\"Organization\"}");
        stub.get("/orgs/acme/repos?per_page=100", "[{\"id\":456789,\"node_id\":\"R_kgDOAAb5VQ\",\"name\":\"app\","
                + "\"full_name\":\"acme/app\",\"private\":true,\"archived\":false},{\"id\":42,\"name\":\"infra\","
                + "\"full_name\":\"acme/infra\",\"private\":true,\"archived\":false},{\"id\":77,\"name\":\"web\","
                + "\"full_name\":\"acme/web\",\"private\":false,\"archived\":false},{\"id\":7,\"name\":\"old\","
                + "\"full_name\":\"acme/old\",\"archived\":true}]");
        stub.get("/orgs/acme/actions/oidc/customization/sub", "{\"include_claim_keys\":[\"repo\",\"context\"]}");
        stub.get("/repos/acme/app/actions/oidc/customization/sub", "{\"use_default\":true}");
        stub.get("/repos/acme/infra/actions/oidc/customization/sub",
                "{\"use_default\":false,\"include_claim_keys\":[\"repo\",\"context\",\"job_workflow_ref\"]}");
        stub.get("/repos/acme/web/actions/oidc/customization/sub", "{\"use_default\":true}");
        wizard = new WizardFixture(stage, Files.createTempDirectory(temp, "data"),
                new Services(new GitHubConnector(() -> Optional.ofNullable(environmentToken.get()), stub.base())));
    }

    @AfterEach
    void stop() {
        wizard.close();
        stub.close();
    }

    @Test
    void aTokenReadsTheOwnerAndTheTickedRepositoriesComeWithTheirIdsAndTemplates(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        click(robot, "#tokenField").write("ghp_typed");
        click(robot, "#readGitHubButton");
        waitUntil("the owner is read", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText().contains("repositories"));
        assertThat(robot.lookup("#gitHubStatus").queryAs(Label.class).getText())
                .isEqualTo("acme (organization, id 123456): 3 repositories. Tick the ones that deploy and add them.");
        assertThat(wizard.model().draft().ownerIdProperty().get()).isEqualTo("123456");
        @SuppressWarnings("unchecked")
        ListView<dev.rolechain.githubapi.GitHubApi.Repository> list = robot.lookup("#gitHubRepositoryList").queryAs(ListView.class);
        assertThat(list.getItems()).extracting(dev.rolechain.githubapi.GitHubApi.Repository::name)
                .containsExactly("app", "infra", "web");
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("github-api-light.png"));

        // app and infra are in the Setup already and come ticked; tick web too
        javafx.scene.Node webBox = robot.lookup("#gitHubRepositoryList .check-box").queryAll().stream().skip(2).findFirst()
                .orElseThrow();
        robot.interact(() -> WizardFixture.scrollIntoView(webBox));
        robot.clickOn(webBox);
        click(robot, "#addPickedButton");
        waitUntil("the ticked repositories are added", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText()
                .startsWith("Added"));
        assertThat(robot.lookup("#gitHubStatus").queryAs(Label.class).getText())
                .isEqualTo("Added 3 repositories with their ids; one uses its own sub template.");
        waitUntil("the Setup has the ids", () -> wizard.model().setupProperty().get().github().idOf("web") != null);
        GitHub github = wizard.model().setupProperty().get().github();
        assertThat(github.ownerId()).isEqualTo(123456L);
        assertThat(github.idOf("app")).isEqualTo(456789L);
        assertThat(github.idOf("infra")).isEqualTo(42L);
        assertThat(github.templateOf("infra")).containsExactly("repo", "context", "job_workflow_ref");
        assertThat(github.templateOf("app")).isNull();
        assertThat(wizard.model().draft().repositories()).contains("web");
        assertThat(stub.requests()).extracting(GitHubStub.Request::authorization).containsOnly("Bearer ghp_typed");
        waitUntil("the preview's trust follows infra's template", () -> wizard.model().renderedProperty().get() != null
                && wizard.model().renderedProperty().get().artifacts().stream().anyMatch(a -> a.content()
                        .contains("repo:acme/infra:ref:refs/heads/feature/*:job_workflow_ref:acme/infra/.github/workflows/deploy.yml")));
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("github-api-added-light.png"));
        assertThat(Files.exists(WizardFixture.screenshots().resolve("github-api-light.png"))).isTrue();
    }

    @Test
    void checkOnGitHubListsWhatNeedsAttentionAndProtectsTheEnvironmentAfterConfirmation(FxRobot robot) {
        stub.get("/repos/acme/app", "{\"id\":456789,\"name\":\"app\",\"full_name\":\"acme/app\"}")
                .get("/repos/acme/infra", "{\"id\":42,\"name\":\"infra\",\"full_name\":\"acme/infra\"}")
                .get("/repos/acme/infra/actions/oidc/customization/sub", "{\"use_default\":true}")
                .get("/repos/acme/app/environments?per_page=100", "{\"total_count\":0,\"environments\":[]}")
                .get("/orgs/acme/teams/platform", "{\"id\":1234,\"name\":\"Platform\",\"slug\":\"platform\"}")
                .route("PUT", "/repos/acme/app/environments/production", new GitHubStub.Response(200,
                        "{\"id\":1,\"name\":\"production\"}", Map.of()))
                .route("POST", "/repos/acme/app/environments/production/deployment-branch-policies",
                        new GitHubStub.Response(200, "{\"id\":2,\"name\":\"main\",\"type\":\"branch\"}", Map.of()));
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        click(robot, "#checkGitHubButton");
        waitUntil("the check is done", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText().contains("attention"));
        @SuppressWarnings("unchecked")
        ListView<String> problems = robot.lookup("#gitHubProblemList").queryAs(ListView.class);
        assertThat(problems.getItems()).anySatisfy(p -> assertThat(p).contains("environment production of acme/app "
                + "(production target prod) does not exist"));
        assertThat(robot.lookup("#protectButton").query().isVisible()).isTrue();
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("github-check-light.png"));

        wizard.dialogs.agree = false;
        click(robot, "#protectButton");
        assertThat(wizard.dialogs.messages).singleElement().asString().contains("environment production of acme/app (create)",
                "+ required reviewer acme/platform", "+ deployment branch main");
        assertThat(stub.writes()).as("nothing changes without agreement").isEmpty();

        wizard.dialogs.agree = true;
        click(robot, "#protectButton");
        waitUntil("the environment is protected", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText()
                .startsWith("Changed"));
        assertThat(stub.writes()).extracting(GitHubStub.Request::method).containsExactly("PUT", "POST");
        assertThat(robot.lookup("#protectButton").query().isVisible()).isFalse();
    }

    @Test
    void withoutATokenTheLimitAndPrivateRepositoriesAreSaidAndErrorsShowOnThePage(FxRobot robot) {
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.GITHUB));
        click(robot, "#readGitHubButton");
        waitUntil("the owner is asked for", () -> !robot.lookup("#gitHubStatus").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#gitHubStatus").queryAs(Label.class).getText()).isEqualTo("Type the owner first.");

        click(robot, "#ownerField").write("acme");
        click(robot, "#readGitHubButton");
        waitUntil("the owner is read", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText().contains("repositories"));
        assertThat(robot.lookup("#gitHubStatus").queryAs(Label.class).getText())
                .endsWith("; read without a token, so private repositories are not listed. Tick the ones that deploy and add them.");
        assertThat(stub.requests()).extracting(GitHubStub.Request::authorization).containsOnly("null");

        stub.route("GET", "/users/acme", new GitHubStub.Response(403, "{\"message\":\"API rate limit exceeded for 127.0.0.1.\"}",
                Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1796000000")));
        click(robot, "#readGitHubButton");
        waitUntil("the limit is said", () -> robot.lookup("#gitHubStatus").queryAs(Label.class).getText().contains("rate limit"));
        assertThat(robot.lookup("#gitHubStatus").queryAs(Label.class).getText()).startsWith("GitHub's API rate limit is used up")
                .contains("with a token");
        assertThat(robot.lookup("#readGitHubButton").queryButton().isDisabled()).isFalse();
        // typing another owner drops what was read for acme
        click(robot, "#ownerField").write("x");
        assertThat(robot.lookup("#pickerBox").query().isVisible()).isFalse();
        assertThat(List.of(wizard.model().draft().ownerIdProperty().get())).containsExactly("123456");
    }
}
