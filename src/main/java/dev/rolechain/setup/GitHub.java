package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GitHub side. At most one of {@code enterpriseSlug} (GitHub Enterprise Cloud's unique issuer)
 * and {@code serverHost} (GitHub Enterprise Server) is set; both null means github.com. {@code ownerId}
 * and the repositories' ids are GitHub's immutable numeric ids, which the immutable {@code sub} form
 * carries; {@code subjectFormat} is the Setup-wide default form, a repository may name its own.
 * {@code subTemplate} is the organization's OIDC sub customization ({@code include_claim_keys}; null for
 * GitHub's default), a repository may name its own. {@code environments} is the protection the Setup wants
 * for the GitHub environments its production subjects deploy from.
 */
public record GitHub(String owner, String enterpriseSlug, String serverHost, String audience, Long ownerId,
        SubjectFormat subjectFormat, Map<String, Repository> repositories, List<String> subTemplate,
        Map<String, Environment> environments) {

    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    /**
     * A repository of the owner: its immutable id (null when not known) and, when not the default, its form
     * and its own sub template.
     */
    public record Repository(Long id, SubjectFormat subjectFormat, List<String> subTemplate) {
        public Repository {
            subTemplate = subTemplate == null ? null : List.copyOf(subTemplate);
        }

        public Repository(Long id, SubjectFormat subjectFormat) {
            this(id, subjectFormat, null);
        }
    }

    /**
     * The protection an environment should have in every repository that deploys from it: required reviewers
     * (user logins, or {@code org/team-slug} for teams; GitHub allows up to six), the branches that may
     * deploy (GitHub's deployment branch patterns), whether the one who started the run may approve it, and
     * a wait before the job starts.
     */
    public record Environment(List<String> reviewers, List<String> branches, boolean preventSelfReview, int waitMinutes) {
        public Environment {
            reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
            branches = branches == null ? List.of() : List.copyOf(branches);
        }
    }

    public GitHub {
        subjectFormat = subjectFormat == null ? SubjectFormat.NAMES : subjectFormat;
        repositories = repositories == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
        subTemplate = subTemplate == null ? null : List.copyOf(subTemplate);
        environments = environments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environments));
    }

    public GitHub(String owner, String enterpriseSlug, String serverHost, String audience, Long ownerId,
            SubjectFormat subjectFormat, Map<String, Repository> repositories) {
        this(owner, enterpriseSlug, serverHost, audience, ownerId, subjectFormat, repositories, null, Map.of());
    }

    public GitHub(String owner, String enterpriseSlug, String serverHost, String audience) {
        this(owner, enterpriseSlug, serverHost, audience, null, SubjectFormat.NAMES, Map.of());
    }

    public static GitHub of(String owner) {
        return new GitHub(owner, null, null, DEFAULT_AUDIENCE);
    }

    /** The form of a repository's subjects ({@code *}, every repository, takes the default). */
    public SubjectFormat formatOf(String repository) {
        Repository r = repositories.get(repository);
        return r == null || r.subjectFormat() == null ? subjectFormat : r.subjectFormat();
    }

    /** A repository's immutable id, or null. */
    public Long idOf(String repository) {
        Repository r = repositories.get(repository);
        return r == null ? null : r.id();
    }

    /** A repository's sub template: its own, else the Setup-wide one; null means GitHub's default. */
    public List<String> templateOf(String repository) {
        Repository r = repositories.get(repository);
        return r != null && r.subTemplate() != null ? r.subTemplate() : subTemplate;
    }

    /** The same GitHub side with other repositories. */
    public GitHub withRepositories(Map<String, Repository> repositories) {
        return new GitHub(owner, enterpriseSlug, serverHost, audience, ownerId, subjectFormat, repositories, subTemplate,
                environments);
    }
}
