package dev.rolechain.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A verification run as GitHub's API serves it, on a {@link GitHubStub}, for the three-targets example in
 * acme/app: the workflow, the dispatch (204), the runs list (run 2 appears after the dispatch), run 2 going from
 * queued to completed, and its logs, a zip behind a redirect, with the hop lines the verification workflow prints.
 */
public final class GitHubRunStub {
    public static final String REPO = "/repos/acme/app";
    public static final String WORKFLOW = REPO + "/actions/workflows/rolechain-verify.yml";
    public static final long WORKFLOW_ID = 161335;
    public static final String RUNS = REPO + "/actions/workflows/" + WORKFLOW_ID + "/runs?event=workflow_dispatch&per_page=30";
    private static final Map<String, String> ACCOUNTS = Map.of("dev", "333333333333", "staging", "444444444444",
            "prod", "555555555555");

    private GitHubRunStub() {
    }

    /** The routes of one run (2) on main; its logs come from {@link #logs}. */
    public static void serve(GitHubStub stub) {
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

    public static String run(long id, String status, String conclusion, String branch) {
        return "{\"id\":" + id + ",\"name\":\"Rolechain verify\",\"head_branch\":\"" + branch + "\",\"head_sha\":"
                + "\"009b8a3a9ccbb128af87f9b1c0f4c62e8a304f6d\",\"run_number\":" + id + ",\"event\":\"workflow_dispatch\","
                + "\"status\":\"" + status + "\",\"conclusion\":" + (conclusion == null ? "null" : "\"" + conclusion + "\"")
                + ",\"workflow_id\":" + WORKFLOW_ID + ",\"html_url\":\"https://github.com/acme/app/actions/runs/" + id + "\","
                + "\"created_at\":\"2026-11-29T18:00:00Z\"}";
    }

    public static GitHubStub.Response runs(List<String> runs) {
        return new GitHubStub.Response(200, "{\"total_count\":" + runs.size() + ",\"workflow_runs\":[" + String.join(",", runs)
                + "]}", Map.of());
    }

    /** The run's logs: per target job, the hops' outcomes as the workflow prints them, and the action's error. */
    public static void logs(GitHubStub stub, long runId, Map<String, String[]> outcomes) throws Exception {
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

    public static Map<String, String[]> outcomes(String... pairs) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 3) {
            m.put(pairs[i], new String[] {pairs[i + 1], pairs[i + 2]});
        }
        return m;
    }
}
