package dev.rolechain.lint;

/**
 * What a trust policy is linted against. Unknown parts are null, and the rules that need them stay
 * silent: a policy linted alone knows no owner, no production flag and no tagging setting.
 */
public record TrustContext(String owner, String audience, Boolean production, Boolean sessionTagging,
        String roleAccountId, String roleArn) {

    public TrustContext(String owner, String audience, Boolean production, Boolean sessionTagging, String roleAccountId) {
        this(owner, audience, production, sessionTagging, roleAccountId, null);
    }

    public static TrustContext unknown() {
        return new TrustContext(null, null, null, null, null, null);
    }

    /** The same context for a role whose ARN and account are known (either may be null). */
    public TrustContext forRole(String arn, String accountId) {
        return new TrustContext(owner, audience, production, sessionTagging, accountId, arn);
    }

    public String expectedAudience() {
        return audience != null ? audience : "sts.amazonaws.com";
    }

    public boolean isProduction() {
        return Boolean.TRUE.equals(production);
    }
}
