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
}
