package dev.rolechain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"AWS":"arn:aws:iam::111111111111:role/github-actions-oidc"},
              "Action":["sts:AssumeRole","sts:TagSession"],
              "Condition":{"StringEquals":{"sts:ExternalId":"myorg-prod-deploy"}}}]}""";
    private static final String IDENTITY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
              "Resource":"arn:aws:iam::222222222222:role/ci-deploy-role"}]}""";
    private static final String SESSION = "arn:aws:sts::111111111111:assumed-role/github-actions-oidc/GitHubActions";

    @TempDir
    Path temp;
    private final Cli cli = new Cli();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aSingleRequestPrintsTheDecisionAndWhy() throws Exception {
        Path trust = Files.writeString(temp.resolve("trust.json"), TRUST);
        Path identity = Files.writeString(temp.resolve("identity.json"), IDENTITY);
        assertThat(run("eval", "--policy", trust.toString(), "--identity-policy", identity.toString(),
                "--action", "sts:AssumeRole", "--principal", SESSION,
                "--resource", "arn:aws:iam::222222222222:role/ci-deploy-role",
                "--context", "sts:ExternalId=myorg-prod-deploy")).isZero();
        assertThat(cli.out()).startsWith("allow\n").contains("trust policy statement 0 Allow: applies");

        cli.clear();
        assertThat(run("eval", "--policy", trust.toString(), "--identity-policy", identity.toString(),
                "--action", "sts:AssumeRole", "--principal", SESSION,
                "--resource", "arn:aws:iam::222222222222:role/ci-deploy-role", "--format", "json")).isZero();
        JsonNode result = JSON.readTree(cli.out());
        assertThat(result.get("decision").asText()).isEqualTo("implicit-deny");
        assertThat(result.get("explanation").toString()).contains("sts:ExternalId is absent");
    }

    @Test
    void casesAreEvaluatedOneALineAndABadLineDoesNotStopTheRest() throws Exception {
        String ok = JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("policy", JSON.readTree(TRUST))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("identityPolicies", JSON.createArrayNode().add(JSON.readTree(IDENTITY)))
                .put("action", "sts:AssumeRole").put("principal", SESSION)
                .put("resource", "arn:aws:iam::222222222222:role/ci-deploy-role")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("context", JSON.createObjectNode().put("sts:ExternalId", "myorg-prod-deploy"))
                .toString();
        String noContext = ok.replace(",\"context\":{\"sts:ExternalId\":\"myorg-prod-deploy\"}", "");
        String denied = "{\"identityPolicies\":[{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}]}],\"action\":\"s3:GetObject\",\"principal\":\"111111111111\","
                + "\"resource\":\"arn:aws:s3:::b/k\",\"context\":{\"aws:TagKeys\":[\"a\",\"b\"]}}";
        Path file = Files.writeString(temp.resolve("cases.jsonl"),
                String.join("\n", List.of(ok, "{not json", noContext, "{\"action\":\"x\"}", denied)) + "\n");
        assertThat(run("eval", "--cases", file.toString())).isZero();
        List<JsonNode> lines = cli.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("decision").asText()).isEqualTo("allow");
        assertThat(lines.get(1).get("error").asText()).startsWith("line 2: not JSON");
        assertThat(lines.get(2).get("decision").asText()).isEqualTo("implicit-deny");
        assertThat(lines.get(3).get("error").asText()).contains("line 4", "\"principal\" is required");
        assertThat(lines.get(4).get("decision").asText()).isEqualTo("explicit-deny");
    }

    @Test
    void aDecisionThatRestsOnAnUnclearCaseSaysItIsUncertainAndWhy() throws Exception {
        Path trust = Files.writeString(temp.resolve("cased.json"), TRUST.replace("role/github-actions-oidc\"",
                "role/GitHub-Actions-OIDC\""));
        Path identity = Files.writeString(temp.resolve("identity.json"), IDENTITY);
        String[] request = {"eval", "--policy", trust.toString(), "--identity-policy", identity.toString(),
                "--action", "sts:AssumeRole", "--principal", SESSION,
                "--resource", "arn:aws:iam::222222222222:role/ci-deploy-role", "--context", "sts:ExternalId=myorg-prod-deploy"};
        assertThat(run(request)).isZero();
        assertThat(cli.out()).startsWith("allow\nuncertain: the Principal names the role with other letter case")
                .contains("(role-name-case, docs/decisions/0010-unclear-iam-cases.md)");

        cli.clear();
        String[] json = java.util.Arrays.copyOf(request, request.length + 2);
        json[request.length] = "--format";
        json[request.length + 1] = "json";
        assertThat(run(json)).isZero();
        JsonNode result = JSON.readTree(cli.out());
        assertThat(result.get("uncertain")).hasSize(1);
        assertThat(result.get("uncertain").get(0).get("case").asText()).isEqualTo("role-name-case");
        assertThat(result.get("uncertain").get(0).get("reason").asText()).contains("unique regardless of case");

        cli.clear();
        Path exact = Files.writeString(temp.resolve("trust.json"), TRUST);
        json[2] = exact.toString();
        assertThat(run(json)).isZero();
        assertThat(JSON.readTree(cli.out()).get("uncertain")).as("a certain decision: an empty list").isEmpty();
    }

    @Test
    void thirtyThousandCasesGiveByteIdenticalResultsOnOneThreadAndOnManyAndTheExplanationOnlyWhenAsked()
            throws Exception {
        List<String> corpus = new java.util.ArrayList<>(dev.rolechain.testsupport.EvalCorpus.cases(30_000, 7));
        corpus.add(17, "{not json");
        corpus.add(4_000, "");
        Path file = Files.write(temp.resolve("corpus.jsonl"), corpus);
        assertThat(run("eval", "--cases", file.toString(), "--threads", "1")).isZero();
        String sequential = cli.out();
        cli.clear();
        assertThat(run("eval", "--cases", file.toString(), "--threads", "4")).isZero();
        String parallel = cli.out();
        cli.clear();
        assertThat(run("eval", "--cases", file.toString())).isZero();
        String defaults = cli.out();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(defaults).isEqualTo(sequential);
        List<String> lines = sequential.lines().toList();
        assertThat(lines).as("a line a case, the blank one skipped").hasSize(30_001);
        assertThat(lines.get(17)).startsWith("{\"error\":\"line 18: not JSON");
        java.util.Map<String, Long> decisions = lines.stream().filter(l -> l.startsWith("{\"decision\""))
                .collect(java.util.stream.Collectors.groupingBy(EvalCommandTest::decision,
                        java.util.stream.Collectors.counting()));
        assertThat(decisions.keySet()).as("the corpus reaches every decision").containsExactlyInAnyOrder("allow",
                "implicit-deny", "explicit-deny");
        assertThat(lines.get(0)).contains("\"explanation\":[]");

        cli.clear();
        assertThat(run("eval", "--cases", file.toString(), "--explain", "--threads", "1")).isZero();
        String explainedSequential = cli.out();
        cli.clear();
        assertThat(run("eval", "--cases", file.toString(), "--explain", "--threads", "3")).isZero();
        assertThat(cli.out()).isEqualTo(explainedSequential);
        List<String> explained = explainedSequential.lines().toList();
        assertThat(explained.get(0)).contains("\"explanation\":[\"");
        for (int i = 0; i < lines.size(); i += 97) {
            if (lines.get(i).startsWith("{\"decision\"")) {
                assertThat(JSON.readTree(explained.get(i)).get("decision")).isEqualTo(JSON.readTree(lines.get(i)).get("decision"));
            }
        }
    }

    private static String decision(String line) {
        try {
            return JSON.readTree(line).get("decision").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(run("eval", "--action", "sts:AssumeRole")).isEqualTo(2);
        Path bad = Files.writeString(temp.resolve("bad.json"), "{\"Statement\":{\"Effect\":\"Allow\"}}");
        assertThat(run("eval", "--policy", bad.toString(), "--action", "a:b", "--principal", "111111111111")).isEqualTo(2);
        assertThat(cli.err()).contains("bad.json: not a valid IAM policy", "$.Statement: needs Action or NotAction");
    }
}
