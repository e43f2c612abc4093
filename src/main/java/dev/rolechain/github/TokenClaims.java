package dev.rolechain.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of a GitHub Actions OIDC token for one run (GitHub docs, "About security hardening with
 * OpenID Connect"), and the IAM context keys they become: {@code <issuer>:sub} and {@code <issuer>:aud}.
 */
public record TokenClaims(Issuer issuer, String audience, String owner, String repository, SubjectPattern.Kind kind,
        String value) {

    /** A concrete run: no wildcards. {@code kind} ANY is not a run of its own. */
    public TokenClaims {
        if (kind == SubjectPattern.Kind.ANY) {
            throw new IllegalArgumentException("a token describes one run: a branch, tag, environment or pull request");
        }
    }

    public String sub() {
        return new SubjectPattern(repository, kind, value).sub(owner);
    }

    /** The claims a token carries, as GitHub documents them. */
    public Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.url());
        claims.put("aud", audience);
        claims.put("sub", sub());
        claims.put("repository", owner + "/" + repository);
        claims.put("repository_owner", owner);
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
