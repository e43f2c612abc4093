package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code terraform-github/} root: the protection of the environments production deploys from, for the
 * {@code integrations/github} provider. Formatted as {@code terraform fmt} wants it, and every resource, data
 * source, argument and block is one the provider's schema has.
 */
class TerraformGitHubRootTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Services SERVICES = new Services();

    /**
     * The provider's schema for what Rolechain writes (integrations/terraform-provider-github v6:
     * github/resource_github_repository_environment.go, resource_github_repository_environment_deployment_policy.go,
     * data_source_github_user.go, data_source_github_team.go): the arguments and nested blocks allowed, and those
     * required.
     */
    private record Schema(Set<String> arguments, Set<String> required, Map<String, Schema> blocks) {
    }

    private static final Map<String, Schema> SCHEMA = Map.of(
            "resource github_repository_environment", new Schema(
                    Set.of("repository", "environment", "can_admins_bypass", "prevent_self_review", "wait_timer"),
                    Set.of("repository", "environment"),
                    Map.of("reviewers", new Schema(Set.of("teams", "users"), Set.of(), Map.of()),
                            "deployment_branch_policy", new Schema(Set.of("protected_branches", "custom_branch_policies"),
                                    Set.of("protected_branches", "custom_branch_policies"), Map.of()))),
            "resource github_repository_environment_deployment_policy", new Schema(
                    Set.of("repository", "environment", "branch_pattern", "tag_pattern"),
                    Set.of("repository", "environment"), Map.of()),
            "data github_user", new Schema(Set.of("username"), Set.of("username"), Map.of()),
            "data github_team", new Schema(Set.of("slug", "summary_only", "results_per_page", "membership_type"),
                    Set.of("slug"), Map.of()));

    @TempDir
    Path temp;

    private List<Artifact> export() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        ObjectNode envs = ((ObjectNode) root.get("github")).putObject("environments");
        ObjectNode production = envs.putObject("production");
        production.putArray("reviewers").add("octocat").add("acme/platform").add("Hubot");
        production.putArray("branches").add("main").add("release/**");
        production.put("preventSelfReview", true).put("waitMinutes", 10);
        // a second repository deploying to production, and an environment with no branches (protected ones only)
        ObjectNode prod = (ObjectNode) root.get("targets").get(2);
        ((com.fasterxml.jackson.databind.node.ArrayNode) prod.get("subjects")).addObject().put("repository", "infra")
                .put("environment", "production");
        ObjectNode staging = (ObjectNode) root.get("targets").get(1);
        ((com.fasterxml.jackson.databind.node.ArrayNode) staging.get("subjects")).addObject().put("repository", "app")
                .put("environment", "staging");
        envs.putObject("staging").putArray("reviewers").add("octocat");
        SetupJson.Read read = SetupJson.read(root.toString());
        assertThat(read.problems()).isEmpty();
        assertThat(SERVICES.validator().validate(read.setup())).isEmpty();
        DesiredState state = SERVICES.planner().plan(read.setup());
        return SERVICES.renderer().render(state);
    }

    private Path write(List<Artifact> artifacts) throws Exception {
        for (Artifact a : artifacts) {
            if (a.path().startsWith("terraform-github/")) {
                Path file = temp.resolve(a.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, a.content());
            }
        }
        return temp.resolve("terraform-github");
    }

    @Test
    void theRootProtectsEachRepositorysEnvironmentWithTheSetupsReviewersAndBranches() throws Exception {
        List<Artifact> artifacts = export();
        String envs = artifacts.stream().filter(a -> a.path().equals("terraform-github/environments.tf")).findFirst()
                .orElseThrow().content();
        assertThat(envs).contains("data \"github_user\" \"user_octocat\"", "data \"github_team\" \"team_acme_platform\"",
                "slug = \"platform\"", "resource \"github_repository_environment\" \"app_production\"",
                "resource \"github_repository_environment\" \"infra_production\"",
                "resource \"github_repository_environment\" \"app_staging\"",
                "branch_pattern = \"release/**\"", "prevent_self_review = true", "wait_timer          = 10");
        // staging names no branches: only protected branches may deploy there
        assertThat(envs.substring(envs.indexOf("\"app_staging\""))).contains("protected_branches     = true",
                "custom_branch_policies = false");
        assertThat(artifacts.stream().filter(a -> a.path().equals("README.md")).findFirst().orElseThrow().content())
                .contains("terraform-github/environments.tf", "cd terraform-github");
        assertThat(SERVICES.renderer().render(SERVICES.planner().plan(Examples.load("article"))))
                .as("no environments named, no root").noneMatch(a -> a.path().startsWith("terraform-github/"));
    }

    @Test
    void theRootIsFormattedAsTerraformFmtWantsIt() throws Exception {
        Path dir = write(export());
        Processes.Result fmt = TerraformCli.plain().run(dir, Map.of(), "fmt", "-check", "-diff", "-recursive");
        assertThat(fmt.exitCode()).as(fmt.both()).isZero();
    }

    @Test
    void everyResourceArgumentAndBlockIsInTheProvidersSchema() throws Exception {
        Pattern open = Pattern.compile("^(resource|data) \"([a-z_]+)\" \"[A-Za-z0-9_]+\" \\{$");
        Pattern block = Pattern.compile("^\\s+([a-z_]+) \\{$");
        Pattern argument = Pattern.compile("^\\s+([a-z_]+)\\s+= .+$");
        int checked = 0;
        for (Artifact a : export()) {
            if (!a.path().equals("terraform-github/environments.tf")) {
                continue;
            }
            Deque<Schema> stack = new ArrayDeque<>();
            Deque<java.util.Set<String>> seen = new ArrayDeque<>();
            String where = null;
            for (String line : a.content().lines().toList()) {
                Matcher m;
                if ((m = open.matcher(line)).matches()) {
                    where = m.group(1) + " " + m.group(2);
                    assertThat(SCHEMA).as("the provider has " + where).containsKey(where);
                    stack.push(SCHEMA.get(where));
                    seen.push(new java.util.HashSet<>());
                } else if ((m = block.matcher(line)).matches()) {
                    assertThat(stack.peek().blocks()).as(where + " has the block " + m.group(1)).containsKey(m.group(1));
                    stack.push(stack.peek().blocks().get(m.group(1)));
                    seen.push(new java.util.HashSet<>());
                } else if ((m = argument.matcher(line)).matches()) {
                    assertThat(stack.peek().arguments()).as(where + " has the argument " + m.group(1)).contains(m.group(1));
                    seen.peek().add(m.group(1));
                    checked++;
                } else if (line.strip().equals("}")) {
                    assertThat(seen.pop()).as(where + " sets every required argument").containsAll(stack.pop().required());
                } else {
                    assertThat(line.strip()).as("a line the check understands").isEmpty();
                }
            }
            assertThat(stack).isEmpty();
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void awkwardButValidNamesStayDistinctLiteralAndFormatted() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        ObjectNode envs = ((ObjectNode) root.get("github")).putObject("environments");
        // "prod-x" and "prod_x" meet as one Terraform name; ${…} and a quote must stay literal
        for (String name : new String[] {"prod-x", "prod_x"}) {
            ObjectNode env = envs.putObject(name);
            env.putArray("reviewers").add("octocat");
            env.putArray("branches").add("rel/${var.x}").add("a\"b");
        }
        com.fasterxml.jackson.databind.node.ArrayNode subjects = (com.fasterxml.jackson.databind.node.ArrayNode)
                root.get("targets").get(2).get("subjects");
        subjects.addObject().put("repository", "app").put("environment", "prod-x");
        subjects.addObject().put("repository", "app").put("environment", "prod_x");
        SetupJson.Read read = SetupJson.read(root.toString());
        assertThat(read.problems()).isEmpty();
        assertThat(SERVICES.validator().validate(read.setup())).isEmpty();
        List<Artifact> artifacts = SERVICES.renderer().render(SERVICES.planner().plan(read.setup()));
        String envsTf = artifacts.stream().filter(a -> a.path().equals("terraform-github/environments.tf")).findFirst()
                .orElseThrow().content();
        assertThat(envsTf).contains("\"app_prod_x\"", "\"app_prod_x_2\"", "branch_pattern = \"rel/$${var.x}\"",
                "branch_pattern = \"a\\\"b\"");
        Path dir = write(artifacts);
        Processes.Result fmt = TerraformCli.plain().run(dir, Map.of(), "fmt", "-check", "-diff", "-recursive");
        assertThat(fmt.exitCode()).as(fmt.both()).isZero();
    }

    @Test
    void terraformValidateNeedsTheGitHubProviderWhichThisMachinesMirrorDoesNotHave() throws Exception {
        boolean inMirror = TerraformCli.mirror().map(m -> Files.isDirectory(m.resolve("registry.terraform.io/integrations/github")))
                .orElse(false);
        Assumptions.assumeTrue(inMirror, "NOT VALIDATED: terraform validate of terraform-github/ needs the integrations/github "
                + "provider, which is not in this machine's provider mirror (only hashicorp/aws is); the root is checked by "
                + "fmt and against the provider's documented schema instead");
        Path dir = write(export());
        Path config = Files.writeString(temp.resolve("tfrc"), "provider_installation {\n  filesystem_mirror {\n    path = \""
                + TerraformCli.mirror().orElseThrow() + "\"\n  }\n}\n");
        Processes.Result init = Processes.run(List.of("terraform", "init", "-backend=false"), dir,
                Map.of("TF_CLI_CONFIG_FILE", config.toString()), null, 300);
        assertThat(init.exitCode()).as(init.both()).isZero();
        Processes.Result validate = Processes.run(List.of("terraform", "validate"), dir,
                Map.of("TF_CLI_CONFIG_FILE", config.toString()), null, 300);
        assertThat(validate.exitCode()).as(validate.both()).isZero();
    }
}
