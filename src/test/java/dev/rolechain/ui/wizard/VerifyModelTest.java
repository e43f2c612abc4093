package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.aws.LiveCheck;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verify's view model without the FX thread: an edit makes the live matrix stale, an answer for an old Setup too. */
class VerifyModelTest {
    private final Services services = new Services();
    private final List<Runnable> pending = new ArrayList<>();
    private final VerifyModel.Aws aws = (state, afterApply) -> new LiveCheck.Result(services.chainCheck().check(state),
            List.of(), "token.actions.githubusercontent.com, audience sts.amazonaws.com", true);

    @Test
    void anEditMakesTheLiveMatrixStale() {
        VerifyModel model = new VerifyModel(aws, new Background(Runnable::run, Runnable::run));
        DesiredState first = services.planner().plan(Examples.load("three-targets"));
        model.setup(first);
        model.verify(false);
        assertThat(model.statusProperty().get()).isEqualTo(ApplyModel.Status.CURRENT);
        assertThat(model.resultProperty().get().ok()).isTrue();
        model.setup(first);
        assertThat(model.statusProperty().get()).as("the same Setup again").isEqualTo(ApplyModel.Status.CURRENT);
        model.setup(services.planner().plan(Examples.load("article")));
        assertThat(model.statusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
    }

    @Test
    void anAnswerForASetupEditedMeanwhileIsStale() {
        VerifyModel model = new VerifyModel(aws, new Background(pending::add, Runnable::run));
        model.setup(services.planner().plan(Examples.load("three-targets")));
        model.verify(true);
        model.setup(services.planner().plan(Examples.load("article")));
        pending.forEach(Runnable::run);
        assertThat(model.resultProperty().get()).isNotNull();
        assertThat(model.statusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
    }
}
