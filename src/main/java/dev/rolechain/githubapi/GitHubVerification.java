package dev.rolechain.githubapi;

import dev.rolechain.chain.ChainCheck;
import dev.rolechain.github.Identities;
import dev.rolechain.github.SubjectPattern;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.Subject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Verifies the chain for real: dispatches the verification workflow in a repository on a ref through GitHub's
 * API, follows the run until it ends (reporting progress, with a timeout and cancel), reads its logs and compares
 * what GitHub and AWS did at each hop with what the Setup expects for that repository and ref. Optionally a
 * negative probe: the same on a scratch branch Rolechain creates (and deletes afterwards), which production must
 * refuse.
 */
public final class GitHubVerification {
    private final GitHubApi api;
    private final Duration poll;
    private final Duration queuedWarning;

    public GitHubVerification(GitHubApi api, Duration poll, Duration queuedWarning) {
        this.api = api;
        this.poll = poll;
        this.queuedWarning = queuedWarning;
    }

    /** A verification failed to run (not: it ran and a hop was denied). */
    public static final class VerificationException extends IOException {
        private final String kind;

        public VerificationException(String kind, String message) {
            super(message);
            this.kind = kind;
        }

        /** {@code missing-workflow}, {@code permission}, {@code timeout}, {@code cancelled}, or {@code github}. */
        public String kind() {
            return kind;
        }
    }

    /** One target: what the Setup expects for the run's repository and ref, and what each hop did. */
    public record TargetResult(String target, boolean expectedAllow, List<HopLog.Hop> hops) {
        /** Whether both hops succeeded. */
        public boolean allowed() {
            return hops.size() >= 2 && hops.stream().allMatch(HopLog.Hop::succeeded);
        }

        /** The hop that failed first (1 or 2), or 0. */
        public int deniedAt() {
            return hops.stream().filter(h -> "failure".equals(h.result())).mapToInt(HopLog.Hop::hop).min().orElse(0);
        }

        public boolean ran() {
            return !hops.isEmpty();
        }

        /**
         * Allowed as expected, or refused as expected: at a hop, or by GitHub before the hops (a job that did not
         * run, as an environment's deployment branches refuse it).
         */
        public boolean asExpected() {
            return expectedAllow ? ran() && allowed() : !allowed();
        }
    }

    /** One run: where, on which ref, GitHub's run, and each target's result. */
    public record Result(String repository, String ref, boolean probe, GitHubApi.Run run, List<TargetResult> targets) {
        public boolean asExpected() {
            return targets.stream().allMatch(TargetResult::asExpected);
        }
    }

    /** Progress: a sentence for the user. */
    public interface Progress extends Consumer<String> {
    }

    /**
     * Runs the verification workflow in {@code repository} on {@code ref} for {@code target} (null: every target)
     * and waits for it up to {@code timeout}; {@code cancelled} is polled, and a cancelled or timed-out run is
     * cancelled in GitHub too.
     */
    public Result run(DesiredState state, String repository, String ref, String target, Duration timeout, Progress progress,
            BooleanSupplier cancelled) throws IOException, InterruptedException {
        return run(state, repository, ref, target, timeout, progress, cancelled, false);
    }

    /**
     * The negative probe: a scratch branch from the default branch (created here and deleted afterwards), on
     * which the production targets must be refused.
     */
    public Result probe(DesiredState state, String repository, String target, Duration timeout, Progress progress,
            BooleanSupplier cancelled) throws IOException, InterruptedException {
        String owner = state.owner();
        String branch = "rolechain-verify-probe-" + Long.toString(System.currentTimeMillis(), 36);
        String from = api.defaultBranch(owner, repository);
        progress.accept("creating the scratch branch " + branch + " from " + from);
        api.createBranch(owner, repository, branch, from);
        try {
            return run(state, repository, branch, target, timeout, progress, cancelled, true);
        } finally {
            progress.accept("deleting the scratch branch " + branch);
            api.deleteBranch(owner, repository, branch);
        }
    }

