package dev.rolechain.plan;

import java.util.Map;
import java.util.Optional;

/**
 * The IAM and STS quotas that what Rolechain plans can meet, from AWS's "IAM and AWS STS quotas"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; sources per quota in
 * docs/quotas.md). Each has the limit an account has by default and, for the adjustable ones, the most
 * Service Quotas can raise it to; a Setup's {@code quotas} says which limits the user has raised.
 */
public enum Quota {
    TRUST_POLICY_SIZE("trustPolicySize", "role trust policy length", 2048, 4096, "non-whitespace characters",
            "use per-target OIDC roles (\"oidcRoles\": \"per-target\") instead of one shared role, list fewer subjects "
                    + "per target, or use a repository-level wildcard only where the Setup allows it"),
    INLINE_POLICIES_SIZE("inlinePoliciesSize", "inline policies of a role, together", 10240, 10240,
            "non-whitespace characters", "move permissions into customer managed policies and attach them"),
    MANAGED_POLICIES_PER_ROLE("managedPoliciesPerRole", "managed policies attached to a role", 10, 20, "policies",
            "combine permissions into fewer managed policies, or move some into an inline policy"),
    ROLES_PER_ACCOUNT("rolesPerAccount", "roles in an account", 1000, 5000, "roles",
            "plan fewer roles in the account (per-target OIDC roles add one per target)"),
    TAGS_PER_ROLE("tagsPerRole", "tags on a role", 50, 50, "tags", "remove tags"),
    TAG_KEY_LENGTH("tagKeyLength", "tag key length", 128, 128, "characters", "shorten the tag key"),
    TAG_VALUE_LENGTH("tagValueLength", "tag value length", 256, 256, "characters", "shorten the tag value"),
    ROLE_NAME_LENGTH("roleNameLength", "role name length", 64, 64, "characters",
            "shorten the role name (an OIDC role is named <oidcRoleName>-<target>)"),
    ROLE_PATH_LENGTH("rolePathLength", "role path length", 512, 512, "characters", "shorten the path"),
    ROLE_DESCRIPTION_LENGTH("roleDescriptionLength", "role description length", 1000, 1000, "characters",
            "shorten the GitHub owner or the target name that the description names"),
    INLINE_POLICY_NAME_LENGTH("inlinePolicyNameLength", "inline policy name length", 128, 128, "characters",
            "shorten the policy name"),
    MAX_SESSION_DURATION("maxSessionDuration", "a role's maximum session duration", 43200, 43200, "seconds",
            "set a maximum session from 3600 to 43200 seconds"),
    CHAINED_SESSION("chainedSession", "a session reached by role chaining", 3600, 3600, "seconds",
            "ask for at most 3600 seconds in the workflow"),
    EXTERNAL_ID_LENGTH("externalIdLength", "ExternalId length", 1224, 1224, "characters", "use a shorter ExternalId"),
    CLIENT_IDS_PER_PROVIDER("clientIdsPerProvider", "client ids (audiences) of an OIDC provider", 100, 100, "client ids",
            "use fewer audiences"),
    THUMBPRINTS_PER_PROVIDER("thumbprintsPerProvider", "thumbprints of an OIDC provider", 5, 5, "thumbprints",
            "keep at most five thumbprints");

    private final String key;
    private final String what;
    private final int defaultLimit;
    private final int maxLimit;
    private final String unit;
    private final String advice;

    Quota(String key, String what, int defaultLimit, int maxLimit, String unit, String advice) {
        this.key = key;
        this.what = what;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.unit = unit;
        this.advice = advice;
    }

    /** The name in a Setup's {@code quotas}. */
    public String key() {
        return key;
    }

    public String what() {
        return what;
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    /** The most the limit can be raised to; the default where it cannot be raised. */
    public int maxLimit() {
        return maxLimit;
    }

    public boolean adjustable() {
        return maxLimit > defaultLimit;
    }

    public String unit() {
        return unit;
    }

    public String advice() {
        return advice;
    }

    /** The limit in force: the raised one the Setup names, else the default. */
    public int limit(Map<String, Integer> raised) {
        Integer value = raised.get(key);
        return value == null ? defaultLimit : value;
    }

    /** Whether a measured value keeps within the limit in force. */
    public boolean within(long measured, Map<String, Integer> raised) {
        return measured <= limit(raised);
    }

    public static Optional<Quota> byKey(String key) {
        for (Quota q : values()) {
            if (q.key.equals(key)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
