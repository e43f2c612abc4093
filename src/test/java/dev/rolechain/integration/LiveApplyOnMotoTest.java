package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.aws.DataFolder;
import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code rolechain apply} and {@code restore} against moto accounts reached through profiles. */
class LiveApplyOnMotoTest {
    private static final String SETUP = Examples.path("three-targets").toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private final Services services = new Services();

    @BeforeEach
    void config() throws Exception {
        moto.reset();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
    }

    private JsonNode applyJson(String... extra) throws Exception {
        Cli cli = new Cli();
        String[] args = new String[3 + extra.length + 2];
        args[0] = "apply";
        args[1] = "--setup";
        args[2] = SETUP;
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[3 + extra.length] = "--format";
        args[4 + extra.length] = "json";
        int code = cli.run(args);
        JsonNode result = JSON.readTree(cli.out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) result).put("exitCode", code);
        return result;
    }

    @Test
    void applyCreatesThePlannedStateAndASecondApplyWritesNothing() throws Exception {
        JsonNode first = applyJson();
        assertThat(first.get("exitCode").asInt()).as(first.toString()).isZero();
        assertThat(first.get("writes").asInt()).isGreaterThan(10);

        DesiredState state = services.planner().plan(Examples.load("three-targets"));
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                IamAccount read = new IamAccountReader(iam).read(planned.accountId(),
                        planned.roles().stream().map(Role::name).toList());
                assertThat(read.normalized()).isEqualTo(planned.normalized());
            }
        }
        assertThat(services.livePlanner().plan(state)).extracting(Change::action).containsOnly(Change.Action.NONE);

        JsonNode second = applyJson();
        assertThat(second.get("writes").asInt()).isZero();
        assertThat(second.get("exitCode").asInt()).isZero();
        assertThat(Files.readAllLines(DataFolder.get().resolve("journal.jsonl")))
                .anySatisfy(line -> assertThat(line).contains("\"action\":\"CreateRole\"", "\"result\":\"ok\""));
        Cli check = new Cli();
        assertThat(check.run("check", "--setup", SETUP, "--live", "--after-apply")).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("provider: ok (https://token.actions.githubusercontent.com, audience "
                + "sts.amazonaws.com)", "permission prod: sts:AssumeRole", "as expected, 0 not");
    }

    @Test
    void theArticlesTwoAccountsConvergeToo(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        dev.rolechain.setup.Setup article = Examples.load("article");
        dev.rolechain.setup.Tooling t = article.tooling();
        dev.rolechain.setup.Target prod = article.targets().get(0);
        dev.rolechain.setup.Setup withProfiles = new dev.rolechain.setup.Setup(article.github(),
                new dev.rolechain.setup.Tooling(t.accountId(), t.region(), "myorg-tooling", t.createProvider(),
                        t.oidcRoleName(), t.oidcRoles(), t.maxSessionSeconds()),
                java.util.List.of(new dev.rolechain.setup.Target(prod.name(), prod.accountId(), "myorg-prod", prod.roleName(),
                        prod.externalId(), prod.production(), prod.subjects(), prod.managedPolicyArns(),
                        prod.inlinePolicies(), prod.maxSessionSeconds(), prod.permissionsBoundaryArn())),
                article.workflow());
        Path setup = Files.writeString(temp.resolve("article.json"), dev.rolechain.setup.SetupJson.write(withProfiles));
        TestHome.awsConfig(moto.sharedConfig(Map.of("myorg-tooling", "111111111111", "myorg-prod", "222222222222")));
        Cli cli = new Cli();
        assertThat(cli.run("apply", "--setup", setup.toString())).as(cli.err()).isZero();
        Cli again = new Cli();
        assertThat(again.run("apply", "--setup", setup.toString())).isZero();
        assertThat(again.out()).contains("Nothing to do: no write calls made.");
        Cli check = new Cli();
        assertThat(check.run("check", "--setup", setup.toString(), "--live")).as(check.out()).isZero();
    }

    @Test
    void theLiveCheckFailsWhenTheProviderIsMissing() throws Exception {
        assertThat(applyJson().get("exitCode").asInt()).isZero();
        try (IamClient iam = moto.iam("111111111111")) {
            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(
                    "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"));
        }
        Cli check = new Cli();
        assertThat(check.run("check", "--setup", SETUP, "--live")).isEqualTo(1);
        assertThat(check.out()).contains("provider: MISSING");
    }

    @Test
    void aForeignRoleIsChangedOnlyWithConfirmationBackedUpAndRestorable() throws Exception {
        String foreignTrust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::555555555555:root\"},\"Action\":\"sts:AssumeRole\"}]}";
        try (IamClient iam = moto.iam("555555555555")) {
            iam.createRole(r -> r.roleName("gha-deploy").assumeRolePolicyDocument(foreignTrust).description("hand-made"));
        }
        JsonNode refused = applyJson();
        assertThat(refused.get("exitCode").asInt()).isEqualTo(1);
        assertThat(refused.get("skipped").toString()).contains("555555555555 role/gha-deploy", "not created by Rolechain");
        assertThat(trustOf("555555555555")).isEqualTo(PolicyJson.parse(foreignTrust).normalized());

        JsonNode confirmed = applyJson("--yes");
        assertThat(confirmed.get("exitCode").asInt()).as(confirmed.toString()).isZero();
        assertThat(trustOf("555555555555").toJson()).contains("sts:ExternalId", "gha-oidc-prod", "555555555555:root");
        Path backup = Path.of(confirmed.get("backup").asText());
        assertThat(backup.resolve("555555555555-role-gha-deploy.json")).exists().content().contains("555555555555:root");

        Cli cli = new Cli();
        assertThat(cli.run("restore", backup.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("restored 555555555555 role/gha-deploy");
        assertThat(trustOf("555555555555")).isEqualTo(PolicyJson.parse(foreignTrust).normalized());
    }

    private static dev.rolechain.iam.PolicyDocument trustOf(String account) {
        try (IamClient iam = moto.iam(account)) {
            return new IamAccountReader(iam).role("gha-deploy").orElseThrow().trustPolicy().normalized();
        }
    }
}
