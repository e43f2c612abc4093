package dev.rolechain.githubapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub REST client and the `github` report against a local stub that answers with GitHub's response shapes. */
class GitHubApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private GitHubStub stub;
    @TempDir
    Path temp;

    private void route(String pathAndQuery, String body) {
        stub.get(pathAndQuery, body);
    }

    private void respond(String pathAndQuery, GitHubStub.Response response) {
        stub.route("GET", pathAndQuery, response);
    }

    @BeforeEach
    void start() throws Exception {
        stub = new GitHubStub();
        route("/users/acme", "{\"login\":\"acme\",\"id\":123456,\"node_id\":\"O_kgDOAAHiQA\",\"type\":\"Organization\","
                + "\"site_admin\":false}");
        route("/repos/acme/app", "{\"id\":456789,\"node_id\":\"R_kgDOAAb5VQ\",\"name\":\"app\",\"full_name\":\"acme/app\","
                + "\"private\":true,\"owner\":{\"login\":\"acme\",\"id\":123456,\"type\":\"Organization\"}}");
        route("/repos/acme/infra", "{\"id\":42,\"name\":\"infra\",\"full_name\":\"acme/infra\",\"private\":true}");
        route("/repos/acme/app/actions/oidc/customization/sub", "{\"use_default\":true}");
        route("/repos/acme/infra/actions/oidc/customization/sub",
                "{\"use_default\":false,\"include_claim_keys\":[\"repo\",\"context\",\"job_workflow_ref\"]}");
        route("/orgs/acme/actions/oidc/customization/sub", "{\"include_claim_keys\":[\"repo\",\"context\"]}");
        route("/repos/acme/app/environments?per_page=100", "{\"total_count\":1,\"environments\":[{\"id\":161088068,"
                + "\"node_id\":\"MDExOkVudmlyb25tZW50MTYxMDg4MDY4\",\"name\":\"production\",\"url\":\"BASE/repos/acme/app/"
                + "environments/production\",\"html_url\":\"https://github.com/acme/app/deployments/activity_log?environments_filter=production\","
                + "\"created_at\":\"2026-04-10T19:44:35Z\",\"updated_at\":\"2026-04-11T20:20:39Z\",\"protection_rules\":["
                + "{\"id\":3736,\"node_id\":\"MDQ6R2F0ZTM3MzY=\",\"type\":\"wait_timer\",\"wait_timer\":30},"
                + "{\"id\":3755,\"node_id\":\"MDQ6R2F0ZTM3NTU=\",\"prevent_self_review\":true,\"type\":\"required_reviewers\","
                + "\"reviewers\":[{\"type\":\"User\",\"reviewer\":{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"}},"
                + "{\"type\":\"Team\",\"reviewer\":{\"id\":1,\"name\":\"Platform\",\"slug\":\"platform\"}}]},"
                + "{\"id\":3756,\"node_id\":\"MDQ6R2F0ZTM3NTY=\",\"type\":\"branch_policy\"}],"
                + "\"deployment_branch_policy\":{\"protected_branches\":false,\"custom_branch_policies\":true}}]}");
    }

    @BeforeEach
    void branchPolicies() {
        route("/repos/acme/app/environments/production/deployment-branch-policies?per_page=100", "{\"total_count\":1,"
                + "\"branch_policies\":[{\"id\":361471,\"node_id\":\"MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzE=\",\"name\":\"main\","
                + "\"type\":\"branch\"}]}");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private String base() {
        return stub.base();
    }

    private GitHubApi api(String token) {
        return new GitHubApi(HttpClient.newHttpClient(), URI.create(base()), token);
    }

    private Path setup(boolean immutable, long appId) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        if (immutable) {
            ObjectNode g = (ObjectNode) root.get("github");
            g.put("ownerId", 123456).put("subjectFormat", "immutable");
            ObjectNode repos = g.putObject("repositories");
            repos.putObject("app").put("id", appId);
            repos.putObject("infra").put("id", 42).put("subjectFormat", "both");
        }
        return Files.writeString(temp.resolve("setup.json"), root.toPrettyString());
    }

    @Test
    void theReportReadsIdsSubTemplatesAndTheProtectionOfProductionEnvironments() throws Exception {
        Cli cli = new Cli();
        int code = cli.run("github", "--setup", setup(true, 456789).toString(), "--api", base(), "--format", "json");
        JsonNode report = JSON.readTree(cli.out());
        assertThat(code).as(cli.err()).isEqualTo(1);
        assertThat(report.get("ownerId").asLong()).isEqualTo(123456);
        assertThat(report.get("organization").asBoolean()).isTrue();
        assertThat(report.get("organizationSubTemplate").toString()).isEqualTo("[\"repo\",\"context\"]");
        assertThat(report.get("repositories").toString()).contains("{\"name\":\"app\",\"id\":456789,\"defaultSubTemplate\":true",
                "{\"name\":\"infra\",\"id\":42,\"defaultSubTemplate\":false,\"includeClaimKeys\":[\"repo\",\"context\",\"job_workflow_ref\"]}");
        assertThat(report.get("environments").get(0).toString()).isEqualTo("{\"target\":\"prod\",\"repository\":\"app\","
                + "\"name\":\"production\",\"exists\":true,\"branchPolicy\":\"custom branch policies\","
                + "\"reviewers\":[\"octocat\",\"platform\"]}");
        assertThat(report.get("problems").toString()).contains("acme/infra issues tokens under the sub template [repo, "
                + "context, job_workflow_ref], but the Setup says the default form: its tokens would be denied; set "
                + "github.repositories.infra.subTemplate to [\\\"repo\\\", \\\"context\\\", \\\"job_workflow_ref\\\"]")
                .doesNotContain("production");
        assertThat(stub.requests()).extracting(GitHubStub.Request::authorization).allSatisfy(a -> assertThat(a).isEqualTo("null"));

        // the Setup that says so has no problem left
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(setup(true, 456789)));
        ((ObjectNode) root.get("github").get("repositories").get("infra")).putArray("subTemplate").add("repo").add("context")
                .add("job_workflow_ref");
        Cli fixed = new Cli();
        assertThat(fixed.run("github", "--setup", Files.writeString(temp.resolve("fixed.json"), root.toString()).toString(),
                "--api", base())).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.out()).doesNotContain("problem:");
    }

    @Test
    void aRepositoryWithoutItsOwnTemplateTakesTheOrganizations() {
        var org = java.util.Optional.of(new GitHubApi.SubTemplate(false, List.of("repository_owner_id", "repository_id",
                "context")));
        assertThat(GitHubReport.effective(new GitHubApi.SubTemplate(false, List.of()), org))
                .containsExactly("repository_owner_id", "repository_id", "context");
        assertThat(GitHubReport.effective(new GitHubApi.SubTemplate(true, List.of("repo")), org)).isNull();
        assertThat(GitHubReport.effective(new GitHubApi.SubTemplate(false, List.of("repo", "context")), org)).isNull();
    }

    @Test
    void anIdThatIsNotTheRepositorysAnymoreAndAnUnprotectedEnvironmentAreProblems() throws Exception {
        route("/repos/acme/infra/actions/oidc/customization/sub", "{\"use_default\":true}");
        route("/repos/acme/app/environments?per_page=100", "{\"total_count\":1,\"environments\":[{\"id\":1,"
                + "\"name\":\"production\",\"protection_rules\":[],\"deployment_branch_policy\":null}]}");
        Cli cli = new Cli();
        assertThat(cli.run("github", "--setup", setup(true, 999).toString(), "--api", base())).isEqualTo(1);
        assertThat(cli.out()).contains("problem: github.repositories.app.id is 999, but GitHub gives acme/app the id 456789 "
                + "(a recycled name?)", "has no required reviewers", "has no deployment branch policy");

        route("/repos/acme/app/environments?per_page=100", "{\"total_count\":0,\"environments\":[]}");
        Cli missing = new Cli();
        missing.run("github", "--setup", setup(false, 0).toString(), "--api", base());
        assertThat(missing.out()).contains("environment production of acme/app (production target prod) does not exist: "
                + "GitHub creates it unprotected");
    }

    @Test
    void everyPageOfRepositoriesIsRead() throws Exception {
        respond("/orgs/acme/repos?per_page=100", new GitHubStub.Response(200,
                "[{\"id\":456789,\"name\":\"app\",\"archived\":false},{\"id\":42,\"name\":\"infra\",\"archived\":false}]",
                Map.of("Link", "<BASE/organizations/123456/repos?per_page=100&page=2>; rel=\"next\", "
                        + "<BASE/organizations/123456/repos?per_page=100&page=2>; rel=\"last\"")));
        route("/organizations/123456/repos?per_page=100&page=2", "[{\"id\":7,\"name\":\"old\",\"archived\":true}]");
        assertThat(api("t0k3n").repositories("acme", true)).containsExactly(new GitHubApi.Repository("app", 456789, false),
                new GitHubApi.Repository("infra", 42, false), new GitHubApi.Repository("old", 7, true));
        assertThat(stub.requests()).extracting(GitHubStub.Request::authorization).containsOnly("Bearer t0k3n");
    }

    @Test
    void errorsAndRateLimitsSayWhatToDo() {
        respond("/users/acme", new GitHubStub.Response(401, "{\"message\":\"Bad credentials\"}", Map.of()));
        assertThatThrownBy(() -> api("bad").ownerId("acme")).hasMessageContaining("GitHub rejected the token")
                .hasMessageContaining("GITHUB_TOKEN");
        respond("/users/acme", new GitHubStub.Response(403, "{\"message\":\"API rate limit exceeded\"}",
                Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1796000000")));
        assertThatThrownBy(() -> api(null).ownerId("acme")).hasMessage("GitHub's API rate limit is used up (it resets at "
                + java.time.Instant.ofEpochSecond(1796000000L) + "); with a token (GITHUB_TOKEN, GH_TOKEN or gh auth login) the limit is much higher");
        assertThatThrownBy(() -> api(null).repositoryId("acme", "nope")).hasMessageContaining("GitHub found no repository "
                + "acme/nope (404)");
        Cli cli = new Cli();
        respond("/users/acme", new GitHubStub.Response(401, "{\"message\":\"Bad credentials\"}", Map.of()));
        assertThat(cli.run("github", "--setup", Examples.path("three-targets").toString(), "--api", base())).isEqualTo(1);
        assertThat(cli.err().strip().lines()).singleElement().asString().startsWith("rolechain: GitHub rejected the token");
    }

    @Test
    void theApiOfGitHubEnterpriseServerIsOnItsHost() {
        assertThat(GitHubApi.baseFor(null)).isEqualTo(URI.create("https://api.github.com"));
        assertThat(GitHubApi.baseFor("github.example.com")).isEqualTo(URI.create("https://github.example.com/api/v3"));
        assertThat(GitHubToken.find(Map.of("GH_TOKEN", " abc "))).contains("abc");
        assertThat(GitHubToken.find(Map.of("GITHUB_TOKEN", "x", "GH_TOKEN", "y"))).contains("x");
    }
}
