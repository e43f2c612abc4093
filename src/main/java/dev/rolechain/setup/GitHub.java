package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GitHub side. At most one of {@code enterpriseSlug} (GitHub Enterprise Cloud's unique issuer)
 * and {@code serverHost} (GitHub Enterprise Server) is set; both null means github.com. {@code ownerId}
 * and the repositories' ids are GitHub's immutable numeric ids, which the immutable {@code sub} form
 * carries; {@code subjectFormat} is the Setup-wide default form, a repository may name its own.
 */
public record GitHub(String owner, String enterpriseSlug, String serverHost, String audience, Long ownerId,
        SubjectFormat subjectFormat, Map<String, Repository> repositories) {

    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    /** A repository of the owner: its immutable id (null when not known) and, when not the default, its form. */
    public record Repository(Long id, SubjectFormat subjectFormat) {
    }

    public GitHub {
        subjectFormat = subjectFormat == null ? SubjectFormat.NAMES : subjectFormat;
        repositories = repositories == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
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
}
