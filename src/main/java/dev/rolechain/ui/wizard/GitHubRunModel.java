package dev.rolechain.ui.wizard;

import dev.rolechain.githubapi.GitHubConnector;
import dev.rolechain.githubapi.GitHubVerification;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Subject;
import dev.rolechain.ui.common.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view model of "Run in GitHub" on the Verify page: where to run (repository, ref, the negative probe), the
 * commands (run, cancel), and as read-only state whether it runs, its progress, the outcome and one row per target
 * and run. No controls: the page binds to it, and it is tested without the FX thread.
 */
final class GitHubRunModel {
    /** One target of one run, as the table shows it. */
    record Row(String run, String target, String expected, String actual, String hop1, String hop2, boolean asExpected) {
    }

    private final GitHubConnector connector;
    private final GitHubSession session;
    private final Background background;
    private final Duration poll;
    private final Duration timeout;
    private final StringProperty repository = new SimpleStringProperty(this, "repository", "");
    private final StringProperty ref = new SimpleStringProperty(this, "ref", "");
    private final BooleanProperty probe = new SimpleBooleanProperty(this, "probe", false);
    /** How long to wait for the run before cancelling it, in seconds, as typed. */
    private final StringProperty timeoutSeconds = new SimpleStringProperty(this, "timeoutSeconds", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> repositories = FXCollections.observableArrayList();
    private Background.Handle task = () -> { };

    GitHubRunModel(GitHubConnector connector, GitHubSession session, Background background, Duration poll, Duration timeout) {
        this.connector = connector;
        this.session = session;
        this.background = background;
        this.poll = poll;
        this.timeout = timeout;
        this.timeoutSeconds.set(Long.toString(timeout.toSeconds()));
    }

    /** The repositories the Setup's subjects name: where the run can be dispatched. */
    void setup(DesiredState state) {
        List<String> names = state == null ? List.of() : state.setup().targets().stream()
                .flatMap(t -> t.subjects().stream()).map(Subject::repository)
                .filter(r -> r != null && !r.equals(Subject.ANY_REPOSITORY)).distinct().toList();
        repositories.setAll(names);
        if (!names.contains(repository.get())) {
            repository.set(names.isEmpty() ? "" : names.get(0));
        }
    }

    /** Dispatches the verification workflow (and the probe when asked) and follows it; call on the FX thread. */
    void run(DesiredState state) {
        if (running.get() || state == null || repository.get().isBlank()) {
            return;
        }
        running.set(true);
        failed.set(false);
        outcome.set("");
        rows.clear();
        String repo = repository.get().strip();
        String on = ref.get().strip();
        boolean withProbe = probe.get();
        String token = session.token();
        Duration wait = timeoutSeconds.get().strip().matches("\\d{1,6}") && Long.parseLong(timeoutSeconds.get().strip()) > 0
                ? Duration.ofSeconds(Long.parseLong(timeoutSeconds.get().strip())) : timeout;
        task = background.<List<GitHubVerification.Result>>task(context -> {
            var api = connector.connect(state.setup().github().serverHost(), token);
            var verification = new GitHubVerification(api, poll, Duration.ofSeconds(60));
            String branch = on.isEmpty() ? api.defaultBranch(state.owner(), repo) : on;
            List<GitHubVerification.Result> results = new ArrayList<>();
            results.add(verification.run(state, repo, branch, null, wait, context::progress, context::cancelled));
            if (withProbe) {
                results.add(verification.probe(state, repo, null, wait, context::progress, context::cancelled));
            }
            return results;
        }).onProgress(progress::set).onSuccess(results -> {
            for (GitHubVerification.Result r : results) {
                for (GitHubVerification.TargetResult t : r.targets()) {
                    rows.add(new Row((r.probe() ? "probe " : "") + r.ref() + " #" + r.run().id(), t.target(),
                            t.expectedAllow() ? "allow" : "deny", actual(t), hop(t, 1), hop(t, 2), t.asExpected()));
                }
            }
            boolean ok = results.stream().allMatch(GitHubVerification.Result::asExpected);
            failed.set(!ok);
            outcome.set(ok ? "Every target is as the Setup expects, in " + repo + " on " + results.get(0).ref()
                    + (withProbe ? " and on the probe's scratch branch" : "") + "."
                    : "Not as the Setup expects: see the rows marked ✘ (" + results.get(0).run().htmlUrl() + ").");
        }).onError(Exception.class, error -> {
            failed.set(true);
            outcome.set(error.getMessage());
        }).andFinally(() -> {
            running.set(false);
            progress.set("");
        }).start();
    }

    void cancel() {
        task.cancel();
    }

    private static String actual(GitHubVerification.TargetResult t) {
        return !t.ran() ? "not run" : t.allowed() ? "allow" : "deny at hop " + t.deniedAt();
    }

    private static String hop(GitHubVerification.TargetResult t, int hop) {
        return t.hops().stream().filter(h -> h.hop() == hop).findFirst().map(h -> h.result()
                + (h.code() != null ? " (" + h.code() + ")" : "")).orElse("");
    }

    StringProperty repositoryProperty() {
        return repository;
    }

    StringProperty refProperty() {
        return ref;
    }

    StringProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    BooleanProperty probeProperty() {
        return probe;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    ObservableList<Row> rows() {
        return rows;
    }

    ObservableList<String> repositories() {
        return repositories;
    }
}
