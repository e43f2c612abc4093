package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.githubapi.GitHubConnector;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubRunStub;
import dev.rolechain.testsupport.GitHubStub;
import dev.rolechain.ui.common.Background;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view model of "Run in GitHub", without the FX thread: a synchronous background, GitHub's API on a stub. */
class GitHubRunModelTest {
    private GitHubStub stub;
    private GitHubRunModel model;
    private final GitHubSession session = new GitHubSession();
    private final DesiredState state = new Services().planner().plan(Examples.load("three-targets"));

    @BeforeEach
    void start() throws Exception {
        stub = new GitHubStub();
        GitHubRunStub.serve(stub);
        model = new GitHubRunModel(new GitHubConnector(Optional::empty, stub.base()), session,
                new Background(Runnable::run, Runnable::run), Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theRepositoriesAreTheSubjectsAndARunFillsOneRowPerTarget() throws Exception {
        model.setup(state);
        assertThat(model.repositories()).containsExactly("app", "infra");
        assertThat(model.repositoryProperty().get()).isEqualTo("app");
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("dev", "success", "success", "staging", "success", "failure",
                "prod", "success", "success"));
        session.tokenProperty().set("ghp_session");
        model.run(state);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.rows()).extracting(r -> r.target() + " " + r.expected() + " " + r.actual() + " " + r.asExpected())
                .containsExactly("dev allow allow true", "staging allow deny at hop 2 false", "prod allow allow true");
        assertThat(model.rows().get(1).hop2()).isEqualTo("failure (AccessDenied)");
        assertThat(model.rows().get(0).run()).isEqualTo("main #2");
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.outcomeProperty().get()).startsWith("Not as the Setup expects");
        assertThat(stub.requests()).extracting(GitHubStub.Request::authorization).contains("Bearer ghp_session");
    }

    @Test
    void aRunThatDoesNotEndInTimeIsCancelledInGitHub() {
        stub.sequence("GET", GitHubRunStub.REPO + "/actions/runs/2", new GitHubStub.Response(200,
                GitHubRunStub.run(2, "in_progress", null, "main"), Map.of()));
        stub.route("POST", GitHubRunStub.REPO + "/actions/runs/2/cancel", new GitHubStub.Response(202, "{}", Map.of()));
        GitHubRunModel quick = new GitHubRunModel(new GitHubConnector(Optional::empty, stub.base()), session,
                new Background(Runnable::run, Runnable::run), Duration.ofMillis(10), Duration.ofMillis(300));
        quick.setup(state);
        quick.run(state);
        assertThat(quick.outcomeProperty().get()).isEqualTo("the run did not finish within 300 ms; GitHub was asked to cancel "
                + "run 2 (https://github.com/acme/app/actions/runs/2)");
        assertThat(stub.writes()).extracting(GitHubStub.Request::path).contains(GitHubRunStub.REPO + "/actions/runs/2/cancel");
    }

    @Test
    void aFailureToRunIsTheOutcomeAndAnEditOfTheSetupKeepsAValidRepository() {
        stub.route("GET", GitHubRunStub.WORKFLOW, new GitHubStub.Response(404, "{\"message\":\"Not Found\"}", Map.of()));
        model.setup(state);
        model.run(state);
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.outcomeProperty().get()).contains("is not on the default branch of acme/app");
        assertThat(model.rows()).isEmpty();
        model.repositoryProperty().set("gone");
        model.setup(state);
        assertThat(model.repositoryProperty().get()).isEqualTo("app");
    }
}
