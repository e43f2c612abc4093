package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.chain.Cell;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from the Setup become Terraform identifiers and file paths that never collide, and values become
 * policy text that matches literally: Setups that once exported invalid Terraform or wrong trusts.
 */
class ExportNamesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services = new Services();
    @TempDir
    Path temp;

    /** The three-target example, changed by {@code edit} (on its JSON). */
    private static Setup setup(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        edit.accept(root);
        SetupJson.Read read = SetupJson.read(root.toString());
        assertThat(read.problems()).isEmpty();
        return read.setup();
    }

    private static ObjectNode target(ObjectNode root, int i) {
        return (ObjectNode) root.get("targets").get(i);
    }

    private List<Problem> problems(Setup setup) {
        return services.validator().validate(setup);
    }

    /** Exports the Setup and runs terraform init and validate on it. */
    private void assertTerraformValidates(Setup setup) throws Exception {
        assertThat(problems(setup)).isEmpty();
        DesiredState state = services.planner().plan(setup);
        Path out = temp.resolve("export");
        services.exportWriter().write(services.renderer().render(state), out, false);
        TerraformCli terraform = TerraformCli.withAwsProvider();
        Path dir = out.resolve("terraform");
        Processes.Result init = terraform.run(dir, Map.of(), "init", "-input=false", "-no-color", "-backend=false");
        assertThat(init.exitCode()).as(init.both()).isZero();
        Processes.Result validate = terraform.run(dir, Map.of(), "validate", "-no-color");
        assertThat(validate.exitCode()).as(validate.both()).isZero();
        Processes.Result fmt = terraform.run(dir, Map.of(), "fmt", "-check", "-recursive");
        assertThat(fmt.exitCode()).as(fmt.both()).isZero();
    }

    @Test
    void aTargetNamedToolingGetsItsOwnProfileVariable() throws Exception {
        Setup setup = setup(root -> target(root, 0).put("name", "tooling"));
        assertThat(services.renderer().render(services.planner().plan(setup)).stream()
                .filter(a -> a.path().equals("terraform/variables.tf")).findFirst().orElseThrow().content())
                .contains("variable \"profile_tooling\" {", "variable \"profile_tooling_2\" {");
        assertTerraformValidates(setup);
    }

    @Test
    void inlinePoliciesWhoseRoleAndPolicyNamesJoinAlikeGetDistinctResources() throws Exception {
        Setup setup = setup(root -> {
            target(root, 0).put("name", "x");
            ((ObjectNode) target(root, 0).get("inlinePolicies")).set("a-b",
                    target(root, 0).get("inlinePolicies").get("deploy-artifacts"));
            target(root, 1).put("name", "x-a");
            target(root, 1).putObject("inlinePolicies").set("b", target(root, 0).get("inlinePolicies").get("deploy-artifacts"));
        });
        String hcl = services.renderer().render(services.planner().plan(setup)).stream()
                .filter(a -> a.path().startsWith("terraform/target-")).map(Artifact::content)
                .reduce("", String::concat);
        assertThat(hcl).contains("resource \"aws_iam_role_policy\" \"deploy_x_a_b\" {",
                "resource \"aws_iam_role_policy\" \"deploy_x_a_b_2\" {");
        assertTerraformValidates(setup);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pushFiltersAreEscapedForGitHubAndMatchAtLeastTheRefsTheTrustAdmits() throws Exception {
        Setup setup = setup(root -> {
            ArrayNode subjects = (ArrayNode) target(root, 0).get("subjects");
            subjects.removeAll();
            subjects.addObject().put("repository", "app").put("branch", "main");
            subjects.addObject().put("repository", "app").put("branch", "!main");
            subjects.addObject().put("repository", "app").put("branch", "c++/fix");
            subjects.addObject().put("repository", "app").put("branch", "feature/*");
        });
        String yaml = services.renderer().workflow(services.planner().plan(setup));
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(yaml);
        Map<String, Object> on = (Map<String, Object>) (doc.containsKey("on") ? doc.get("on") : doc.get(Boolean.TRUE));
        assertThat((List<String>) ((Map<String, Object>) on.get("push")).get("branches"))
                .as("a leading ! would exclude main again; + quantifies; * stops at /")
                .containsExactly("main", "\\!main", "c\\+\\+/fix", "feature/**");
        assertThat(Escape.githubFilter("v?.*")).isEqualTo("v**.**");
    }

    @Test
    void theProviderFloorIsTheVersionWhereThumbprintsBecameOptional() throws Exception {
        String versions = services.renderer().terraform(services.planner().plan(Examples.load("three-targets"))).stream()
                .filter(a -> a.path().equals("terraform/versions.tf")).findFirst().orElseThrow().content();
        assertThat(versions).contains("version = \">= 5.81.0\"");
        assertThat(services.renderer().terraform(services.planner().plan(Examples.load("three-targets"))).stream()
                .map(Artifact::content)).noneMatch(c -> c.contains("thumbprint_list"));
    }

    @Test
    void roleNamesThatCannotNameAFolderAreRefused() throws Exception {
        for (String name : List.of(".", "..")) {
            Setup setup = setup(root -> target(root, 0).put("roleName", name));
            assertThat(problems(setup)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("targets[0].roleName");
                assertThat(p.message()).contains("not \".\" or \"..\"");
            });
        }
        assertThat(problems(setup(root -> target(root, 0).put("roleName", "..deploy")))).isEmpty();
    }

    @Test
    void aDollarInABranchOrEnvironmentIsMatchedLiterallyNotAsAPolicyVariable() throws Exception {
        Setup setup = setup(root -> {
            ArrayNode subjects = (ArrayNode) target(root, 0).get("subjects");
            subjects.removeAll();
            subjects.addObject().put("repository", "app").put("branch", "x${var.region}");
            ArrayNode prod = (ArrayNode) target(root, 2).get("subjects");
            prod.removeAll();
            prod.addObject().put("repository", "app").put("environment", "prod$1");
        });
        DesiredState state = services.planner().plan(setup);
        String trust = state.tooling().role("gha-oidc-dev").orElseThrow().trustPolicy().toJson();
        assertThat(trust).contains("\"repo:acme/app:ref:refs/heads/x${$}{var.region}\"");
        assertThat(state.tooling().role("gha-oidc-prod").orElseThrow().trustPolicy().toJson())
                .contains("\"repo:acme/app:environment:prod${$}1\"");
        List<Cell> cells = services.chainCheck().check(state);
        assertThat(cells).filteredOn(c -> c.probe() == null).isNotEmpty()
                .allSatisfy(c -> assertThat(c.verdict()).as(c.subject() + ": " + c.reason()).isEqualTo(Cell.Expectation.ALLOW));
        assertThat(cells).allSatisfy(c -> assertThat(c.asExpected()).as(c.subject()).isTrue());
        assertTerraformValidates(setup);
    }
}
