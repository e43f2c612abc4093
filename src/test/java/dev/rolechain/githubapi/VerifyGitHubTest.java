package dev.rolechain.githubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubRunStub;
import dev.rolechain.testsupport.GitHubStub;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rolechain verify-github} against a stand-in for GitHub's API with its response shapes: the workflow,
 * the dispatch (204), the runs list, a run going from queued to completed, and the run's logs (a zip behind a
 * redirect) with the verification workflow's hop lines and configure-aws-credentials' errors.
 */
class VerifyGitHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = GitHubRunStub.REPO;
    private static final String WORKFLOW = GitHubRunStub.WORKFLOW;
    private static final long WORKFLOW_ID = GitHubRunStub.WORKFLOW_ID;
    private static final String RUNS = GitHubRunStub.RUNS;
    private GitHubStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new GitHubStub();
        GitHubRunStub.serve(stub);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private JsonNode verify(int expectedExit, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify-github", "--setup", Examples.path("three-targets").toString(),
                "--api", stub.base(), "--poll", "0.02", "--format", "json"));
        args.addAll(List.of(extra));
        Cli cli = new Cli();
        int code = cli.run(args.toArray(String[]::new));
        assertThat(code).as(cli.out() + cli.err()).isEqualTo(expectedExit);
        return JSON.readTree(cli.out());
    }

    @Test
    void everyHopAsTheSetupExpectsOnMain() throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("dev", "success", "success", "staging", "success", "success", "prod", "success", "success"));
        JsonNode out = verify(0);
        assertThat(out.get("asExpected").asBoolean()).isTrue();
        assertThat(out.get("repository").asText()).isEqualTo("app");
        assertThat(out.get("ref").asText()).as("the default branch").isEqualTo("main");
        assertThat(out.get("run").toString()).isEqualTo("{\"id\":2,\"url\":\"https://github.com/acme/app/actions/runs/2\","
                + "\"conclusion\":\"success\"}");
        assertThat(out.get("targets")).extracting(t -> t.get("target").asText() + " " + t.get("expected").asText() + " "
                + t.get("actual").asText()).containsExactly("dev allow allow", "staging allow allow", "prod allow allow");
        assertThat(out.get("targets").get(2).get("hops").get(1).get("identity").asText())
                .isEqualTo("arn:aws:sts::555555555555:assumed-role/gha-deploy/RolechainVerify");
        GitHubStub.Request dispatch = stub.writes().get(0);
        assertThat(dispatch.path()).endsWith("/dispatches");
        assertThat(JSON.readTree(dispatch.body())).isEqualTo(JSON.readTree("{\"ref\":\"main\",\"inputs\":{\"target\":\"\"}}"));
        assertThat(stub.requests()).filteredOn(r -> r.path().startsWith("/signed/"))
                .as("the signed log address gets no token").extracting(GitHubStub.Request::authorization).containsOnly("null");
    }

    @Test
    void aDenialAtHopOneIsReportedWithTheStsError() throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("prod", "failure", "skipped"));
        JsonNode out = verify(1, "--target", "prod");
        JsonNode prod = out.get("targets").get(0);
        assertThat(prod.get("expected").asText()).isEqualTo("allow");
        assertThat(prod.get("actual").asText()).isEqualTo("deny at hop 1");
        assertThat(prod.get("asExpected").asBoolean()).isFalse();
        assertThat(prod.get("hops").get(0).get("code").asText()).isEqualTo("AccessDenied");
        assertThat(prod.get("hops").get(0).get("error").asText()).isEqualTo("Could not assume role with OIDC: Not authorized "
                + "to perform sts:AssumeRoleWithWebIdentity");
        assertThat(prod.get("hops").get(1).get("result").asText()).isEqualTo("skipped");
        assertThat(JSON.readTree(stub.writes().get(0).body()).get("inputs").get("target").asText()).isEqualTo("prod");
    }

    @Test
    void aDenialAtHopTwoIsReportedWithTheStsError() throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("staging", "success", "failure"));
        JsonNode staging = verify(1, "--target", "staging").get("targets").get(0);
        assertThat(staging.get("actual").asText()).isEqualTo("deny at hop 2");
        assertThat(staging.get("hops").get(1).get("code").asText()).isEqualTo("AccessDenied");
        assertThat(staging.get("hops").get(1).get("error").asText()).contains("is not authorized to perform: sts:AssumeRole on "
                + "resource: arn:aws:iam::444444444444:role/gha-deploy");
    }

    @Test
    void aRunThatDoesNotFinishInTimeIsCancelled() throws Exception {
        stub.sequence("GET", REPO + "/actions/runs/2", new GitHubStub.Response(200, GitHubRunStub.run(2, "queued", null, "main"), Map.of()));
        stub.route("POST", REPO + "/actions/runs/2/cancel", new GitHubStub.Response(202, "{}", Map.of()));
        JsonNode out = verify(1, "--timeout", "1");
        assertThat(out.get("error").get("kind").asText()).isEqualTo("timeout");
        assertThat(out.get("error").get("message").asText()).isEqualTo("the run did not finish within 1 s; GitHub was asked "
                + "to cancel run 2 (https://github.com/acme/app/actions/runs/2)");
        assertThat(stub.writes()).extracting(GitHubStub.Request::path).contains(REPO + "/actions/runs/2/cancel");
    }

    @Test
    void runnersThatLeaveTheRunQueuedAreSaidWhileItWaits() throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("dev", "success", "success"));
        stub.sequence("GET", REPO + "/actions/runs/2",
                new GitHubStub.Response(200, GitHubRunStub.run(2, "queued", null, "main"), Map.of()),
                new GitHubStub.Response(200, GitHubRunStub.run(2, "queued", null, "main"), Map.of()),
                new GitHubStub.Response(200, GitHubRunStub.run(2, "queued", null, "main"), Map.of()),
                new GitHubStub.Response(200, GitHubRunStub.run(2, "completed", "success", "main"), Map.of()));
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        GitHubVerification verification = new GitHubVerification(new GitHubApi(java.net.http.HttpClient.newHttpClient(),
                java.net.URI.create(stub.base()), "t0k3n"), java.time.Duration.ofMillis(40), java.time.Duration.ofMillis(50));
        GitHubVerification.Result result = verification.run(new dev.rolechain.Services().planner().plan(
                Examples.load("three-targets")), "app", "main", "dev", java.time.Duration.ofSeconds(10), progress::add, () -> false);
        assertThat(result.asExpected()).isTrue();
        assertThat(progress).anySatisfy(p -> assertThat(p).startsWith("run 2 is still queued after")
                .contains("no runner has picked it up yet"));
    }

    @Test
    void aWorkflowNotOnTheDefaultBranchIsSaidWithTheFix() throws Exception {
        stub.route("GET", WORKFLOW, new GitHubStub.Response(404, "{\"message\":\"Not Found\"}", Map.of()));
        JsonNode out = verify(1);
        assertThat(out.get("error").get("kind").asText()).isEqualTo("missing-workflow");
        assertThat(out.get("error").get("message").asText()).startsWith(".github/workflows/rolechain-verify.yml is not on the "
                + "default branch of acme/app: GitHub dispatches only workflows that are there.").contains("--verify-workflow");
        assertThat(stub.writes()).isEmpty();
    }

    @Test
    void aTokenWithoutActionsWriteIsToldSo() throws Exception {
        stub.route("POST", REPO + "/actions/workflows/" + WORKFLOW_ID + "/dispatches", new GitHubStub.Response(403,
                "{\"message\":\"Resource not accessible by personal access token\"}", Map.of()));
        JsonNode out = verify(1);
        assertThat(out.get("error").get("kind").asText()).isEqualTo("permission");
        assertThat(out.get("error").get("message").asText()).contains("(403): the token lacks a permission (actions: write,");
    }

    @Test
    void theNegativeProbeRunsOnAScratchBranchThatProductionRefusesAndDeletesIt() throws Exception {
        GitHubRunStub.logs(stub, 2, GitHubRunStub.outcomes("prod", "success", "success"));
        stub.get(REPO + "/git/ref/heads/main", "{\"ref\":\"refs/heads/main\",\"object\":{\"sha\":"
                + "\"aa218f56b14c9653891f9e74264a383fa43fefbd\",\"type\":\"commit\"}}");
        stub.route("POST", REPO + "/git/refs", new GitHubStub.Response(201, "{\"ref\":\"refs/heads/x\"}", Map.of()));
        // the probe's run: 3, on the scratch branch; GitHub refuses the production job (environment branches): no hops
        stub.sequence("GET", RUNS, GitHubRunStub.runs(List.of(GitHubRunStub.run(1, "completed", "success", "main"))),
                GitHubRunStub.runs(List.of(GitHubRunStub.run(2, "completed", "success", "main"), GitHubRunStub.run(1, "completed", "success", "main"))),
                GitHubRunStub.runs(List.of(GitHubRunStub.run(2, "completed", "success", "main"), GitHubRunStub.run(1, "completed", "success", "main"))),
                GitHubRunStub.runs(List.of(GitHubRunStub.run(3, "completed", "failure", "probe"), GitHubRunStub.run(2, "completed", "success", "main"))));
        stub.get(REPO + "/actions/runs/3", GitHubRunStub.run(3, "completed", "failure", "rolechain-verify-probe"));
        stub.route("GET", REPO + "/actions/runs/3/logs", new GitHubStub.Response(302, "",
                Map.of("Location", "BASE/signed/logs/3.zip?sig=abc")));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(empty)) {
            zip.putNextEntry(new ZipEntry("0_Verify prod (555555555555).txt"));
            zip.write(("2026-11-29T18:01:00.0000000Z ##[error]Branch \"rolechain-verify-probe\" is not allowed to deploy to "
                    + "production due to environment protection rules.\n").getBytes(StandardCharsets.UTF_8));
        }
        stub.route("GET", "/signed/logs/3.zip?sig=abc", GitHubStub.Response.bytes(empty.toByteArray()));
        stub.routePrefix("DELETE", REPO + "/git/refs/heads/rolechain-verify-probe-", new GitHubStub.Response(204, "", Map.of()));
        JsonNode out = verify(0, "--target", "prod", "--probe");
        JsonNode probe = out.get("probe");
        assertThat(probe.get("ref").asText()).startsWith("rolechain-verify-probe-");
        assertThat(probe.get("targets").get(0).get("expected").asText()).isEqualTo("deny");
        assertThat(probe.get("targets").get(0).get("actual").asText()).startsWith("not run");
        assertThat(out.get("asExpected").asBoolean()).isTrue();
        String branch = probe.get("ref").asText();
        assertThat(stub.writes()).extracting(r -> r.method() + " " + r.path()).containsSubsequence(
                "POST " + REPO + "/git/refs", "POST " + REPO + "/actions/workflows/" + WORKFLOW_ID + "/dispatches",
                "DELETE " + REPO + "/git/refs/heads/" + branch);
        assertThat(JSON.readTree(stub.writes().stream().filter(r -> r.path().equals(REPO + "/git/refs")).findFirst()
                .orElseThrow().body())).isEqualTo(JSON.readTree("{\"ref\":\"refs/heads/" + branch + "\",\"sha\":"
                        + "\"aa218f56b14c9653891f9e74264a383fa43fefbd\"}"));
    }
}
