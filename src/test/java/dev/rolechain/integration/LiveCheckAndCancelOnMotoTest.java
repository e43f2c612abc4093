package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.LiveCheck;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live check's rereads right after an apply, and an apply cancelled between two writes. */
class LiveCheckAndCancelOnMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private final Services services = new Services();
    private final DesiredState state = services.planner().plan(Examples.load("three-targets"));

    @BeforeEach
    void config() throws Exception {
        moto.reset();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
    }

    @Test
    void rightAfterAnApplyTheCheckReadsAgainUntilTheWritesShow() throws Exception {
        List<Duration> waits = new ArrayList<>();
        // the writes "land" during the first wait, as IAM's eventual consistency would have it
        LiveCheck check = new LiveCheck(services.livePlanner(), services.chainCheck(), services.evaluator(), d -> {
            waits.add(d);
            if (waits.size() == 1) {
                services.applier().apply(state, (a, r, w, diff) -> false);
            }
        });
        LiveCheck.Result result = check.checkAfterApply(state);
        assertThat(result.ok()).isTrue();
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aProblemThatStaysIsReportedAfterTheBackoff() throws Exception {
        List<Duration> waits = new ArrayList<>();
        LiveCheck check = new LiveCheck(services.livePlanner(), services.chainCheck(), services.evaluator(), waits::add);
        LiveCheck.Result result = check.checkAfterApply(state);
        assertThat(result.ok()).isFalse();
        assertThat(result.provider()).startsWith("MISSING");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(check.check(state).ok()).as("a plain check reads once").isFalse();
    }

    @Test
    void anApplyCancelledBetweenWritesStopsCleanlyAndARerunFinishesIt() {
        AtomicInteger written = new AtomicInteger();
        Applier.Progress cancelAfterThree = new Applier.Progress() {
            @Override
            public void writing(String account, String action, String resource) {
                written.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return written.get() >= 3;
            }
        };
        assertThatThrownBy(() -> services.applier().apply(state, (a, r, w, d) -> false, cancelAfterThree))
                .isInstanceOf(Applier.CancelledException.class).hasMessageContaining("running apply again finishes");
        // writes run up to four at once: those already past their cancel check when the third began still finish, and
        // none starts after (found flaky in CI: 4 written)
        assertThat(written.get()).isBetween(3, 6);
        assertThat(services.livePlanner().plan(state)).extracting(Change::action).contains(Change.Action.CREATE);

        Applier.Result rerun = services.applier().apply(state, (a, r, w, d) -> false);
        assertThat(rerun.writes()).isPositive();
        assertThat(services.livePlanner().plan(state)).extracting(Change::action).containsOnly(Change.Action.NONE);
        assertThat(services.liveCheck().check(state).ok()).isTrue();
    }
}
