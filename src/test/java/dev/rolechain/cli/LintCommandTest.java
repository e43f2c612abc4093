package dev.rolechain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.lint.Rule;
import dev.rolechain.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private final Cli cli = new Cli();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void theArticlesWorkflowAgainstItsSetupFailsWithRc303() throws Exception {
        assertThat(run("lint", "--workflow", "examples/article-workflow.yml", "--setup", "examples/article.json",
                "--format", "json")).isEqualTo(1);
        JsonNode findings = JSON.readTree(cli.out()).get("findings");
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("RC303");
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("error");
        assertThat(findings.get(0).get("location").asText()).startsWith("examples/article-workflow.yml:13");
        assertThat(findings.get(0).get("fix").asText()).contains("role-external-id");
    }

    @Test
    void theArticlesSetupWarnsOfItsOrgWideProductionSubject() {
        assertThat(run("lint", "--setup", "examples/article.json")).isZero();
        assertThat(cli.out()).contains("warning RC104 policies/111111111111/github-actions-oidc/trust.json",
                "0 errors, 1 warning");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"article", "three-targets"})
    void theShippedExamplesHaveNoErrors(String example) {
        assertThat(run("lint", "--setup", dev.rolechain.testsupport.Examples.path(example).toString())).as(cli.out()).isZero();
        assertThat(cli.out()).contains("0 errors");
    }

    @Test
    void aPolicyIsLintedByType() throws Exception {
        Path trust = Files.writeString(temp.resolve("t.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(run("lint", "--policy", trust.toString(), "--type", "trust")).isEqualTo(1);
        assertThat(cli.out()).contains("error RC203");
        cli.clear();
        assertThat(run("lint", "--policy", trust.toString())).as("a Principal makes it a trust").isEqualTo(1);
        assertThat(cli.out()).contains("error RC203");
        cli.clear();
        assertThat(run("lint", "--policy", trust.toString(), "--type", "resource")).isEqualTo(2);
        assertThat(cli.err()).contains("--type resource: allowed are trust and identity");
    }

    @Test
    void everyRuleIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs/lint-rules.md"));
        assertThat(Arrays.stream(Rule.values()).map(Enum::name)).allSatisfy(id -> assertThat(docs).contains("| " + id + " |"));
    }

    @Test
    void anUnreadableWorkflowExitsTwoWithItsLine() throws Exception {
        Path bad = Files.writeString(temp.resolve("w.yml"), "jobs:\n  a: [\n");
        assertThat(run("lint", "--workflow", bad.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("w.yml:", "not YAML");
    }

    @Test
    void aWorkflowWithAPolicyIsRefusedNamingTheOptionsAndWhatIsAllowed() throws Exception {
        Path trust = Files.writeString(temp.resolve("t.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(run("lint", "--workflow", "src/test/resources/workflows/chained.yml", "--policy", trust.toString(),
                "--type", "trust")).isEqualTo(2);
        assertThat(cli.err()).contains("--policy and --workflow cannot be combined", "--policy FILE [--type trust|identity]",
                "--workflow FILE (with --setup FILE, any number of --trust [ARN=]FILE and --profile PROFILE)");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void optionsThatWouldBeIgnoredAreRefused() throws Exception {
        Path trust = Files.writeString(temp.resolve("t.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(run("lint", "--setup", "examples/article.json", "--type", "trust")).isEqualTo(2);
        assertThat(cli.err()).contains("--type says what --policy is, and there is no --policy");
        cli.clear();
        assertThat(run("lint", "--setup", "examples/article.json", "--trust", "arn:aws:iam::222222222222:role/deploy="
                + trust)).isEqualTo(2);
        assertThat(cli.err()).contains("--trust gives the trust of a role a workflow assumes, so it needs --workflow");
        cli.clear();
        assertThat(run("lint", "--policy", trust.toString(), "--type", "identity", "--setup", "examples/article.json"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("an identity policy is linted alone");
        cli.clear();
        Path bare = Files.writeString(temp.resolve("bare.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(run("lint", "--workflow", "src/test/resources/workflows/chained.yml", "--trust", bare.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("bare.json names no role: give ARN=FILE for a bare trust policy");
    }

    @Test
    void aWorkflowIsCheckedAgainstTheTrustsGivenByArn() throws Exception {
        Path assumeOnly = Files.writeString(temp.resolve("deploy-trust.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::111111111111:role/gha-deploy"}, "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"sts:ExternalId": "ext-prod-4f9c2a7d1e"}}}]}
                """);
        String workflow = "src/test/resources/workflows/chained.yml";
        assertThat(run("lint", "--workflow", workflow, "--format", "json")).isZero();
        assertThat(cli.out()).doesNotContain("RC204");
        cli.clear();
        assertThat(run("lint", "--workflow", workflow, "--trust", "arn:aws:iam::222222222222:role/deploy=" + assumeOnly,
                "--format", "json")).isEqualTo(1);
        JsonNode findings = JSON.readTree(cli.out()).get("findings");
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("RC204");
        assertThat(findings.get(0).get("location").asText()).isEqualTo(workflow + ":16 (jobs.deploy, step \"Deploy role\")");
        cli.clear();
        Files.writeString(temp.resolve("bad.json"), "{\"Statement\": 3}");
        assertThat(run("lint", "--workflow", workflow, "--trust", "arn:aws:iam::222222222222:role/deploy="
                + temp.resolve("bad.json"))).isEqualTo(2);
        assertThat(cli.err()).contains("--trust arn:aws:iam::222222222222:role/deploy=", "bad.json");
    }

    @Test
    void aDockerActionIsRefusedNamingTheFile() {
        assertThat(run("lint", "--workflow", "src/test/resources/workflows/docker/action.yml")).isEqualTo(2);
        assertThat(cli.err()).contains("src/test/resources/workflows/docker/action.yml:4: this is a Docker action");
    }
}
