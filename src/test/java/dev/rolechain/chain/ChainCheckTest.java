package dev.rolechain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.chain.Cell.Expectation;
import dev.rolechain.chain.Cell.Hop;
import dev.rolechain.cli.RolechainCommand;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.setup.Workflow;
import dev.rolechain.testsupport.Examples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChainCheckTest {
    private final Services services = new Services();
    private final ChainCheck check = services.chainCheck();

    @TempDir
    Path temp;

    private static Setup twoTargets(OidcRoles mode, int duration) {
        Target prod = new Target("prod", "222222222222", null, "deploy", "ext-prod", true,
                List.of(Subject.environment("app", "production")), List.of(), Map.of(), 3600, null);
        Target dev = new Target("dev", "333333333333", null, "deploy", "ext-dev", false,
                List.of(Subject.branch("app", "*"), Subject.pullRequest("web")), List.of(), Map.of(), 3600, null);
        return new Setup(GitHub.of("myorg"), new Tooling("111111111111", "us-east-1", null, true, "gha", mode, 3600),
                List.of(prod, dev), new Workflow(Workflow.DEFAULT_ACTION_REF, null, true, "GitHubActions", duration));
    }

    @Test
    void theArticlesChainAdmitsItsSubjectAndStopsEveryProbeAtTheOidcTrust() {
        List<Cell> cells = check.check(services.planner().plan(Examples.load("article")));
        assertThat(cells).allMatch(Cell::asExpected);
        assertThat(cells).filteredOn(c -> c.probe() == null).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Expectation.ALLOW);
            assertThat(c.subject()).isEqualTo("repo:myorg/rolechain-any-repo:ref:refs/heads/main");
            assertThat(c.hop()).isNull();
        });
        assertThat(cells).extracting(Cell::probe).contains("the repository under another owner",
                "the owner in other letter case", "another branch", "a tag", "a pull request", "another environment");
        assertThat(cells).filteredOn(c -> c.expected() == Expectation.DENY)
                .allSatisfy(c -> assertThat(c.hop()).isEqualTo(Hop.OIDC_TRUST));
    }

    @Test
    void perTargetRolesKeepEachTargetToItsOwnSubjects() {
        List<Cell> cells = check.check(services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600)));
        assertThat(cells).isNotEmpty().allMatch(Cell::asExpected);
    }

    @Test
    void aSharedRoleLetsAnotherTargetsSubjectsIntoProduction() {
        List<Cell> cells = check.check(services.planner().plan(twoTargets(OidcRoles.SHARED, 3600)));
        assertThat(cells).filteredOn(c -> !c.asExpected()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.expected()).isEqualTo(Expectation.DENY);
            assertThat(c.verdict()).isEqualTo(Expectation.ALLOW);
        });
        // dev's subject is a decided cell against prod: let in by the shared role, which the Setup does not mean
        assertThat(cells).filteredOn(c -> c.target().equals("prod") && "granted for target dev".equals(c.probe()))
                .anySatisfy(c -> assertThat(c.asExpected()).isFalse());
    }

    @Test
    void everySubjectIsADecidedCellAgainstEveryTarget() {
        List<Cell> perTarget = check.check(services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600)));
        java.util.Set<String> granted = new java.util.HashSet<>();
        perTarget.stream().filter(c -> c.probe() == null).forEach(c -> granted.add(c.subject()));
        for (String target : List.of("prod", "dev")) {
            assertThat(perTarget).filteredOn(c -> c.target().equals(target)).extracting(Cell::subject)
                    .as(target + " has a cell for every granted subject").containsAll(granted);
        }
        assertThat(perTarget).as("per-target roles keep each target to its own subjects").allSatisfy(c ->
                assertThat(c.asExpected()).as(c.target() + " " + c.subject()).isTrue());
        assertThat(perTarget).filteredOn(c -> c.target().equals("prod") && "granted for target dev".equals(c.probe()))
                .isNotEmpty().allSatisfy(c -> assertThat(c.hop()).isEqualTo(Hop.OIDC_TRUST));
    }

    @Test
    void aTrustWithoutTheExternalIdConditionStillAllowsButAWrongExternalIdStopsAtTheTargetTrust() {
        DesiredState state = services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600));
        DesiredState wrong = replaceRole(state, "222222222222", "deploy", r -> withTrust(r, PolicyJson.parse(
                r.trustPolicy().toJson().replace("ext-prod", "ext-other"))));
        assertThat(check.check(wrong)).filteredOn(c -> c.target().equals("prod") && c.probe() == null)
                .singleElement().satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Expectation.DENY);
                    assertThat(c.hop()).isEqualTo(Hop.TARGET_TRUST);
                    assertThat(c.reason()).contains("sts:ExternalId");
                });
    }

    @Test
    void aTrustNamingTheOidcRoleInOtherLetterCaseAdmitsItButTheCellSaysItIsUncertain() {
        DesiredState state = services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600));
        DesiredState cased = replaceRole(state, "222222222222", "deploy", r -> withTrust(r, PolicyJson.parse(
                r.trustPolicy().toJson().replace("role/gha-prod", "role/GHA-Prod"))));
        assertThat(cased.account("222222222222").orElseThrow().role("deploy").orElseThrow().trustPolicy().toJson())
                .contains("role/GHA-Prod");
        assertThat(check.check(cased)).filteredOn(c -> c.target().equals("prod") && c.probe() == null)
                .singleElement().satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Expectation.ALLOW);
                    assertThat(c.uncertain()).containsExactly(dev.rolechain.iam.Unclear.ROLE_NAME_CASE);
                });
        assertThat(check.check(cased)).filteredOn(c -> c.target().equals("prod") && c.probe() != null)
                .as("a probe stopped at the OIDC trust never reached the unclear hop").allSatisfy(c -> {
                    assertThat(c.verdict()).isEqualTo(Expectation.DENY);
                    assertThat(c.isUncertain()).isFalse();
                });
        assertThat(check.check(state)).as("the planned documents rest on nothing unclear").noneMatch(Cell::isUncertain);
    }

    @Test
    void anOidcRoleThatMayNotAssumeTheTargetStopsAtItsPermissions() {
        DesiredState state = services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600));
        DesiredState broken = replaceRole(state, "111111111111", "gha-prod", r -> new Role(r.name(), r.path(),
                r.description(), r.trustPolicy(), Map.of(), r.managedPolicyArns(), r.maxSessionDuration(),
                r.permissionsBoundaryArn(), r.tags()));
        assertThat(check.check(broken)).filteredOn(c -> c.target().equals("prod") && c.probe() == null)
                .singleElement().satisfies(c -> assertThat(c.hop()).isEqualTo(Hop.OIDC_PERMISSIONS));
    }

    @Test
    void aSessionLongerThanAnHourStopsAtTheSessionHop() {
        List<Cell> cells = check.check(services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 7200)));
        assertThat(cells).filteredOn(c -> c.probe() == null).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Expectation.DENY);
            assertThat(c.hop()).isEqualTo(Hop.SESSION);
            assertThat(c.reason()).contains("7200");
        });
    }

    @Test
    void theCheckCommandPrintsJsonAndExitsOneOnASurprise() throws Exception {
        Path setup = Files.writeString(temp.resolve("shared.json"), SetupJson.write(twoTargets(OidcRoles.SHARED, 3600)));
        StringWriter out = new StringWriter();
        CommandLine cli = RolechainCommand.create(services);
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("check", "--setup", setup.toString(), "--format", "json")).isEqualTo(1);
        JsonNode cells = new ObjectMapper().readTree(out.toString()).get("cells");
        assertThat(cells.size()).isGreaterThan(5);
        JsonNode first = cells.get(0);
        assertThat(first.has("target") && first.has("subject") && first.has("expected") && first.has("verdict")
                && first.has("hop") && first.has("reason")).isTrue();
        assertThat(first.get("uncertain").isArray()).as("always a list, empty when certain").isTrue();

        Path perTarget = Files.writeString(temp.resolve("per-target.json"),
                SetupJson.write(twoTargets(OidcRoles.PER_TARGET, 3600)));
        CommandLine quiet = RolechainCommand.create(services);
        StringWriter text = new StringWriter();
        quiet.setOut(new PrintWriter(text, true));
        assertThat(quiet.execute("check", "--setup", perTarget.toString())).isZero();
        assertThat(text.toString()).contains("as expected, 0 not");
    }

    private static Role withTrust(Role r, PolicyDocument trust) {
        return new Role(r.name(), r.path(), r.description(), trust, r.inlinePolicies(), r.managedPolicyArns(),
                r.maxSessionDuration(), r.permissionsBoundaryArn(), r.tags());
    }

    private static DesiredState replaceRole(DesiredState state, String account, String name, UnaryOperator<Role> change) {
        List<IamAccount> accounts = state.accounts().stream().map(a -> !a.accountId().equals(account) ? a
                : new IamAccount(a.accountId(), a.oidcProviders(), a.roles().stream()
                        .map(r -> r.name().equals(name) ? change.apply(r) : r).toList())).toList();
        return new DesiredState(state.setup(), state.partition(), state.issuer(), state.audience(), state.createProvider(),
                state.providerArn(), state.toolingAccountId(), accounts, state.chains());
    }
}
