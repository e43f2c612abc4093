package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code rolechain plan} against moto through a shared config whose profiles reach moto with
 * {@code endpoint_url}, one profile per account, as a user's SSO profiles would.
 */
class LivePlanOnMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private final Services services = new Services();

    @BeforeEach
    void config() throws Exception {
        moto.reset();
        writeConfig(Map.of("acme-tooling", "111111111111", "acme-dev", "333333333333", "acme-staging", "444444444444",
                "acme-prod", "555555555555"));
    }

    private static void writeConfig(Map<String, String> profiles) throws Exception {
        TestHome.awsConfig(moto.sharedConfig(profiles));
    }

    private DesiredState threeTargets() {
        return services.planner().plan(Examples.load("three-targets"));
    }

    @Test
    void emptyAccountsPlanEveryResourceAsACreate() {
        List<Change> changes = services.livePlanner().plan(threeTargets());
        assertThat(changes).extracting(Change::action).containsOnly(Change.Action.CREATE);
        assertThat(changes).extracting(c -> c.account() + " " + c.resource()).contains(
                "111111111111 oidc-provider/token.actions.githubusercontent.com",
                "111111111111 role/gha-oidc-dev",
                "111111111111 role/gha-oidc-dev/policy/rolechain-assume-deploy-roles",
                "333333333333 role/gha-deploy", "333333333333 role/gha-deploy/policy/deploy-artifacts",
                "555555555555 role/gha-deploy");
    }

    @Test
    void accountsAsPlannedShowNoChangesAndAChangedTrustShowsItsDiff() throws Exception {
        DesiredState state = threeTargets();
        state.accounts().forEach(LivePlanOnMotoTest::create);
        assertThat(services.livePlanner().plan(state)).extracting(Change::action).containsOnly(Change.Action.NONE);

        try (IamClient iam = moto.iam("555555555555")) {
            iam.updateAssumeRolePolicy(r -> r.roleName("gha-deploy").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        Cli cli = new Cli();
        assertThat(cli.run("plan", "--setup", Examples.path("three-targets").toString(), "--format", "json")).isZero();
        JsonNode changes = new ObjectMapper().readTree(cli.out()).get("changes");
        JsonNode updated = null;
        for (JsonNode c : changes) {
            if (!c.get("action").asText().equals("none")) {
                assertThat(updated).as("only one change").isNull();
                updated = c;
            }
        }
        assertThat(updated).isNotNull();
        assertThat(updated.get("account").asText()).isEqualTo("555555555555");
        assertThat(updated.get("resource").asText()).isEqualTo("role/gha-deploy");
        assertThat(updated.get("action").asText()).isEqualTo("update");
        // the plan shows the role as apply leaves it: the statement of others kept, Rolechain's added
        assertThat(updated.get("diff").asText()).contains("--- live", "+++ planned",
                "           \"AWS\": \"arn:aws:iam::111111111111:root\"",
                "+        \"Sid\": \"RolechainOidcRoleChain\"",
                "+          \"AWS\": \"arn:aws:iam::111111111111:role/gha-oidc-prod\"", "+            \"sts:ExternalId\"")
                .doesNotContain("-          \"AWS\": \"arn:aws:iam::111111111111:root\"");
        assertThat(updated.get("notes").toString()).contains("keeps 1 trust statement of others",
                "needs consent: its trust policy changes");
    }

    @Test
    void aProfileOfTheWrongAccountIsRefusedBeforeAnythingIsRead() throws Exception {
        writeConfig(Map.of("acme-tooling", "111111111111", "acme-dev", "999999999999", "acme-staging", "444444444444",
                "acme-prod", "555555555555"));
        assertThatThrownBy(() -> services.livePlanner().plan(threeTargets()))
                .isInstanceOf(LivePlanner.AccountException.class)
                .hasMessageContaining("profile acme-dev reaches account 999999999999")
                .hasMessageContaining("plans account 333333333333");
        Cli cli = new Cli();
        assertThat(cli.run("plan", "--setup", Examples.path("three-targets").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("acme-dev reaches account 999999999999");
        Cli profiles = new Cli();
        assertThat(profiles.run("profiles", "--setup", Examples.path("three-targets").toString())).isEqualTo(1);
        assertThat(profiles.out()).contains("333333333333  acme-dev             WRONG ACCOUNT: reaches 999999999999",
                "111111111111  acme-tooling         ok  arn:aws:sts::111111111111:assumed-role/rolechain-test/");
    }

    @Test
    void anUnknownProfileIsNamedInTheError() throws Exception {
        writeConfig(Map.of("acme-tooling", "111111111111"));
        assertThatThrownBy(() -> services.livePlanner().plan(threeTargets()))
                .isInstanceOf(LivePlanner.AccountException.class)
                .hasMessageContaining("acme-dev");
    }

    /** Makes an account hold exactly its planned state (what apply will do; here with plain SDK calls). */
    private static void create(IamAccount account) {
        try (IamClient iam = moto.iam(account.accountId())) {
            for (OidcProvider p : account.oidcProviders()) {
                iam.createOpenIDConnectProvider(r -> r.url(p.url()).clientIDList(p.clientIds())
                        .tags(p.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                                .toList()));
            }
            for (Role role : account.roles()) {
                iam.createRole(r -> r.roleName(role.name()).path(role.path()).description(role.description())
                        .maxSessionDuration(role.maxSessionDuration())
                        .permissionsBoundary(role.permissionsBoundaryArn())
                        .assumeRolePolicyDocument(PolicyJson.print(role.trustPolicy()))
                        .tags(role.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue())
                                .build()).toList()));
                role.inlinePolicies().forEach((name, doc) -> iam.putRolePolicy(r -> r.roleName(role.name())
                        .policyName(name).policyDocument(PolicyJson.print(doc))));
                role.managedPolicyArns().forEach(arn -> iam.attachRolePolicy(r -> r.roleName(role.name()).policyArn(arn)));
            }
        }
    }
}
