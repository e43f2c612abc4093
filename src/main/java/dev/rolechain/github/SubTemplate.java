package dev.rolechain.github;

import java.util.List;

/**
 * The claim keys a repository's (or its organization's) OIDC sub customization puts in the {@code sub}
 * claim, in order ({@code include_claim_keys}; GitHub docs, "Customizing the subject claims for an
 * organization or repository"). Each key becomes {@code key:value}, joined by {@code :}; {@code context} is
 * the default form's tail ({@code ref:refs/heads/main}, {@code environment:prod}, {@code pull_request}) and
 * {@code repo} is {@code repo:owner/name}, so the default template is {@code [repo, context]}.
 *
 * <p>Rolechain writes a trust pattern for a subject only from keys whose value the subject decides: the
 * repository's identity, and the run's ref, kind and environment. A key it cannot pin becomes {@code *}
 * only where the subject admits any value anyway; the Setup validator refuses the rest.
 */
public record SubTemplate(List<String> keys) {

    public static final SubTemplate DEFAULT = new SubTemplate(List.of("repo", "context"));

    /** The claim keys Rolechain can write a trust pattern for. */
    public static final List<String> SUPPORTED = List.of("repo", "context", "repository", "repository_owner",
            "repository_owner_id", "repository_id", "ref", "ref_type", "environment", "event_name", "job_workflow_ref");

    /** The workflow Rolechain exports; {@code job_workflow_ref} names it. */
    public static final String WORKFLOW_PATH = ".github/workflows/deploy.yml";

    public SubTemplate {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a sub template names at least one claim key");
        }
    }

    public boolean isDefault() {
        return keys.equals(DEFAULT.keys);
    }

    /**
     * The {@code sub} of a run, or the pattern for a subject: {@code value} may hold IAM wildcards. With
     * {@code immutable} the {@code repo} key is in the immutable form ({@code name@id}, both ids needed);
     * {@code concrete} fills what a subject leaves open with what one real run carries (a push on main)
     * instead of {@code *}.
     */
    public String sub(String owner, Long ownerId, String repository, Long repositoryId, boolean immutable,
            SubjectPattern.Kind kind, String value, boolean concrete) {
        StringBuilder sub = new StringBuilder();
        for (String key : keys) {
            if (sub.length() > 0) {
                sub.append(':');
            }
            if (key.equals("context")) {
                sub.append(context(kind, value));
                continue;
            }
            sub.append(key).append(':').append(value(key, owner, ownerId, repository, repositoryId, immutable, kind, value,
                    concrete));
        }
        return sub.toString();
    }

    private static String value(String key, String owner, Long ownerId, String repository, Long repositoryId,
            boolean immutable, SubjectPattern.Kind kind, String value, boolean concrete) {
        return switch (key) {
            case "repo" -> !immutable ? owner + "/" + repository
                    : SubjectClaims.immutable(owner, ownerId, repository, repositoryId);
            case "repository" -> owner + "/" + repository;
            case "repository_owner" -> owner;
            case "repository_owner_id" -> ownerId == null ? open(concrete, "1") : Long.toString(ownerId);
            case "repository_id" -> repositoryId == null || repository.equals("*") ? open(concrete, "1")
                    : Long.toString(repositoryId);
            case "ref" -> ref(kind, value, concrete);
            case "ref_type" -> switch (kind) {
                case BRANCH -> "branch";
                case TAG -> "tag";
                default -> open(concrete, "branch");
            };
            case "environment" -> kind == SubjectPattern.Kind.ENVIRONMENT ? value : open(concrete, "");
            case "event_name" -> kind == SubjectPattern.Kind.PULL_REQUEST ? "pull_request" : switch (kind) {
                case BRANCH, TAG -> concrete ? "push" : "*";
                default -> open(concrete, "push");
            };
            case "job_workflow_ref" -> owner + "/" + repository + "/" + WORKFLOW_PATH + "@" + ref(kind, value, concrete);
            default -> throw new IllegalArgumentException("Rolechain cannot pin the claim key " + key + " in a trust");
        };
    }

    private static String ref(SubjectPattern.Kind kind, String value, boolean concrete) {
        return switch (kind) {
            case BRANCH -> "refs/heads/" + value;
            case TAG -> "refs/tags/" + value;
            case PULL_REQUEST -> concrete ? "refs/pull/1/merge" : "refs/pull/*/merge";
            default -> open(concrete, "refs/heads/main");
        };
    }

    private static String context(SubjectPattern.Kind kind, String value) {
        return switch (kind) {
            case BRANCH -> "ref:refs/heads/" + value;
            case TAG -> "ref:refs/tags/" + value;
            case ENVIRONMENT -> "environment:" + value;
            case PULL_REQUEST -> "pull_request";
            case ANY -> "*";
        };
    }

    private static String open(boolean concrete, String example) {
        return concrete ? example : "*";
    }
}
