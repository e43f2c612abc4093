package dev.rolechain.github;

/**
 * Which runs of a repository a target grants, in GitHub's terms: the repository (a name, or
 * {@code *} for every repository of the owner), the kind of run, and its value (a branch or tag
 * pattern with {@code *} and {@code ?}, or an environment name; null for pull requests and any run).
 */
public record SubjectPattern(String repository, Kind kind, String value) {

    /** The kinds of run a sub claim can describe. */
    public enum Kind { BRANCH, TAG, ENVIRONMENT, PULL_REQUEST, ANY }

    /** The sub claim (or pattern) for this subject of the owner, in the name form. */
    public String sub(String owner) {
        return sub(owner, repository);
    }

    /**
     * The sub claim in the immutable form when {@code ownerId} is given ({@code repositoryId} may be null
     * only for every repository, {@code *}), else in the name form.
     */
    public String sub(String owner, Long ownerId, Long repositoryId) {
        if (ownerId == null) {
            return sub(owner);
        }
        String both = SubjectClaims.immutable(owner, ownerId, repository, repositoryId);
        int slash = both.indexOf('/');
        return sub(both.substring(0, slash), both.substring(slash + 1));
    }

    /**
     * The sub pattern under a sub template ({@link SubTemplate#DEFAULT} gives the forms above); the ids go where
     * the template names them, and into {@code repo} when {@code immutable}.
     */
    public String sub(SubTemplate template, String owner, Long ownerId, Long repositoryId, boolean immutable) {
        if (template.isDefault()) {
            return immutable ? sub(owner, ownerId, repositoryId) : sub(owner);
        }
        return template.sub(owner, ownerId, repository, repositoryId, immutable, kind, value, false);
    }

    private String sub(String owner, String repository) {
        return switch (kind) {
            case BRANCH -> SubjectClaims.branch(owner, repository, value);
            case TAG -> SubjectClaims.tag(owner, repository, value);
            case ENVIRONMENT -> SubjectClaims.environment(owner, repository, value);
            case PULL_REQUEST -> SubjectClaims.pullRequest(owner, repository);
            case ANY -> SubjectClaims.anyRun(owner, repository);
        };
    }
}
