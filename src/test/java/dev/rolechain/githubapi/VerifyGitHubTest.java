package dev.rolechain.githubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.GitHubStub;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private static final String REPO = "/repos/acme/app";
    private static final String WORKFLOW = REPO + "/actions/workflows/rolechain-verify.yml";
    private static final long WORKFLOW_ID = 161335;
    private static final String RUNS = REPO + "/actions/workflows/" + WORKFLOW_ID + "/runs?event=workflow_dispatch&per_page=30";
    private static final Map<String, String> ACCOUNTS = Map.of("dev", "333333333333", "staging", "444444444444",
            "prod", "555555555555");
    private GitHubStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new GitHubStub();
        stub.get(WORKFLOW, "{\"id\":" + WORKFLOW_ID + ",\"node_id\":\"MDg6V29ya2Zsb3cxNjEzMzU=\",\"name\":\"Rolechain verify\","
                + "\"path\":\".github/workflows/rolechain-verify.yml\",\"state\":\"active\",\"created_at\":\"2026-11-20T10:00:00Z\"}");
        stub.get(REPO, "{\"id\":456789,\"name\":\"app\",\"full_name\":\"acme/app\",\"default_branch\":\"main\"}");
        stub.route("POST", REPO + "/actions/workflows/" + WORKFLOW_ID + "/dispatches", new GitHubStub.Response(204, "", Map.of()));
        stub.sequence("GET", RUNS, runs(List.of(run(1, "completed", "success", "main"))),
                runs(List.of(run(2, "queued", null, "main"), run(1, "completed", "success", "main"))));
        stub.sequence("GET", REPO + "/actions/runs/2", new GitHubStub.Response(200, run(2, "queued", null, "main"), Map.of()),
                new GitHubStub.Response(200, run(2, "in_progress", null, "main"), Map.of()),
                new GitHubStub.Response(200, run(2, "completed", "success", "main"), Map.of()));
        stub.route("GET", REPO + "/actions/runs/2/logs", new GitHubStub.Response(302, "",
                Map.of("Location", "BASE/signed/logs/2.zip?sig=abc")));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String run(long id, String status, String conclusion, String branch) {
        return "{\"id\":" + id + ",\"name\":\"Rolechain verify\",\"head_branch\":\"" + branch + "\",\"head_sha\":"
                + "\"009b8a3a9ccbb128af87f9b1c0f4c62e8a304f6d\",\"run_number\":" + id + ",\"event\":\"workflow_dispatch\","
                + "\"status\":\"" + status + "\",\"conclusion\":" + (conclusion == null ? "null" : "\"" + conclusion + "\"")
                + ",\"workflow_id\":" + WORKFLOW_ID + ",\"html_url\":\"https://github.com/acme/app/actions/runs/" + id + "\","
                + "\"created_at\":\"2026-11-29T18:00:00Z\"}";
    }

    private static GitHubStub.Response runs(List<String> runs) {
        return new GitHubStub.Response(200, "{\"total_count\":" + runs.size() + ",\"workflow_runs\":[" + String.join(",", runs)
                + "]}", Map.of());
    }

    /** The run's logs: per target job, the hops' outcomes as the workflow prints them, and the action's error. */
    private void logs(long runId, Map<String, String[]> outcomes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            int n = 0;
            for (Map.Entry<String, String[]> e : outcomes.entrySet()) {
                String t = e.getKey();
                String hop1 = e.getValue()[0];
                String hop2 = e.getValue()[1];
                List<String> lines = new ArrayList<>();
                lines.add("2026-11-29T18:00:01.0000000Z ##[group]Run aws-actions/configure-aws-credentials@v6");
                if (hop1.equals("failure")) {
                    lines.add("2026-11-29T18:00:02.0000000Z ##[error]Could not assume role with OIDC: Not authorized to "
                            + "perform sts:AssumeRoleWithWebIdentity");
                }
                if (hop2.equals("failure")) {
                    lines.add("2026-11-29T18:00:03.0000000Z ##[error]Could not assume role with user credentials: User: "
                            + "arn:aws:sts::111111111111:assumed-role/gha-oidc-" + t + "/RolechainVerify is not authorized to "
                            + "perform: sts:AssumeRole on resource: arn:aws:iam::" + ACCOUNTS.get(t) + ":role/gha-deploy");
                }
                lines.add("2026-11-29T18:00:04.0000000Z ##[group]Run identity=none");
                lines.add("2026-11-29T18:00:04.0000000Z   echo \"ROLECHAIN-VERIFY target=$TARGET hop=1 role=$OIDC_ROLE "
                        + "account=$TOOLING_ACCOUNT result=$HOP1\"");
                lines.add("2026-11-29T18:00:04.0000000Z ##[endgroup]");
                lines.add("2026-11-29T18:00:05.0000000Z ROLECHAIN-VERIFY target=" + t + " hop=1 role=arn:aws:iam::"
                        + "111111111111:role/gha-oidc-" + t + " account=111111111111 result=" + hop1);
                lines.add("2026-11-29T18:00:05.0000000Z ROLECHAIN-VERIFY target=" + t + " hop=2 role=arn:aws:iam::"
                        + ACCOUNTS.get(t) + ":role/gha-deploy account=" + ACCOUNTS.get(t) + " result=" + hop2 + " identity="
                        + (hop2.equals("success") ? "arn:aws:sts::" + ACCOUNTS.get(t) + ":assumed-role/gha-deploy/RolechainVerify"
                                : "none"));
                String text = String.join("\n", lines) + "\n";
                zip.putNextEntry(new ZipEntry(n++ + "_Verify " + t + " (" + ACCOUNTS.get(t) + ").txt"));
                zip.write(text.getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("Verify " + t + " (" + ACCOUNTS.get(t) + ")/4_Report each hop.txt"));
                zip.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        stub.route("GET", "/signed/logs/" + runId + ".zip?sig=abc", GitHubStub.Response.bytes(bytes.toByteArray()));
    }

    private static Map<String, String[]> outcomes(String... pairs) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 3) {
            m.put(pairs[i], new String[] {pairs[i + 1], pairs[i + 2]});
        }
        return m;
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
        logs(2, outcomes("dev", "success", "success", "staging", "success", "success", "prod", "success", "success"));
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
        logs(2, outcomes("prod", "failure", "skipped"));
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
        logs(2, outcomes("staging", "success", "failure"));
        JsonNode staging = verify(1, "--target", "staging").get("targets").get(0);
        assertThat(staging.get("actual").asText()).isEqualTo("deny at hop 2");
        assertThat(staging.get("hops").get(1).get("code").asText()).isEqualTo("AccessDenied");
        assertThat(staging.get("hops").get(1).get("error").asText()).contains("is not authorized to perform: sts:AssumeRole on "
                + "resource: arn:aws:iam::444444444444:role/gha-deploy");
    }

    @Test
    void aRunThatDoesNotFinishInTimeIsCancelled() throws Exception {
        stub.sequence("GET", REPO + "/actions/runs/2", new GitHubStub.Response(200, run(2, "queued", null, "main"), Map.of()));
        stub.route("POST", REPO + "/actions/runs/2/cancel", new GitHubStub.Response(202, "{}", Map.of()));
        JsonNode out = verify(1, "--timeout", "1");
        assertThat(out.get("error").get("kind").asText()).isEqualTo("timeout");
        assertThat(out.get("error").get("message").asText()).isEqualTo("the run did not finish within 1 s; GitHub was asked "
                + "to cancel run 2 (https://github.com/acme/app/actions/runs/2)");
        assertThat(stub.writes()).extracting(GitHubStub.Request::path).contains(REPO + "/actions/runs/2/cancel");
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
        logs(2, outcomes("prod", "success", "success"));
        stub.get(REPO + "/git/ref/heads/main", "{\"ref\":\"refs/heads/main\",\"object\":{\"sha\":"
                + "\"aa218f56b14c9653891f9e74264a383fa43fefbd\",\"type\":\"commit\"}}");
        stub.route("POST", REPO + "/git/refs", new GitHubStub.Response(201, "{\"ref\":\"refs/heads/x\"}", Map.of()));
        // the probe's run: 3, on the scratch branch; GitHub refuses the production job (environment branches): no hops
        stub.sequence("GET", RUNS, runs(List.of(run(1, "completed", "success", "main"))),
                runs(List.of(run(2, "completed", "success", "main"), run(1, "completed", "success", "main"))),
                runs(List.of(run(2, "completed", "success", "main"), run(1, "completed", "success", "main"))),
                runs(List.of(run(3, "completed", "failure", "probe"), run(2, "completed", "success", "main"))));
        stub.get(REPO + "/actions/runs/3", run(3, "completed", "failure", "rolechain-verify-probe"));
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
