package dev.rolechain.ui.wizard;

import dev.rolechain.aws.LivePlanner;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.ui.common.Background;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view model of Apply's profile check and plan: their results as read-only state, whether each is stale,
 * and the commands. It knows what an edit invalidates: a Setup that names other accounts or profiles makes the
 * profile check stale (its ✔ no longer holds), any edit makes the plan stale, and an answer that arrives for a
 * Setup that has changed meanwhile is dropped. No controls: Apply binds to it, and plain JUnit tests drive it.
 */
final class ApplyModel {
    /** What Apply asks of AWS; {@link LiveAws} in the app, a stand-in in tests. */
    interface Aws {
        List<LiveAws.ProfileStatus> profiles(DesiredState state) throws Exception;

        LivePlanner.Review plan(DesiredState state) throws Exception;
    }

    /** Where a result stands: not asked for yet, being read, read for the current Setup, or of an earlier Setup. */
    enum Status { NONE, RUNNING, CURRENT, STALE }

    private final Aws aws;
    private final Background background;
    private final ReadOnlyObjectWrapper<DesiredState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ObservableList<LiveAws.ProfileStatus> profiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Status> profilesStatus = new ReadOnlyObjectWrapper<>(this, "profilesStatus", Status.NONE);
    private final ReadOnlyObjectWrapper<String> profilesError = new ReadOnlyObjectWrapper<>(this, "profilesError");
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Status> planStatus = new ReadOnlyObjectWrapper<>(this, "planStatus", Status.NONE);
    private final ReadOnlyObjectWrapper<String> planError = new ReadOnlyObjectWrapper<>(this, "planError");
    private final ReadOnlyBooleanWrapper profilesOk = new ReadOnlyBooleanWrapper(this, "profilesOk");
    private Map<String, String> checked;
    private DesiredState planned;

    ApplyModel(Aws aws, Background background) {
        this.aws = aws;
        this.background = background;
    }

    /** The Setup changed (null: not valid): what no longer holds becomes stale. Call on the FX thread. */
    void setup(DesiredState now) {
        state.set(now);
        if (planStatus.get() == Status.CURRENT || planStatus.get() == Status.RUNNING) {
            planStatus.set(Status.STALE);
        }
        if (checked != null && (now == null || !checked.equals(accounts(now)))) {
            profilesStatus.set(Status.STALE);
            profiles.clear();
            profilesOk.set(false);
        }
    }

    /** Checks each account's profile; the answer counts only if the Setup still names the same accounts and profiles. */
    void checkProfiles() {
        DesiredState s = state.get();
        if (s == null) {
            return;
        }
        Map<String, String> asking = accounts(s);
        profilesStatus.set(Status.RUNNING);
        profilesError.set(null);
        background.run(() -> aws.profiles(s), statuses -> {
            if (state.get() == null || !asking.equals(accounts(state.get()))) {
                profilesStatus.set(Status.STALE); // of accounts or profiles the Setup no longer names
                return;
            }
            checked = asking;
            profiles.setAll(statuses);
            profilesOk.set(statuses.stream().allMatch(LiveAws.ProfileStatus::ok));
            profilesStatus.set(Status.CURRENT);
        }, e -> {
            profilesStatus.set(Status.NONE);
            profilesError.set(e.getMessage());
        });
    }

    /** Reads the accounts and lists the changes; an answer for an edited Setup is kept but marked stale. */
    void plan() {
        DesiredState s = state.get();
        if (s == null) {
            return;
        }
        planStatus.set(Status.RUNNING);
        planError.set(null);
        background.run(() -> aws.plan(s), review -> {
            planned = s;
            changes.setAll(review.changes());
            findings.setAll(review.findings());
            planStatus.set(state.get() == s ? Status.CURRENT : Status.STALE);
        }, e -> {
            planStatus.set(Status.NONE);
            planError.set(e.getMessage());
        });
    }

    /** An apply finished: the plan was of the accounts before it, so they are read again. */
    void applied() {
        plan();
    }

    /** The state the changes were planned for (what their documents are). */
    DesiredState planned() {
        return planned;
    }

    private static Map<String, String> accounts(DesiredState s) {
        Map<String, String> m = new LinkedHashMap<>();
        s.liveAccounts().forEach(a -> m.put(a.accountId(), String.valueOf(s.profileFor(a.accountId()))));
        return m;
    }

    ReadOnlyObjectProperty<DesiredState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ObservableList<LiveAws.ProfileStatus> profiles() {
        return profiles;
    }

    ReadOnlyObjectProperty<Status> profilesStatusProperty() {
        return profilesStatus.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<String> profilesErrorProperty() {
        return profilesError.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty profilesOkProperty() {
        return profilesOk.getReadOnlyProperty();
    }

    ObservableList<Change> changes() {
        return changes;
    }

    ObservableList<String> findings() {
        return findings;
    }

    ReadOnlyObjectProperty<Status> planStatusProperty() {
        return planStatus.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<String> planErrorProperty() {
        return planError.getReadOnlyProperty();
    }
}
