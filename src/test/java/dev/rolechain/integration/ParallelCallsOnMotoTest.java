package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.Backups;
import dev.rolechain.aws.Journal;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Apply reads an account's roles and OIDC providers together and writes its roles together (after its providers), as
 * the issue on performance asks: each of the tooling account's calls is held 100 ms in flight, and some of them overlap.
 * The result is the planned state either way, and a second apply writes nothing.
 */
class ParallelCallsOnMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    @Test
    void theToolingAccountsReadsAndWritesOfDifferentRolesAreInFlightTogether(@TempDir Path data) throws Exception {
        moto.reset();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, Integer> most = new ConcurrentHashMap<>();
        java.util.Set<String> together = ConcurrentHashMap.newKeySet();
        Function<String, AccountSession> sessions = profile -> AccountSession.open(profile, List.of(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!profile.equals("acme-tooling")) {
                    return;
                }
                String action = actionOf(context);
                inFlight.forEach((other, count) -> {
                    if (count.get() > 0) {
                        together.add(action + " with " + other);
                    }
                });
                int now = inFlight.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
                most.merge(action, now, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.get(action).decrementAndGet();
            }
        }));
        Services services = new Services();
        Applier applier = new Applier(sessions, new Differ(), services.chainCheck(), new Journal(data.resolve("journal.jsonl")),
                new Backups(data.resolve("backups")));
        DesiredState state = services.planner().plan(Examples.load("three-targets"));

        Applier.Result first = applier.apply(state, (account, role, why, diff) -> false);

        assertThat(first.writes()).isGreaterThan(10);
        // the three OIDC roles of the tooling account: read together, then created together
        assertThat(most.getOrDefault("GetRole", 0)).as("GetRole calls in flight at once, %s", most).isGreaterThan(1);
        assertThat(most.getOrDefault("CreateRole", 0)).as("CreateRole calls in flight at once, %s", most).isGreaterThan(1);
        // the provider is written before any role that trusts it: never in flight with a CreateRole
        assertThat(most).containsKey("CreateOpenIdConnectProvider");
        assertThat(together).contains("GetRole with GetRole").doesNotContain("CreateRole with CreateOpenIdConnectProvider",
                "CreateOpenIdConnectProvider with CreateRole");
        assertThat(applier.apply(state, (account, role, why, diff) -> false).writes()).isZero();
    }

    /** The API action of a request ({@code GetRoleRequest} is GetRole). */
    private static String actionOf(Context.BeforeTransmission context) {
        return context.request().getClass().getSimpleName().replaceFirst("Request$", "");
    }
}
