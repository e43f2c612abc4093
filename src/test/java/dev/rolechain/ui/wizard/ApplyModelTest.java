package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Target;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Apply's view model without the FX thread: an edit makes exactly what depends on it stale. */
class ApplyModelTest {
    private final Services services = new Services();
    private final List<String> calls = new ArrayList<>();
    /** Work the test runs when it chooses (so that an edit can happen while an answer is on its way). */
    private final List<Runnable> pending = new ArrayList<>();
    private final Executor later = pending::add;

    private final ApplyModel.Aws aws = new ApplyModel.Aws() {
        @Override
        public List<LiveAws.ProfileStatus> profiles(DesiredState state) {
            calls.add("profiles");
            return state.accounts().stream().map(a -> new LiveAws.ProfileStatus(a.accountId(), state.profileFor(a.accountId()),
                    true, "reaches " + a.accountId(), false)).toList();
        }

        @Override
        public LivePlanner.Review plan(DesiredState state) {
            calls.add("plan");
            return new LivePlanner.Review(List.of(new Change(state.toolingAccountId(), "role/x", Change.Action.CREATE, null)),
                    List.of());
        }
    };

    private DesiredState plan(Setup setup) {
        return services.planner().plan(setup);
    }

    private static Setup withProfile(Setup s, int target, String profile) {
        List<Target> targets = new ArrayList<>(s.targets());
        Target t = targets.get(target);
        targets.set(target, new Target(t.name(), t.accountId(), profile, t.roleName(), t.externalId(), t.production(),
                t.subjects(), t.managedPolicyArns(), t.inlinePolicies(), t.maxSessionSeconds(), t.permissionsBoundaryArn(),
                t.acceptRisk()));
        return new Setup(s.github(), s.tooling(), targets, s.workflow(), s.quotas());
    }

    private static Setup withExternalId(Setup s, String externalId) {
        List<Target> targets = new ArrayList<>(s.targets());
        Target t = targets.get(0);
        targets.set(0, new Target(t.name(), t.accountId(), t.profile(), t.roleName(), externalId, t.production(),
                t.subjects(), t.managedPolicyArns(), t.inlinePolicies(), t.maxSessionSeconds(), t.permissionsBoundaryArn(),
                t.acceptRisk()));
        return new Setup(s.github(), s.tooling(), targets, s.workflow(), s.quotas());
    }

    @Test
    void anEditToAProfileMakesTheProfileCheckStaleAndAnyEditThePlan() {
        ApplyModel model = new ApplyModel(aws, new Background(Runnable::run, Runnable::run));
        Setup setup = Examples.load("three-targets");
        model.setup(plan(setup));
        model.checkProfiles();
        model.plan();
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.CURRENT);
        assertThat(model.profilesOkProperty().get()).isTrue();
        assertThat(model.planStatusProperty().get()).isEqualTo(ApplyModel.Status.CURRENT);

        // an edit that names the same accounts and profiles: the check still holds, the plan does not
        model.setup(plan(withExternalId(setup, "acme-dev-another-5b1e7c")));
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.CURRENT);
        assertThat(model.planStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);

        // another profile for an account: the ✔ no longer holds
        model.setup(plan(withProfile(setup, 0, "someone-else")));
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
        assertThat(model.profiles()).isEmpty();
        assertThat(model.profilesOkProperty().get()).isFalse();

        // a Setup that is not valid: both stale
        model.checkProfiles();
        model.plan();
        model.setup(null);
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
        assertThat(model.planStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
    }

    @Test
    void anAnswerForASetupThatChangedMeanwhileDoesNotShowAsCurrent() {
        ApplyModel model = new ApplyModel(aws, new Background(later, Runnable::run));
        Setup setup = Examples.load("three-targets");
        model.setup(plan(setup));
        model.checkProfiles();
        model.plan();
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.RUNNING);
        model.setup(plan(withProfile(setup, 1, "moved")));
        pending.forEach(Runnable::run);
        assertThat(model.profiles()).as("the check was of other profiles").isEmpty();
        assertThat(model.profilesStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
        assertThat(model.planStatusProperty().get()).isEqualTo(ApplyModel.Status.STALE);
        assertThat(model.changes()).as("kept for reading, marked stale").hasSize(1);
    }

    @Test
    void aFinishedApplyPlansAgain() {
        ApplyModel model = new ApplyModel(aws, new Background(Runnable::run, Runnable::run));
        model.setup(plan(Examples.load("three-targets")));
        model.plan();
        calls.clear();
        model.applied();
        assertThat(calls).containsExactly("plan");
        assertThat(model.planStatusProperty().get()).isEqualTo(ApplyModel.Status.CURRENT);
    }
}
