package dev.rolechain.githubapi;

import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.Setup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the protection of the environments production deploys from up to what the Setup names
 * ({@code github.environments}), through GitHub's API: it plans first (what each environment has, what it will
 * have), and only adds: reviewers are kept and joined, self-review prevention and the wait timer only get
 * stricter, branch patterns are added to the ones there. Nothing is removed or deleted.
 */
public final class EnvironmentProtection {
    private final GitHubApi api;

    public EnvironmentProtection(GitHubApi api) {
        this.api = api;
    }

    /** What one environment of one repository needs: the request to make and a readable diff. */
    public record Change(String repository, String environment, boolean exists, List<String> diff,
            List<GitHubApi.Reviewer> reviewers, boolean preventSelfReview, int waitMinutes, Boolean customBranchPolicies,
            List<String> addBranches, List<String> notes) {
        /** Whether the environment already has everything the Setup names. */
        public boolean empty() {
            return diff.isEmpty();
        }
    }

    /** What an existing environment lacks of the protection the Setup names, one sentence each. */
    static List<String> shortfalls(String where, GitHub.Environment wanted, GitHubApi.Environment actual,
            List<String> branches) {
        List<String> problems = new ArrayList<>();
        List<String> missing = missingReviewers(wanted, actual);
        if (!missing.isEmpty()) {
            problems.add(where + " lacks the reviewers " + missing + " the Setup names");
        }
        if (wanted.preventSelfReview() && !actual.preventSelfReview()) {
            problems.add(where + " lets the one who started a run approve it; the Setup prevents self-review");
        }
        if (actual.waitMinutes() < wanted.waitMinutes()) {
            problems.add(where + " waits " + actual.waitMinutes() + " minutes; the Setup asks for " + wanted.waitMinutes());
        }
        if (!wanted.branches().isEmpty() && "protected branches".equals(actual.deploymentBranchPolicy())) {
            problems.add(where + " lets protected branches deploy; the Setup names the branches " + wanted.branches());
        } else if (actual.customBranchPolicies()) {
            List<String> absent = wanted.branches().stream().filter(b -> !branches.contains(b)).toList();
            if (!absent.isEmpty()) {
                problems.add(where + " lacks the deployment branches " + absent + " the Setup names");
            }
        }
        return problems;
    }

    private static List<String> missingReviewers(GitHub.Environment wanted, GitHubApi.Environment actual) {
        List<String> have = actual.reviewers().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
        return wanted.reviewers().stream().filter(r -> !have.contains(name(r).toLowerCase(Locale.ROOT))).toList();
    }

    /** A Setup reviewer's GitHub name: a login, or a team's slug. */
    private static String name(String reviewer) {
        return reviewer.substring(reviewer.indexOf('/') + 1);
    }

    /** Reads every protected environment and plans what it needs. */
    public List<Change> plan(Setup setup) throws IOException, InterruptedException {
        String owner = setup.github().owner();
        Map<String, List<GitHubApi.Environment>> byRepository = new LinkedHashMap<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> pair : setup.protectedEnvironments()) {
            String repository = pair.getKey();
            GitHub.Environment wanted = setup.github().environments().get(pair.getValue());
            List<GitHubApi.Environment> existing = byRepository.get(repository);
            if (existing == null) {
                existing = api.environments(owner, repository);
                byRepository.put(repository, existing);
            }
            Optional<GitHubApi.Environment> found = existing.stream()
                    .filter(e -> e.name().equalsIgnoreCase(pair.getValue())).findFirst();
            GitHubApi.Environment actual = found.orElse(new GitHubApi.Environment(pair.getValue(), List.of(), false, 0, null));
            List<String> branches = actual.customBranchPolicies()
                    ? api.branchPolicies(owner, repository, actual.name()) : List.of();
            List<String> diff = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (found.isEmpty()) {
                diff.add("+ create the environment (GitHub would create it unprotected the first time a job names it)");
            }
            List<GitHubApi.Reviewer> reviewers = new ArrayList<>(actual.reviewers());
            for (String r : missingReviewers(wanted, actual)) {
                boolean team = r.contains("/");
                String key = (team ? "team:" : "user:") + r.toLowerCase(Locale.ROOT);
                Long id = ids.get(key);
                if (id == null) {
                    id = team ? api.teamId(owner, name(r)) : api.userId(r);
                    ids.put(key, id);
                }
                reviewers.add(new GitHubApi.Reviewer(team ? "Team" : "User", name(r), id));
                diff.add("+ required reviewer " + r);
            }
            if (reviewers.size() > dev.rolechain.setup.SetupValidator.ENVIRONMENT_REVIEWERS_MAX) {
                throw new IOException("environment " + actual.name() + " of " + owner + "/" + repository + " would have "
                        + reviewers.size() + " reviewers with the Setup's; GitHub takes at most "
                        + dev.rolechain.setup.SetupValidator.ENVIRONMENT_REVIEWERS_MAX
                        + " (Rolechain removes none: remove some in GitHub or in the Setup)");
            }
            boolean selfReview = actual.preventSelfReview() || wanted.preventSelfReview();
            if (selfReview != actual.preventSelfReview()) {
                diff.add("~ prevent self-review: false → true");
            }
            int wait = Math.max(actual.waitMinutes(), wanted.waitMinutes());
            if (wait != actual.waitMinutes()) {
                diff.add("~ wait timer: " + actual.waitMinutes() + " → " + wait + " minutes");
            }
            Boolean custom = actual.deploymentBranchPolicy() == null ? null : actual.customBranchPolicies();
            List<String> add = new ArrayList<>();
            if ("protected branches".equals(actual.deploymentBranchPolicy())) {
                if (!wanted.branches().isEmpty()) {
                    notes.add("keeps \"protected branches\" as the deployment branch policy (GitHub takes one kind); the "
                            + "Setup's branches " + wanted.branches() + " are not added");
                }
            } else if (wanted.branches().isEmpty()) {
                if (custom == null) {
                    custom = false;
                    diff.add("~ deployment branches: any branch → protected branches only");
                }
            } else {
                if (custom == null) {
                    diff.add("~ deployment branches: any branch → the branches below");
                }
                custom = true;
                for (String b : wanted.branches()) {
                    if (!branches.contains(b)) {
                        add.add(b);
                        diff.add("+ deployment branch " + b);
                    }
                }
                branches.stream().filter(b -> !wanted.branches().contains(b)).forEach(b ->
                        notes.add("keeps the deployment branch " + b + ", which the Setup does not name"));
            }
            changes.add(new Change(repository, actual.name(), found.isPresent(), List.copyOf(diff), List.copyOf(reviewers),
                    selfReview, wait, custom, List.copyOf(add), List.copyOf(notes)));
        }
        return changes;
    }

    /** Makes one planned change: the environment first, then its new branch patterns. */
    public void apply(String owner, Change change) throws IOException, InterruptedException {
        if (change.empty()) {
            return;
        }
        api.putEnvironment(owner, change.repository(), change.environment(), change.reviewers(), change.preventSelfReview(),
                change.waitMinutes(), change.customBranchPolicies());
        for (String pattern : change.addBranches()) {
            api.addBranchPolicy(owner, change.repository(), change.environment(), pattern);
        }
    }
}
