package dev.rolechain.iam;

/**
 * A request to evaluate: who (a principal ARN, an account id, a service such as
 * {@code ec2.amazonaws.com}, or a federated provider ARN), the action, the resource (may be null, as
 * for a trust policy, whose resource is the role itself) and the context keys.
 */
public record Request(String principal, String action, String resource, RequestContext context) {
    public Request {
        if (context == null) {
            context = RequestContext.of(java.util.Map.of());
        }
    }
}
