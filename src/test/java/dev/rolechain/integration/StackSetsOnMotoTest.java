package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.aws.StackSets;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Target;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoOrganization;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code rolechain apply} of an organization target against moto's Organizations and service-managed StackSets:
 * an organization with two OUs and five accounts, the target naming one OU.
 */
class StackSetsOnMotoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private final Services services = new Services();
    private MotoOrganization org;
    private Path setup;

    @BeforeEach
    void organization(@TempDir Path temp) throws Exception {
        moto.reset();
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("workloads", 3);
        units.put("sandbox", 2);
        org = MotoOrganization.create(moto, units);
        String config = moto.sharedConfig(Map.of("tooling", "111111111111")) + "[profile org-management]\n"
                + "aws_access_key_id = " + MotoServer.ACCESS_KEY + "\naws_secret_access_key = " + MotoServer.SECRET_KEY
                + "\nregion = us-east-1\nendpoint_url = " + moto.endpoint() + "\n";
        TestHome.awsConfig(config);
        String json = Files.readString(Examples.path("organization"))
                .replace("o-a1b2c3d4e5", org.id).replace("r-ab12", org.rootId)
                .replace("ou-ab12-workload1", org.units.get("workloads"))
                .replace("\"oidcRoleName\": \"github-actions-oidc\"", "\"oidcRoleName\": \"github-actions-oidc\", \"profile\": \"tooling\"");
        // only the organization target: the account target of the example is another test's business
        int prod = json.indexOf(",\n    { \"name\": \"prod\"");
        json = json.substring(0, prod) + "\n  ]\n}\n";
        setup = Files.writeString(temp.resolve("organization.json"), json);
    }

    private JsonNode apply() throws Exception {
        Cli cli = new Cli();
        int code = cli.run("apply", "--setup", setup.toString(), "--format", "json");
        assertThat(code).as(cli.out() + cli.err()).isZero();
        return JSON.readTree(cli.out());
    }

    private DesiredState state() throws Exception {
        return services.planner().plan(services.loader().load(setup));
    }

    @Test
    void applyCreatesTheStackSetAndEveryAccountOfTheOuGetsThePlannedRoleOnlyThose() throws Exception {
        JsonNode first = apply();
        assertThat(first.get("stackSets").toString()).contains("create-stack-set", "create-instances",
                org.units.get("workloads"));
        Role planned = state().account(Target.MEMBER_ACCOUNTS).orElseThrow().role("github-deploy").orElseThrow();
        for (String account : org.accounts.get(org.units.get("workloads"))) {
            try (IamClient iam = moto.iam(account)) {
                var role = iam.getRole(r -> r.roleName("github-deploy")).role();
                assertThat(PolicyJson.parse(PolicyJson.decode(role.assumeRolePolicyDocument())).normalized())
                        .as(account).isEqualTo(planned.trustPolicy().normalized());
                assertThat(role.maxSessionDuration()).isEqualTo(planned.maxSessionDuration());
                assertThat(iam.listRolePolicies(r -> r.roleName("github-deploy")).policyNames())
                        .containsExactly("deploy-stacks");
            }
        }
        for (String account : org.accounts.get(org.units.get("sandbox"))) {
            try (IamClient iam = moto.iam(account)) {
                assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).doesNotContain("github-deploy");
            }
        }
        try (IamClient iam = moto.iam("111111111111")) {
            String policy = iam.getRolePolicy(r -> r.roleName("github-actions-oidc-workloads")
                    .policyName("rolechain-assume-deploy-roles")).policyDocument();
            assertThat(PolicyJson.decode(policy)).contains("arn:aws:iam::*:role/github-deploy",
                    org.id + "/" + org.rootId + "/" + org.units.get("workloads") + "/*");
        }
    }

    @Test
    void planShowsTheTemplateAndWhichOusGainInstancesWithoutWriting() throws Exception {
        moto.startRecording();
        Cli cli = new Cli();
        assertThat(cli.run("plan", "--setup", setup.toString())).as(cli.err()).isZero();
        List<String> actions = moto.stopRecording();
        assertThat(cli.out()).contains("stackset create StackSet rolechain-workloads", "+    Type: \"AWS::IAM::Role\"",
                "stackset create instances of rolechain-workloads in " + org.units.get("workloads"),
                "target workloads: 3 member accounts in its OUs");
        assertThat(actions).filteredOn(a -> MotoServer.writes(a) && !a.startsWith("Describe")).isEmpty();
    }

    @Test
    void aChangedTemplateIsShownAsADiffAndUpdatedWithThePreviousOneKept() throws Exception {
        Path kept = dev.rolechain.aws.DataFolder.get().resolve("backups").resolve("stacksets");
        if (Files.isDirectory(kept)) {
            try (var old = Files.list(kept)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        apply();
        Files.writeString(setup, Files.readString(setup).replace("\"cloudformation:*\"", "\"cloudformation:Describe*\""));
        Cli plan = new Cli();
        assertThat(plan.run("plan", "--setup", setup.toString())).isZero();
        assertThat(plan.out()).contains("stackset update the template of StackSet rolechain-workloads",
                "-                Action: \"cloudformation:*\"", "+                Action: \"cloudformation:Describe*\"")
                .doesNotContain("create instances");
        JsonNode updated = apply();
        assertThat(updated.get("stackSets").toString()).contains("update-template");
        try (var files = Files.list(kept)) {
            assertThat(files.toList()).singleElement().satisfies(f -> assertThat(Files.readString(f))
                    .contains("\"cloudformation:*\""));
        }
        assertThat(apply().get("writes").asInt()).isZero();
    }

    @Test
    void exportListsTheOusAccountsIntoTheWorkflowThroughTheOrganizationProfile(@TempDir Path out) throws Exception {
        Cli cli = new Cli();
        assertThat(cli.run("export", "--setup", setup.toString(), "--out", out.toString(), "--member-accounts"))
                .as(cli.err()).isZero();
        String workflow = Files.readString(out.resolve(".github/workflows/deploy.yml"));
        for (String account : org.accounts.get(org.units.get("workloads"))) {
            assertThat(workflow).contains("\"" + account + "\"");
        }
        for (String account : org.accounts.get(org.units.get("sandbox"))) {
            assertThat(workflow).doesNotContain(account);
        }
        assertThat(cli.err()).contains("target workloads: 3 member account(s)");
    }

    @Test
    void theLiveCheckDecidesTheChainInASampleOfMemberAccountsOnWhatEachHolds() throws Exception {
        apply();
        Cli sampled = new Cli();
        assertThat(sampled.run("check", "--setup", setup.toString(), "--live", "--members", "2", "--format", "json"))
                .as(sampled.out() + sampled.err()).isZero();
        JsonNode cells = JSON.readTree(sampled.out()).get("cells");
        java.util.Set<String> checked = new java.util.TreeSet<>();
        cells.forEach(c -> checked.add(c.get("target").asText()));
        assertThat(checked).hasSize(3).contains("workloads").allSatisfy(t -> assertThat(
                t.equals("workloads") || t.startsWith("workloads@")).isTrue());
        assertThat(cells.toString()).contains("repo:myorg/infra:ref:refs/heads/main");

        // one member account loses its deploy role: checking all of them names it
        String broken = org.accounts.get(org.units.get("workloads")).get(1);
        try (IamClient iam = moto.iam(broken)) {
            iam.deleteRolePolicy(r -> r.roleName("github-deploy").policyName("deploy-stacks"));
            iam.deleteRole(r -> r.roleName("github-deploy"));
        }
        Cli all = new Cli();
        assertThat(all.run("check", "--setup", setup.toString(), "--live", "--members", "all")).isEqualTo(1);
        assertThat(all.out()).contains("FAIL workloads@" + broken, "does not exist")
                .contains("ok   workloads@" + org.accounts.get(org.units.get("workloads")).get(0));
    }

    @Test
    void aSecondApplyMakesNoWriteCall() throws Exception {
        apply();
        moto.startRecording();
        JsonNode second = apply();
        List<String> actions = moto.stopRecording();
        assertThat(second.get("writes").asInt()).isZero();
        assertThat(second.get("stackSets")).isEmpty();
        assertThat(actions).isNotEmpty().filteredOn(a -> MotoServer.writes(a) && !a.startsWith("Describe"))
                .isEmpty();
    }

    @Test
    void anAccountMovedIntoTheOuLaterGetsItsInstanceWhenApplyRunsAgain() throws Exception {
        apply();
        String moved = org.accounts.get(org.units.get("sandbox")).get(0);
        org.move(moved, org.units.get("sandbox"), org.units.get("workloads"));
        StackSets.Plan plan = services.stackSets().plan(state());
        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo(StackSets.Kind.ADD_ACCOUNTS);
            assertThat(step.accounts()).containsExactly(moved);
            assertThat(step.organizationalUnitIds()).containsExactly(org.units.get("workloads"));
        });
        assertThat(plan.accountsByTarget().get("workloads")).hasSize(4).contains(moved);
        // apply asks CloudFormation for that account's instance only: the OU, filtered to it (INTERSECTION)
        moto.startRecording();
        JsonNode second = apply();
        List<String> bodies = moto.stopRecordingBodies();
        assertThat(second.get("stackSets").toString()).contains(moved);
        assertThat(bodies).filteredOn(b -> b.contains("Action=CreateStackInstances")).singleElement().satisfies(b ->
                assertThat(java.net.URLDecoder.decode(b, java.nio.charset.StandardCharsets.UTF_8)).contains(
                        "DeploymentTargets.AccountFilterType=INTERSECTION",
                        "DeploymentTargets.Accounts.member.1=" + moved,
                        "DeploymentTargets.OrganizationalUnitIds.member.1=" + org.units.get("workloads"))
                        .doesNotContain("Accounts.member.2"));
        assertThat(bodies).noneMatch(b -> b.contains("Action=Delete"));
        // the moved account now holds the planned role, read back; the account left behind in sandbox does not
        Role planned = state().account(Target.MEMBER_ACCOUNTS).orElseThrow().role("github-deploy").orElseThrow();
        try (IamClient iam = moto.iam(moved)) {
            var role = iam.getRole(r -> r.roleName("github-deploy")).role();
            assertThat(PolicyJson.parse(PolicyJson.decode(role.assumeRolePolicyDocument())).normalized())
                    .isEqualTo(planned.trustPolicy().normalized());
        }
        try (IamClient iam = moto.iam(org.accounts.get(org.units.get("sandbox")).get(0))) {
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).doesNotContain("github-deploy");
        }
        // and a third apply has nothing left to do
        assertThat(services.stackSets().plan(state()).steps()).isEmpty();
        assertThat(apply().get("writes").asInt()).isZero();
    }

    @Test
    void aProfileOfAnotherOrganizationStopsApplyBeforeAnyWrite() throws Exception {
        Files.writeString(setup, Files.readString(setup).replace(org.id, "o-zzzzzzzzzz"));
        moto.startRecording();
        Cli cli = new Cli();
        assertThat(cli.run("apply", "--setup", setup.toString())).isEqualTo(1);
        List<String> actions = moto.stopRecording();
        assertThat(cli.err()).contains("is in organization " + org.id, "o-zzzzzzzzzz", "nothing was written");
        assertThat(actions).filteredOn(a -> MotoServer.writes(a) && !a.startsWith("Describe")).isEmpty();
    }
}
