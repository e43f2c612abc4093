package dev.rolechain.github;

/**
 * GitHub's formats of the OIDC token's {@code sub} claim (GitHub docs, "About security hardening with
 * OpenID Connect": example subject claims). A job that references an environment gets the
 * environment form; otherwise pull requests get {@code pull_request} and other events the ref form.
 */
public final class SubjectClaims {
    private SubjectClaims() {
    }

    public static String branch(String owner, String repository, String pattern) {
        return prefix(owner, repository) + ":ref:refs/heads/" + pattern;
    }

    public static String tag(String owner, String repository, String pattern) {
        return prefix(owner, repository) + ":ref:refs/tags/" + pattern;
    }

    public static String environment(String owner, String repository, String name) {
        return prefix(owner, repository) + ":environment:" + name;
    }

    public static String pullRequest(String owner, String repository) {
        return prefix(owner, repository) + ":pull_request";
    }

    /** Every run of the repository (or, with repository {@code *}, of every repository of the owner). */
    public static String anyRun(String owner, String repository) {
        return prefix(owner, repository) + ":*";
    }

    /** Whether a subject needs StringLike: it holds IAM's wildcards {@code *} or {@code ?}. */
    public static boolean hasWildcard(String subject) {
        return subject.indexOf('*') >= 0 || subject.indexOf('?') >= 0;
    }

    private static String prefix(String owner, String repository) {
        return "repo:" + owner + "/" + repository;
    }

    /**
     * The immutable form's owner and repository: each name with its numeric id after {@code @}
     * ({@code repo:octocat@123456/my-repo@456789}); every repository of the owner ({@code *}) stays a wildcard.
     * Names cannot hold {@code @} or {@code /}, so no other owner or repository writes the same prefix.
     */
    public static String immutable(String owner, long ownerId, String repository, Long repositoryId) {
        return owner + "@" + ownerId + "/" + (repository.equals("*") || repositoryId == null ? repository
                : repository + "@" + repositoryId);
    }

    private static final java.util.regex.Pattern CONTEXT = java.util.regex.Pattern.compile(
            "(?:^|:)(ref:refs/[^:]*|environment:[^:]*|pull_request)(?=:|$)");

    /**
     * The run part of a sub (or pattern) in the default form or under a sub template that names
     * {@code context}: {@code ref:refs/heads/main}, {@code environment:prod} or {@code pull_request};
     * {@code *} when the pattern leaves it open (or names no run at all).
     */
    public static String context(String sub) {
        if (sub.startsWith("repo:") && sub.indexOf(':', 5) > 0 && !sub.contains(":job_workflow_ref:")
                && !sub.contains(":ref:refs/") && !sub.contains(":environment:") && !sub.endsWith(":pull_request")) {
            return sub.substring(sub.indexOf(':', 5) + 1);
        }
        java.util.regex.Matcher m = CONTEXT.matcher(sub);
        return m.find() ? m.group(1) : "*";
    }
}
