package dev.rolechain.ui.wizard;

import dev.rolechain.aws.LiveCheck;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.ui.common.Background;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The view model of Verify's live check: its result and where it stands (the statuses of {@link ApplyModel}). An
 * edit makes a shown result stale (the accounts were read for another Setup), and an answer for a Setup that has
 * changed meanwhile is shown as stale, never as current.
 */
final class VerifyModel {
    /** What Verify asks of AWS; {@link LiveAws} in the app. */
    interface Aws {
        LiveCheck.Result verify(DesiredState state, boolean afterApply) throws Exception;
    }

    private final Aws aws;
    private final Background background;
    private final ReadOnlyObjectWrapper<DesiredState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyObjectWrapper<LiveCheck.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<ApplyModel.Status> status = new ReadOnlyObjectWrapper<>(this, "status",
            ApplyModel.Status.NONE);
    private final ReadOnlyObjectWrapper<String> error = new ReadOnlyObjectWrapper<>(this, "error");

    VerifyModel(Aws aws, Background background) {
        this.aws = aws;
        this.background = background;
    }

    /** The Setup changed (null: not valid). */
    void setup(DesiredState now) {
        if (now != state.get() && (status.get() == ApplyModel.Status.CURRENT || status.get() == ApplyModel.Status.RUNNING)) {
            status.set(ApplyModel.Status.STALE);
        }
        state.set(now);
    }

    /** Reads the accounts and checks every chain on what they hold; {@code afterApply} waits for IAM to catch up. */
    void verify(boolean afterApply) {
        DesiredState s = state.get();
        if (s == null) {
            return;
        }
        status.set(ApplyModel.Status.RUNNING);
        error.set(null);
        background.run(() -> aws.verify(s, afterApply), r -> {
            result.set(r);
            status.set(state.get() == s ? ApplyModel.Status.CURRENT : ApplyModel.Status.STALE);
        }, e -> {
            status.set(ApplyModel.Status.NONE);
            error.set(e.getMessage());
        });
    }

    ReadOnlyObjectProperty<LiveCheck.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ApplyModel.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<String> errorProperty() {
        return error.getReadOnlyProperty();
    }
}
