package dev.rolechain.plan;

/**
 * A resource a plan, an apply or a restore touches, typed: an OIDC provider, a role, a role's inline policy, or a
 * managed policy attached to a role. {@link #toString()} is the path the plan, the journal and the JSON output
 * show ({@code role/NAME/policy/POLICY}, {@code role/NAME/attached/ARN}); {@link #parse} reads it back.
 */
public record Resource(Kind kind, String role, String name) {

    /** The kinds of resource. */
    public enum Kind { OIDC_PROVIDER, ROLE, INLINE_POLICY, ATTACHMENT }

    public static Resource oidcProvider(String id) {
        return new Resource(Kind.OIDC_PROVIDER, null, id);
    }

    public static Resource role(String role) {
        return new Resource(Kind.ROLE, role, null);
    }

    public static Resource inlinePolicy(String role, String policy) {
        return new Resource(Kind.INLINE_POLICY, role, policy);
    }

    public static Resource attachment(String role, String policyArn) {
        return new Resource(Kind.ATTACHMENT, role, policyArn);
    }

    /** The resource a path names; a path of no known form is an error. */
    public static Resource parse(String path) {
        if (path.startsWith("oidc-provider/")) {
            return oidcProvider(path.substring("oidc-provider/".length()));
        }
        if (path.startsWith("role/")) {
            String rest = path.substring("role/".length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return role(rest);
            }
            String role = rest.substring(0, slash);
            String tail = rest.substring(slash + 1);
            if (tail.startsWith("policy/")) {
                return inlinePolicy(role, tail.substring("policy/".length()));
            }
            if (tail.startsWith("attached/")) {
                return attachment(role, tail.substring("attached/".length()));
            }
        }
        throw new IllegalArgumentException("not a resource path: " + path);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OIDC_PROVIDER -> "oidc-provider/" + name;
            case ROLE -> "role/" + role;
            case INLINE_POLICY -> "role/" + role + "/policy/" + name;
            case ATTACHMENT -> "role/" + role + "/attached/" + name;
        };
    }
}