    private Result run(DesiredState state, String repository, String ref, String target, Duration timeout,
            Progress progress, BooleanSupplier cancelled, boolean probe) throws IOException, InterruptedException {
        String owner = state.owner();
        GitHubApi.Workflow workflow;
        try {
            workflow = api.workflow(owner, repository, Renderer.VERIFY_WORKFLOW);
        } catch (GitHubApi.GitHubException e) {
            if (e.status() == 404) {
                throw new VerificationException("missing-workflow", Renderer.VERIFY_WORKFLOW + " is not on the default branch "
                        + "of " + owner + "/" + repository + ": GitHub dispatches only workflows that are there. Export with "
                        + "--verify-workflow (or tick it on the Export page), commit the file to the default branch, and "
                        + "run again.");
            }
            throw e;
        }
        if (!"active".equals(workflow.state())) {
            throw new VerificationException("missing-workflow", "the workflow " + workflow.path() + " of " + owner + "/"
                    + repository + " is " + workflow.state().replace('_', ' ') + "; enable it in the repository's Actions tab");
        }
        Set<Long> before = new HashSet<>();
        api.dispatchedRuns(owner, repository, workflow.id()).forEach(r -> before.add(r.id()));
        progress.accept("dispatching " + workflow.path() + " on " + ref + " in " + owner + "/" + repository);
        Long runId;
        try {
            runId = api.dispatch(owner, repository, workflow.id(), ref, Map.of("target", target == null ? "" : target));
        } catch (GitHubApi.GitHubException e) {
            if (e.status() == 403) {
                throw new VerificationException("permission", e.getMessage());
            }
            throw e;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        GitHubApi.Run run = null;
        boolean warned = false;
        // ask often at first (a short job is done in seconds), then every poll
        long wait = Math.min(poll.toMillis(), 500);
        while (true) {
            if (cancelled.getAsBoolean() || System.nanoTime() > deadline) {
                boolean timedOut = !cancelled.getAsBoolean();
                if (run != null || runId != null) {
                    api.cancel(owner, repository, run != null ? run.id() : runId);
                }
                throw new VerificationException(timedOut ? "timeout" : "cancelled", (timedOut ? "the run did not finish within "
                        + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s") : "cancelled") + (run == null ? " (GitHub had not started it)"
                        : "; GitHub was asked to cancel run " + run.id() + " (" + run.htmlUrl() + ")"));
            }
            if (runId == null) {
                Optional<GitHubApi.Run> found = api.dispatchedRuns(owner, repository, workflow.id()).stream()
                        .filter(r -> !before.contains(r.id())).findFirst();
                if (found.isPresent()) {
                    runId = found.get().id();
                }
            }
            if (runId != null) {
                run = api.run(owner, repository, runId);
                if (run.completed()) {
                    break;
                }
                long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                if (("queued".equals(run.status()) || "pending".equals(run.status())) && !warned
                        && Duration.ofNanos(System.nanoTime() - started).compareTo(queuedWarning) > 0) {
                    warned = true;
                    progress.accept("run " + run.id() + " is still queued after " + waited + " s: no runner has picked it "
                            + "up yet (busy or offline runners, or the organization's Actions limits)");
                } else if ("waiting".equals(run.status())) {
                    progress.accept("run " + run.id() + " is waiting for a reviewer: the job uses a protected environment "
                            + "(" + run.htmlUrl() + ")");
                } else {
                    progress.accept("run " + run.id() + " is " + run.status().replace('_', ' ') + " (" + waited + " s)");
                }
            } else {
                progress.accept("waiting for GitHub to start the run");
            }
            Thread.sleep(wait);
            wait = Math.min(wait * 2, poll.toMillis());
        }
        progress.accept("run " + run.id() + " " + run.conclusion() + "; reading its logs");
        List<HopLog.Hop> hops = HopLog.parse(api.runLogs(owner, repository, run.id()));
        List<TargetResult> results = new ArrayList<>();
        for (Chain chain : state.chains()) {
            String name = chain.target().name();
            if (target != null && !target.equals(name)) {
                continue;
            }
            results.add(new TargetResult(name, expected(state, chain, repository, ref),
                    hops.stream().filter(h -> h.target().equals(name)).toList()));
        }
        return new Result(repository, ref, probe, run, results);
    }

    /**
     * Whether the Setup means the run (the repository, on the ref, in the job's environment when the target's
     * subjects are all environments) to reach the target. For an environment the trust admits any branch, so the
     * Setup's deployment branches for it ({@code github.environments}) decide, as GitHub enforces them.
     */
    static boolean expected(DesiredState state, Chain chain, String repository, String ref) {
        Identities ids = state.identities();
        List<Subject> subjects = chain.target().subjects();
        boolean environmentsOnly = subjects.stream().allMatch(s -> s.kind() instanceof Subject.Environment);
        SubjectPattern.Kind kind;
        String value;
        if (environmentsOnly) {
            kind = SubjectPattern.Kind.ENVIRONMENT;
            value = ((Subject.Environment) subjects.get(0).kind()).name();
        } else if (ref.startsWith("refs/tags/")) {
            kind = SubjectPattern.Kind.TAG;
            value = ref.substring("refs/tags/".length());
        } else {
            kind = SubjectPattern.Kind.BRANCH;
            value = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        }
        boolean immutable = ids.formOf(repository).admitsIds() && ids.ownerId() != null && ids.idOf(repository) != null
                && !ids.formOf(repository).admitsNames();
        TokenClaims token = new TokenClaims(state.issuer(), state.audience(), ids.owner(), repository, kind, value,
                ids.ownerId(), ids.idOf(repository), immutable, ids.templateOf(repository));
        boolean intended = ChainCheck.intended(ids, chain.grants(), token);
        if (intended && environmentsOnly) {
            dev.rolechain.setup.GitHub.Environment protection = state.setup().github().environments().get(value);
            String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
            if (protection != null && !protection.branches().isEmpty()) {
                return !ref.startsWith("refs/tags/") && protection.branches().stream()
                        .anyMatch(p -> dev.rolechain.github.PushFilter.matches(p, branch));
            }
        }
        return intended;
    }
}
