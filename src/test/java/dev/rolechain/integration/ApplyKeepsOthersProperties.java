package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.Backups;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.LiveRole;
import dev.rolechain.aws.Restorer;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.plan.Planner;
import dev.rolechain.plan.RoleMerge;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ForeignState;
import dev.rolechain.testsupport.IamState;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Against moto, from random accounts where other teams' roles already exist (some with the names the
 * Setup uses): apply --yes keeps every element of others unchanged, restore returns every role it
 * changed to exactly its earlier state, and restore --remove-created returns the accounts to exactly
 * what they were, the roles and provider apply created included.
 */
class ApplyKeepsOthersProperties {
    private static MotoServer moto;
    private static final Map<String, IamClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final DesiredState STATE = new Planner().plan(Examples.load("three-targets"));
    private static final String TEAM_ROLE = "team-role";

    @BeforeContainer
    static void start() throws Exception {
        moto = MotoServer.start();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
    }

    private static IamClient iam(String account) {
        return CLIENTS.computeIfAbsent(account, moto::iam);
    }

    @AfterContainer
    static void stop() {
        CLIENTS.values().forEach(IamClient::close);
        if (moto != null) {
            moto.close();
        }
    }

    /** What the accounts hold before apply: per account, the roles other teams have, and maybe the provider. */
    record Before(Map<String, List<ForeignState>> roles, boolean provider, boolean providerTagged) {
    }

