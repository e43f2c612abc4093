package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.FaultProxy;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

/** apply through a proxy that throttles, fails, resets and stops calls: it ends complete or clearly failed, and a re-run completes it. */
class ApplyFaultsTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private static FaultProxy proxy;
    private final Services services = new Services();
    private final DesiredState state = services.planner().plan(Examples.load("three-targets"));

    @BeforeAll
    static void start() throws Exception {
        proxy = new FaultProxy(moto.endpoint());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
        proxy.clear();
        String config = moto.sharedConfig(Examples.THREE_TARGET_PROFILES);
        TestHome.awsConfig(config.replace(moto.endpoint(), proxy.endpoint()));
    }

    @Test
    void throttlingServerErrorsAndResetsAreRetriedAndTheApplyCompletes() {
        proxy.fail("CreateRole", FaultProxy.Fault.THROTTLE, 2);
        proxy.fail("PutRolePolicy", FaultProxy.Fault.SERVER_ERROR, 1);
        proxy.fail("AttachRolePolicy", FaultProxy.Fault.RESET, 1);
        Applier.Result result = services.applier().apply(state, (a, r, why, diff) -> false);
        assertThat(proxy.failed()).contains("CreateRole THROTTLE", "PutRolePolicy SERVER_ERROR", "AttachRolePolicy RESET");
        assertThat(result.skipped()).isEmpty();
        assertPlannedState();
    }

    @Test
    void aRunStoppedBetweenTwoWritesIsCompletedByARerun() {
        proxy.fail("PutRolePolicy", FaultProxy.Fault.FATAL, 1);
        assertThatThrownBy(() -> services.applier().apply(state, (a, r, why, diff) -> false))
                .hasMessageContaining("injected");
        // Whatever was written is whole: every role that exists has its complete planned trust.
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                for (Role role : planned.roles()) {
                    new IamAccountReader(iam).role(role.name()).ifPresent(live -> assertThat(live.trustPolicy().normalized())
                            .isEqualTo(role.trustPolicy().normalized()));
                }
            }
        }
        proxy.clear();
        Applier.Result rerun = services.applier().apply(state, (a, r, why, diff) -> false);
        assertThat(rerun.writes()).isPositive();
        assertPlannedState();
        assertThat(services.applier().apply(state, (a, r, why, diff) -> false).writes()).isZero();
    }

    @Test
    void aProcessKilledBetweenTwoWritesLeavesEveryTrustWholeAndARerunCompletesIt() throws Exception {
        proxy.fail("PutRolePolicy", FaultProxy.Fault.HANG, 1);
        Process apply = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rolechain.Launcher", "apply", "--setup",
                Examples.path("three-targets").toString(), "--yes")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        apply.getOutputStream().close();
        try {
            assertThat(proxy.awaitHang(120)).as("the apply reached a write").isTrue();
        } finally {
            apply.destroyForcibly();
            apply.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            proxy.releaseHung();
        }
        assertThat(apply.isAlive()).isFalse();
        int rolesThere = 0;
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                for (Role role : planned.roles()) {
                    var live = new IamAccountReader(iam).role(role.name());
                    if (live.isPresent()) {
                        rolesThere++;
                        assertThat(live.get().trustPolicy().normalized()).isEqualTo(role.trustPolicy().normalized());
                    }
                }
            }
        }
        assertThat(rolesThere).as("the kill came after some writes").isPositive();
        proxy.clear();
        Applier.Result rerun = services.applier().apply(state, (a, r, why, diff) -> false);
        assertThat(rerun.writes()).isPositive();
        assertPlannedState();
        assertThat(services.applier().apply(state, (a, r, why, diff) -> false).writes()).isZero();
    }

    private void assertPlannedState() {
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                IamAccount read = new IamAccountReader(iam).read(planned.accountId(),
                        planned.roles().stream().map(Role::name).toList());
                assertThat(read.normalized()).as("account %s", planned.accountId()).isEqualTo(planned.normalized());
            }
        }
    }
}
