package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.github.WorkflowFile;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workflow rules on realistic workflow files (src/test/resources/workflows), alone or against known trusts. */
class WorkflowFindingsTest {
    private static final Path WORKFLOWS = Path.of("src/test/resources/workflows");
    private static final String OIDC_ROLE = "arn:aws:iam::111111111111:role/gha-deploy";
    private static final String DEPLOY_ROLE = "arn:aws:iam::222222222222:role/deploy";
    private static final String ASSUME_ONLY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111111111111:role/gha-deploy"}, "Action": "sts:AssumeRole",
              "Condition": {"StringEquals": {"sts:ExternalId": "ext-prod-4f9c2a7d1e"}}}]}
            """;
    private static final String WITH_TAG_SESSION = ASSUME_ONLY.replace("\"sts:AssumeRole\"",
            "[\"sts:AssumeRole\", \"sts:TagSession\"]");
    /** Rolechain's own form: TagSession only with the Repository tag of the one repository the target admits. */
    private static final String TAG_BOUND_TO_REPOSITORY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "RolechainOidcRoleChain", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::111111111111:role/gha-deploy"}, "Action": "sts:AssumeRole",
               "Condition": {"StringEquals": {"sts:ExternalId": "ext-prod-4f9c2a7d1e"}}},
              {"Sid": "RolechainSessionTags", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::111111111111:role/gha-deploy"}, "Action": "sts:TagSession",
               "Condition": {"StringEquals": {"sts:ExternalId": "ext-prod-4f9c2a7d1e",
                                              "aws:RequestTag/Repository": "myorg/app"}}}]}
            """;
    private static final String OIDC_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                             "token.actions.githubusercontent.com:sub": "repo:REPO:ref:refs/heads/main"}}}]}
            """;

    private final Linter linter = new Services().linter();

    private static WorkflowFile read(String name) throws IOException {
        return new WorkflowParser().parse(Files.readString(WORKFLOWS.resolve(name)));
    }

    private List<Finding> lint(String name, Map<String, Role> trusts) throws IOException {
        return linter.lintWorkflow(name, read(name), null, trusts);
    }

    private static List<Finding> rule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    private static Role role(String arn, String trust) {
        return new Role(arn.substring(arn.lastIndexOf('/') + 1), "/", null, PolicyJson.parse(trust), Map.of(), List.of(),
                3600, null, Map.of());
    }

    private static Map<String, Role> trusts(String... arnsAndTrusts) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (int i = 0; i < arnsAndTrusts.length; i += 2) {
            roles.put(arnsAndTrusts[i], role(arnsAndTrusts[i], arnsAndTrusts[i + 1]));
        }
        return roles;
    }

    @Test
    void staticAccessKeysNeedNoIdTokenAndAreReportedWithTheirSecrets() throws IOException {
        List<Finding> findings = lint("static-keys.yml", Map.of());
        assertThat(rule(findings, "RC301")).as("no job asks GitHub for an OIDC token without id-token: write").isEmpty();
        List<Finding> keys = rule(findings, "RC309");
        assertThat(keys).extracting(Finding::location).containsExactly(
                "static-keys.yml:15 (jobs.deploy, step \"Configure AWS credentials\")",
                "static-keys.yml:24 (jobs.invalidate)",
                "static-keys.yml:35 (jobs.backup, step \"Copy the logs\")");
        assertThat(keys).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(keys.get(0).message()).startsWith("the job authenticates to AWS with long-lived access keys from the "
                + "secrets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (with: of step \"Configure AWS credentials\" (line 15))");
        assertThat(keys.get(1).message()).contains("secrets CDN_ACCESS_KEY_ID, CDN_SECRET_ACCESS_KEY (env of job invalidate)");
        assertThat(keys.get(2).message()).contains("secrets LEGACY_KEY_ID, LEGACY_SECRET (env of step \"Copy the logs\"");
        assertThat(keys.get(0).fix()).contains("Replace the long-lived access keys with an OIDC role");
        assertThat(keys).as("the session's own credentials in env are not long-lived keys")
                .noneMatch(f -> f.location().contains("jobs.report"));
    }

    @Test
    void keysInTheWorkflowsEnvAreReportedForEachJob() {
        WorkflowFile file = new WorkflowParser().parse("""
                on: push
                env:
                  AWS_ACCESS_KEY_ID: ${{ secrets.KEY_ID }}
                  AWS_SECRET_ACCESS_KEY: ${{ secrets.SECRET }}
                  AWS_DEFAULT_REGION: us-east-1
                jobs:
                  list:
                    runs-on: ubuntu-latest
                    steps:
                      - run: aws s3 ls
                """);
        assertThat(rule(linter.lintWorkflow("w.yml", file, null, Map.of()), "RC309")).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("w.yml:7 (jobs.list)");
            assertThat(f.message()).contains("secrets KEY_ID, SECRET (the workflow's env)");
        });
    }

    @Test
    void aJobThatAssumesWithOidcStillNeedsIdTokenWrite() {
        WorkflowFile file = new WorkflowParser().parse("""
                on: push
                permissions:
                  contents: read
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - name: AWS
                        uses: aws-actions/configure-aws-credentials@v4
                        with:
                          role-to-assume: arn:aws:iam::111111111111:role/gha-deploy
                          aws-region: us-east-1
                """);
        assertThat(rule(linter.lintWorkflow("w.yml", file, null, Map.of()), "RC301")).singleElement()
                .extracting(Finding::message).asString().isEqualTo("step \"AWS\" (line 8) assumes "
                        + "arn:aws:iam::111111111111:role/gha-deploy with GitHub's OIDC token, but the job has no "
                        + "id-token: write, so it cannot get one");
    }

    @Test
    void stepsUnderExclusiveConditionsOrAFailureFallbackAreNoSequence() throws IOException {
        List<Finding> unchained = rule(lint("exclusive-ifs.yml", Map.of()), "RC302");
        assertThat(unchained).as("only steps that can run in one run: an unconditional one, and a failure() step after "
                + "a step that can fail").extracting(Finding::location).containsExactlyInAnyOrder(
                "exclusive-ifs.yml:95 (jobs.sequence, step \"Deploy role, but not chained\")",
                "exclusive-ifs.yml:109 (jobs.fallback-after-a-deploy, step \"Roll back after a failed deploy\")");
        assertThat(unchained).extracting(Finding::message).allSatisfy(m -> assertThat(m)
                .contains("after step aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df (line"));
    }

    @Test
    void aCompositeActionIsLintedAsOneJob() throws IOException {
        List<Finding> findings = lint("composite/action.yml", Map.of());
        assertThat(findings).extracting(Finding::ruleId).containsExactly("RC302", "RC309", "RC304", "RC304", "RC304");
        assertThat(findings.get(0).location()).isEqualTo("composite/action.yml:15 (jobs.composite, step "
                + "aws-actions/configure-aws-credentials@v4)");
        assertThat(findings.get(1).message()).contains("long-lived access keys from inputs.legacy-key-id, "
                + "inputs.legacy-secret");
    }

    @Test
    void aDockerOrJavaScriptActionIsRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> read("docker/action.yml")).isInstanceOf(WorkflowParser.WorkflowException.class)
                .hasMessage("this is a Docker action (runs.using: docker), whose steps lint cannot see: lint reads a "
                        + "workflow (on: and jobs:) or a composite action (runs.using: composite, with runs.steps)");
        assertThatThrownBy(() -> new WorkflowParser().parse("name: x\nruns:\n  using: node20\n  main: index.js\n"))
                .hasMessageStartingWith("this is a JavaScript action (runs.using: node20)");
    }

    @Test
    void aChainedStepThatTagsItsSessionNeedsTagSessionInTheDeployTrust() throws IOException {
        List<Finding> denied = rule(lint("chained.yml", trusts(DEPLOY_ROLE, ASSUME_ONLY)), "RC204");
        assertThat(denied).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("chained.yml:16 (jobs.deploy, step \"Deploy role\")");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("sets GitHub, Repository, Workflow, Action, Actor, Commit, Branch, EventName, "
                    + "RunId, Job, TriggeringActor unless role-skip-session-tagging: true", "the trust of " + DEPLOY_ROLE
                    + " allows arn:aws:sts::111111111111:assumed-role/gha-deploy/GitHubActions sts:AssumeRole and not "
                    + "sts:TagSession");
            assertThat(f.fix()).contains("set role-skip-session-tagging in the workflow");
        });
        assertThat(rule(lint("chained.yml", trusts(DEPLOY_ROLE, WITH_TAG_SESSION)), "RC204")).isEmpty();
        assertThat(rule(lint("chained.yml", Map.of()), "RC204")).as("the deploy trust unknown").isEmpty();
        assertThat(rule(lint("chained.yml", trusts(DEPLOY_ROLE, ASSUME_ONLY.replace("gha-deploy", "someone-else"))),
                "RC204")).as("the trust does not let the caller assume at all: not a tagging problem").isEmpty();
    }

    @Test
    void roleSkipSessionTaggingNeedsNoTagSession() throws IOException {
        String yaml = Files.readString(WORKFLOWS.resolve("chained.yml"))
                .replace("role-chaining: true", "role-chaining: true\n          role-skip-session-tagging: true");
        assertThat(linter.lintWorkflow("chained.yml", new WorkflowParser().parse(yaml), null,
                trusts(DEPLOY_ROLE, ASSUME_ONLY))).extracting(Finding::ruleId).doesNotContain("RC204");
    }

    @Test
    void aTagBoundToTheRepositoryIsDecidedWithTheRepositoriesTheOidcRoleAdmits() throws IOException {
        assertThat(rule(lint("chained.yml", trusts(DEPLOY_ROLE, TAG_BOUND_TO_REPOSITORY,
                OIDC_ROLE, OIDC_TRUST.replace("REPO", "myorg/app"))), "RC204")).isEmpty();
        assertThat(rule(lint("chained.yml", trusts(DEPLOY_ROLE, TAG_BOUND_TO_REPOSITORY,
                OIDC_ROLE, OIDC_TRUST.replace("REPO", "myorg/web"))), "RC204")).singleElement()
                .extracting(Finding::message).asString().contains("RolechainSessionTags");
        assertThat(rule(lint("chained.yml", trusts(DEPLOY_ROLE, TAG_BOUND_TO_REPOSITORY)), "RC204"))
                .as("the OIDC role unknown: the run may be in myorg/app").isEmpty();
    }

    @Test
    void knownTrustsDecideTheExternalIdAndTheSubject() throws IOException {
        String yaml = Files.readString(WORKFLOWS.resolve("chained.yml"))
                .replace("          role-external-id: ${{ secrets.DEPLOY_EXTERNAL_ID }}\n", "");
        WorkflowFile file = new WorkflowParser().parse(yaml);
        assertThat(linter.lintWorkflow("w.yml", file, null, Map.of())).filteredOn(f -> f.ruleId().equals("RC303"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        List<Finding> known = linter.lintWorkflow("w.yml", file, null, trusts(DEPLOY_ROLE, WITH_TAG_SESSION,
                OIDC_ROLE, OIDC_TRUST.replace("REPO", "myorg/app").replace("ref:refs/heads/main", "environment:production")));
        assertThat(known).filteredOn(f -> f.ruleId().equals("RC303")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("requires sts:ExternalId");
        });
        assertThat(known).extracting(Finding::ruleId).contains("RC306");
    }
}
