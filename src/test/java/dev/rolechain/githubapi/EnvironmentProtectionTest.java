package dev.rolechain.githubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protection of the environments production deploys from, brought to what the Setup names through GitHub's
 * API: a diff first, changes only with --yes, and only additions (reviewers joined, stricter settings, branch
 * patterns added), never a removal.
 */
class EnvironmentProtectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCTION = "/repos/acme/app/environments/production";
    private GitHubStub stub;
    @TempDir
    Path temp;

    @BeforeEach
    void start() throws Exception {
        stub = new GitHubStub();
        stub.get("/users/octocat", "{\"login\":\"octocat\",\"id\":583231,\"type\":\"User\"}");
        stub.get("/orgs/acme/teams/platform", "{\"id\":1234,\"node_id\":\"T_kwDOAAHiQM4AAATS\",\"name\":\"Platform\","
                + "\"slug\":\"platform\",\"privacy\":\"closed\",\"permission\":\"pull\"}");
        stub.route("PUT", PRODUCTION, new GitHubStub.Response(200, "{\"id\":161088068,\"name\":\"production\"}", Map.of()));
        stub.route("POST", PRODUCTION + "/deployment-branch-policies", new GitHubStub.Response(200,
                "{\"id\":364662,\"node_id\":\"MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjQ2NjI=\",\"name\":\"main\",\"type\":\"branch\"}",
                Map.of()));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** The three-targets example with production protected: two reviewers, no self-review, 5 minutes, main only. */
    private Path setup() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        ObjectNode production = ((ObjectNode) root.get("github")).putObject("environments").putObject("production");
        production.putArray("reviewers").add("octocat").add("acme/platform");
        production.putArray("branches").add("main");
        production.put("preventSelfReview", true).put("waitMinutes", 5);
        return Files.writeString(temp.resolve("setup.json"), root.toPrettyString());
    }

    @Test
    void aMissingEnvironmentIsCreatedWithTheProtectionOnlyAfterYes() throws Exception {
        stub.get("/repos/acme/app/environments?per_page=100", "{\"total_count\":0,\"environments\":[]}");
        Cli plan = new Cli();
        assertThat(plan.run("github", "--setup", setup().toString(), "--api", stub.base(), "--protect")).isEqualTo(1);
        assertThat(plan.out()).contains("environment production of acme/app: create",
                "+ create the environment (GitHub would create it unprotected", "+ required reviewer octocat",
                "+ required reviewer acme/platform", "~ prevent self-review: false → true", "~ wait timer: 0 → 5 minutes",
                "~ deployment branches: any branch → the branches below", "+ deployment branch main");
        assertThat(plan.err()).contains("1 environment to change; nothing was changed. Run again with --yes");
        assertThat(stub.writes()).isEmpty();

        Cli apply = new Cli();
        assertThat(apply.run("github", "--setup", setup().toString(), "--api", stub.base(), "--protect", "--yes"))
                .as(apply.err()).isZero();
        assertThat(stub.writes()).extracting(GitHubStub.Request::method, GitHubStub.Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", PRODUCTION),
                org.assertj.core.groups.Tuple.tuple("POST", PRODUCTION + "/deployment-branch-policies"));
        assertThat(JSON.readTree(stub.writes().get(0).body())).isEqualTo(JSON.readTree("{\"wait_timer\":5,"
                + "\"prevent_self_review\":true,\"reviewers\":[{\"type\":\"User\",\"id\":583231},{\"type\":\"Team\",\"id\":1234}],"
                + "\"deployment_branch_policy\":{\"protected_branches\":false,\"custom_branch_policies\":true}}"));
        assertThat(JSON.readTree(stub.writes().get(1).body())).isEqualTo(JSON.readTree("{\"name\":\"main\",\"type\":\"branch\"}"));
        assertThat(apply.out()).contains("Changed 1 environment.");
    }

    @Test
    void anExistingEnvironmentKeepsItsReviewersAndBranchesAndOnlyGetsStricter() throws Exception {
        stub.get("/repos/acme/app/environments?per_page=100", "{\"total_count\":1,\"environments\":[{\"id\":161088068,"
                + "\"name\":\"production\",\"protection_rules\":[{\"id\":3736,\"type\":\"wait_timer\",\"wait_timer\":30},"
                + "{\"id\":3755,\"prevent_self_review\":false,\"type\":\"required_reviewers\",\"reviewers\":[{\"type\":\"User\","
                + "\"reviewer\":{\"login\":\"hubot\",\"id\":7,\"type\":\"User\"}}]},{\"id\":3756,\"type\":\"branch_policy\"}],"
                + "\"deployment_branch_policy\":{\"protected_branches\":false,\"custom_branch_policies\":true}}]}");
        stub.get(PRODUCTION + "/deployment-branch-policies?per_page=100", "{\"total_count\":1,\"branch_policies\":"
                + "[{\"id\":361471,\"node_id\":\"MDE2OkdhdGVCcmFuY2hQb2xpY3kzNjE0NzE=\",\"name\":\"release/*\",\"type\":\"branch\"}]}");

        stub.get("/users/acme", "{\"login\":\"acme\",\"id\":123456,\"type\":\"Organization\"}")
                .get("/orgs/acme/actions/oidc/customization/sub", "{\"include_claim_keys\":[\"repo\",\"context\"]}");
        for (String repo : new String[] {"app", "infra"}) {
            stub.get("/repos/acme/" + repo, "{\"id\":" + repo.length() + ",\"name\":\"" + repo + "\"}")
                    .get("/repos/acme/" + repo + "/actions/oidc/customization/sub", "{\"use_default\":true}");
        }
        Cli report = new Cli();
        assertThat(report.run("github", "--setup", setup().toString(), "--api", stub.base())).isEqualTo(1);
        assertThat(report.out()).contains("lacks the reviewers [octocat, acme/platform] the Setup names",
                "lets the one who started a run approve it; the Setup prevents self-review",
                "lacks the deployment branches [main] the Setup names").doesNotContain("waits");

        Cli apply = new Cli();
        assertThat(apply.run("github", "--setup", setup().toString(), "--api", stub.base(), "--protect", "--yes"))
                .as(apply.err()).isZero();
        assertThat(apply.out()).contains("environment production of acme/app: update",
                "note: keeps the deployment branch release/*, which the Setup does not name").doesNotContain("wait timer");
        assertThat(JSON.readTree(stub.writes().get(0).body())).isEqualTo(JSON.readTree("{\"wait_timer\":30,"
                + "\"prevent_self_review\":true,\"reviewers\":[{\"type\":\"User\",\"id\":7},{\"type\":\"User\",\"id\":583231},"
                + "{\"type\":\"Team\",\"id\":1234}],\"deployment_branch_policy\":{\"protected_branches\":false,"
                + "\"custom_branch_policies\":true}}"));
        assertThat(stub.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void aTokenThatMayNotAdministerTheRepositoryIsToldSo() throws Exception {
        stub.get("/repos/acme/app/environments?per_page=100", "{\"total_count\":0,\"environments\":[]}");
        stub.route("PUT", PRODUCTION, new GitHubStub.Response(403, "{\"message\":\"Must have admin rights to Repository.\"}",
                Map.of()));
        Cli apply = new Cli();
        assertThat(apply.run("github", "--setup", setup().toString(), "--api", stub.base(), "--protect", "--yes")).isEqualTo(1);
        assertThat(apply.err().strip()).isEqualTo("rolechain: GitHub refused to change environment production of acme/app "
                + "(403): the token lacks a permission (repository administration: write)");
    }

    @Test
    void aSetupWithoutEnvironmentProtectionSaysWhatToAdd() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        ((ObjectNode) root.get("github")).remove("environments");
        Path bare = Files.writeString(temp.resolve("bare.json"), root.toString());
        Cli cli = new Cli();
        assertThat(cli.run("github", "--setup", bare.toString(), "--api", stub.base(), "--protect")).isEqualTo(2);
        assertThat(cli.err()).contains("names no environment protection", "github.environments");
        assertThat(stub.requests()).isEmpty();
    }
}