    @Provide
    Arbitrary<Before> accounts() {
        List<Arbitrary<Optional<ForeignState>>> parts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (var account : STATE.accounts()) {
            for (Role role : account.roles()) {
                parts.add(ForeignState.roles(role.name()).optional(0.6));
                keys.add(account.accountId());
            }
            parts.add(ForeignState.roles(TEAM_ROLE).optional(0.5));
            keys.add(account.accountId());
        }
        Arbitrary<List<Optional<ForeignState>>> all = Combinators.combine(parts).as(List::copyOf);
        return Combinators.combine(all, Arbitraries.of(true, false), Arbitraries.of(true, false)).as((list, p, t) -> {
            Map<String, List<ForeignState>> byAccount = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                int at = i;
                byAccount.computeIfAbsent(keys.get(i), k -> new ArrayList<>());
                list.get(i).ifPresent(r -> byAccount.get(keys.get(at)).add(r));
            }
            return new Before(byAccount, p, t);
        });
    }

    @Property(tries = 40)
    void applyKeepsEveryElementOfOthersAndRestoreReturnsTheAccountsExactly(@ForAll("accounts") Before before)
            throws Exception {
        Map<String, List<String>> names = names();
        IamState.clear(ApplyKeepsOthersProperties::iam, names);
        seed(before);
        IamState was = IamState.read(ApplyKeepsOthersProperties::iam, names);
        Path data = Files.createTempDirectory("rolechain-data");
        Journal journal = new Journal(data.resolve("journal.jsonl"));
        Backups backups = new Backups(data.resolve("backups"));
        Applier applier = new Applier(AccountSession::open, new Differ(), new ChainCheck(new PolicyEvaluator()), journal,
                backups);

        Applier.Result result = applier.apply(STATE, (a, r, why, diff) -> true);
        assertThat(result.skipped()).isEmpty();
        IamState applied = IamState.read(ApplyKeepsOthersProperties::iam, names);
        for (var account : STATE.accounts()) {
            for (Role planned : account.roles()) {
                Optional<LiveRole> old = was.role(account.accountId(), planned.name());
                LiveRole now = applied.role(account.accountId(), planned.name()).orElseThrow();
                old.ifPresent(o -> assertKept(planned, seeded(before, account.accountId(), planned.name()), o, now));
            }
            assertThat(applied.role(account.accountId(), TEAM_ROLE)).isEqualTo(was.role(account.accountId(), TEAM_ROLE));
        }
        assertThat(applier.apply(STATE, (a, r, why, diff) -> true).writes()).as("a second apply writes nothing").isZero();

        Restorer restorer = new Restorer(AccountSession::open, journal, backups);
        Path folder = result.backupFolder();
        assertThat(folder).isNotNull();
        Restorer.Result kept = restorer.restore(folder, false, created -> true);
        assertThat(kept.problems()).isEmpty();
        IamState restored = IamState.read(ApplyKeepsOthersProperties::iam, names);
        for (Map.Entry<String, Optional<LiveRole>> role : was.roles().entrySet()) {
            if (role.getValue().isPresent() || role.getKey().endsWith("/" + TEAM_ROLE)) {
                assertThat(restored.roles().get(role.getKey())).as(role.getKey()).isEqualTo(role.getValue());
            } else {
                assertThat(restored.roles().get(role.getKey())).as(role.getKey() + " (created by apply, kept)").isPresent();
            }
        }
        Restorer.Result removed = restorer.restore(folder, true, created -> true);
        assertThat(removed.problems()).isEmpty();
        assertThat(IamState.read(ApplyKeepsOthersProperties::iam, names)).isEqualTo(was);
    }

    /** Every element of others is unchanged; Rolechain's part is as planned. */
    private static void assertKept(Role planned, ForeignState seed, LiveRole old, LiveRole now) {
        String trust = now.trustJson();
        int from = 0;
        for (String statement : seed.foreignStatements()) {
            int at = trust.indexOf(statement, from);
            assertThat(at).as("statement kept byte for byte, in order: %s%nin %s", statement, trust).isGreaterThanOrEqualTo(0);
            from = at + statement.length();
        }
        assertThat(trust).doesNotContain("gha-oidc-old");
        Role o = old.role();
        Role n = now.role();
        assertThat(n.trustPolicy().statements()).hasSize(seed.foreignStatements().size()
                + planned.trustPolicy().statements().size());
        assertThat(n.trustPolicy().statements()).containsAll(planned.trustPolicy().statements());
        old.inlineJson().forEach((name, text) -> {
            if (!planned.inlinePolicies().containsKey(name)) {
                assertThat(now.inlineJson().get(name)).as("inline policy %s", name).isEqualTo(text);
            }
        });
        assertThat(n.managedPolicyArns()).containsAll(o.managedPolicyArns()).containsAll(planned.managedPolicyArns());
        assertThat(n.path()).isEqualTo(o.path());
        boolean managed = RoleMerge.managed(o);
        if (managed) {
            o.tags().forEach((k, v) -> assertThat(n.tags()).containsEntry(k, planned.tags().getOrDefault(k, v)));
        } else {
            assertThat(n.tags()).as("tags of a role Rolechain did not create").isEqualTo(o.tags());
            assertThat(n.description()).isEqualTo(o.description());
            assertThat(n.maxSessionDuration()).isGreaterThanOrEqualTo(o.maxSessionDuration());
        }
        assertThat(n.permissionsBoundaryArn()).isEqualTo(planned.permissionsBoundaryArn() != null
                ? planned.permissionsBoundaryArn() : o.permissionsBoundaryArn());
    }

    private static ForeignState seeded(Before before, String account, String name) {
        return before.roles().get(account).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, List<String>> names() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (var account : STATE.accounts()) {
            List<String> list = new ArrayList<>(account.roles().stream().map(Role::name).toList());
            list.add(TEAM_ROLE);
            names.put(account.accountId(), list);
        }
        return names;
    }

    private static void seed(Before before) {
        before.roles().forEach((account, roles) -> {
            IamClient iam = iam(account);
            roles.forEach(r -> r.create(iam));
            if (account.equals(STATE.toolingAccountId()) && before.provider()) {
                iam.createOpenIDConnectProvider(r -> r.url("https://token.actions.githubusercontent.com")
                        .clientIDList("sts.amazonaws.com", "another-audience")
                        .thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1")
                        .tags(before.providerTagged()
                                ? List.of(software.amazon.awssdk.services.iam.model.Tag.builder().key("team")
                                        .value("identity").build())
                                : List.of()));
            }
        });
    }
}
