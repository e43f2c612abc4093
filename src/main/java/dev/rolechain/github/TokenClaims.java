package dev.rolechain.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of a GitHub Actions OIDC token for one run (GitHub docs, "About security hardening with
 * OpenID Connect"), and the IAM context keys they become: {@code <issuer>:sub} and {@code <issuer>:aud}.
 */
public record TokenClaims(Issuer issuer, String audience, String owner, String repository, SubjectPattern.Kind kind,
        String value, Long ownerId, Long repositoryId, boolean immutable, SubTemplate template) {

    /**
     * A concrete run: no wildcards. {@code kind} ANY is not a run of its own. With {@code immutable} the
     * token carries GitHub's immutable sub form (both ids needed); {@code template} is the repository's sub
     * customization.
     */
    public TokenClaims {
        if (kind == SubjectPattern.Kind.ANY) {
            throw new IllegalArgumentException("a token describes one run: a branch, tag, environment or pull request");
        }
        if (immutable && (ownerId == null || repositoryId == null)) {
            throw new IllegalArgumentException("an immutable sub names the owner's and the repository's ids");
        }
        template = template == null ? SubTemplate.DEFAULT : template;
    }

    /** A token under GitHub's default template; with {@code ownerId} (and {@code repositoryId}) in the immutable form. */
    public TokenClaims(Issuer issuer, String audience, String owner, String repository, SubjectPattern.Kind kind,
            String value, Long ownerId, Long repositoryId) {
        this(issuer, audience, owner, repository, kind, value, ownerId, repositoryId, ownerId != null, SubTemplate.DEFAULT);
    }

    /** The same run with other ids, form or template. */
    public TokenClaims with(Long ownerId, Long repositoryId, boolean immutable, SubTemplate template) {
        return new TokenClaims(issuer, audience, owner, repository, kind, value, ownerId, repositoryId, immutable, template);
    }

    /** The same run's token for another owner, repository or run, with the same ids, form and template. */
    public TokenClaims with(String owner, String repository, SubjectPattern.Kind kind, String value, Long repositoryId) {
        return new TokenClaims(issuer, audience, owner, repository, kind, value, ownerId, repositoryId, immutable, template);
    }

    /** A token in the name form. */
    public TokenClaims(Issuer issuer, String audience, String owner, String repository, SubjectPattern.Kind kind,
            String value) {
        this(issuer, audience, owner, repository, kind, value, null, null);
    }

    public String sub() {
        return template.sub(owner, ownerId, repository, repositoryId, immutable, kind, value, true);
    }

    /** The claims a token carries, as GitHub documents them. */
    public Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.url());
        claims.put("aud", audience);
        claims.put("sub", sub());
        claims.put("repository", owner + "/" + repository);
        claims.put("repository_owner", owner);
        if (ownerId != null) {
            claims.put("repository_owner_id", Long.toString(ownerId));
        }
        if (repositoryId != null) {
            claims.put("repository_id", Long.toString(repositoryId));
        }
        switch (kind) {
            case BRANCH -> claims.put("ref", "refs/heads/" + value);
            case TAG -> claims.put("ref", "refs/tags/" + value);
            case ENVIRONMENT -> claims.put("environment", value);
            case PULL_REQUEST -> claims.put("event_name", "pull_request");
            default -> { }
        }
        return claims;
    }

    /** The request context keys IAM evaluates the OIDC trust with. */
    public Map<String, List<String>> context() {
        return Map.of(issuer.subKey(), List.of(sub()), issuer.audKey(), List.of(audience));
    }
}
