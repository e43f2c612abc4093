package dev.rolechain.setup;

/** The tooling account: where the OIDC provider and the OIDC role(s) live. */
public record Tooling(
        String accountId,
        String region,
        String profile,
        boolean createProvider,
        String oidcRoleName,
        OidcRoles oidcRoles,
        int maxSessionSeconds) {

    public static final String DEFAULT_OIDC_ROLE_NAME = "github-actions-oidc";
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;
}
