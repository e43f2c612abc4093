package dev.rolechain.setup;

/**
 * The GitHub side. At most one of {@code enterpriseSlug} (GitHub Enterprise Cloud's unique issuer)
 * and {@code serverHost} (GitHub Enterprise Server) is set; both null means github.com.
 */
public record GitHub(String owner, String enterpriseSlug, String serverHost, String audience) {

    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public static GitHub of(String owner) {
        return new GitHub(owner, null, null, DEFAULT_AUDIENCE);
    }
}
