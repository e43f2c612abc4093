package dev.rolechain.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS's policy evaluation logic for what Rolechain asks (IAM User Guide, "Policy evaluation logic",
 * "Cross-account policy evaluation logic"): an explicit Deny in any policy wins; a role's trust
 * policy must allow the principal explicitly, also within one account; a cross-account request needs
 * both the resource (trust) policy and the principal's identity policies to allow; within one
 * account, a resource policy that names the account rather than the principal delegates to the
 * identity policies. Every decision carries its explanation.
 */
public final class PolicyEvaluator {

    /** The result of one policy document. */
    public record PolicyResult(Decision decision, boolean viaAccountPrincipal, List<String> explanation,
            java.util.Set<Unclear> uncertain) {
    }

    /** Evaluates one document. {@code resourcePolicy} says whether its Principal elements are checked. */
    public PolicyResult evaluatePolicy(String label, PolicyDocument document, Request request, boolean resourcePolicy) {
        Doubts doubts = new Doubts();
        PolicyResult r = evaluatePolicy(label, document, request, resourcePolicy, true, doubts);
        return new PolicyResult(r.decision(), r.viaAccountPrincipal(), r.explanation(), doubts.set());
    }

    private static List<String> lines(List<String> explanation) {
        return explanation == null ? List.of() : explanation;
    }

    /** Adds an explanation line when explaining; the line is written only then. */
    private static void note(List<String> explanation, java.util.function.Supplier<String> line) {
        if (explanation != null) {
            explanation.add(line.get());
        }
    }

    private PolicyResult evaluatePolicy(String label, PolicyDocument document, Request request, boolean resourcePolicy,
            boolean explain, Doubts doubts) {
        List<String> explanation = explain ? new ArrayList<>() : null;
        boolean allow = false;
        boolean deny = false;
        boolean viaAccount = false;
        // an applying Allow that names the principal itself (not its account) is enough within one account
        boolean direct = false;
        List<Statement> statements = document.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            int index = i;
            java.util.function.Supplier<String> name = () -> label + " statement " + index
                    + (s.sid() == null || s.sid().isEmpty() ? "" : " (" + s.sid() + ")") + " " + s.effect().json();
            java.util.function.Supplier<String> miss = mismatch(s, request, resourcePolicy, doubts);
            if (miss != null) {
                note(explanation, () -> name.get() + ": does not apply: " + miss.get());
                continue;
            }
            note(explanation, () -> name.get() + ": applies");
            if (s.effect() == Effect.DENY) {
                deny = true;
            } else {
                allow = true;
                if (resourcePolicy && s.principal() != null && matchedOnlyAsAccount(s.principal(), request.principal())) {
                    viaAccount = true;
                } else {
                    direct = true;
                }
            }
        }
        Decision decision = deny ? Decision.EXPLICIT_DENY : allow ? Decision.ALLOW : Decision.IMPLICIT_DENY;
        if (!deny && !allow) {
            note(explanation, () -> label + ": no statement allows the request");
        }
        return new PolicyResult(decision, viaAccount && !direct, lines(explanation), java.util.Set.of());
    }

    /**
     * Evaluates a request against a resource (trust) policy, which may be null, and the principal's
     * identity policies.
     */
    public Evaluation evaluate(PolicyDocument resourcePolicy, List<PolicyDocument> identityPolicies, Request request) {
        return evaluate(resourcePolicy, identityPolicies, request, true);
    }

    /** The decision alone, without writing the explanation: for callers that evaluate many requests. */
    public Decision decide(PolicyDocument resourcePolicy, List<PolicyDocument> identityPolicies, Request request) {
        return evaluate(resourcePolicy, identityPolicies, request, false).decision();
    }

    /**
     * The decision and the unclear points it rests on, without the explanation: for callers that evaluate
     * many requests and must say when a result is a guess.
     */
    public Evaluation judge(PolicyDocument resourcePolicy, List<PolicyDocument> identityPolicies, Request request) {
        return evaluate(resourcePolicy, identityPolicies, request, false);
    }

    private Evaluation evaluate(PolicyDocument resourcePolicy, List<PolicyDocument> identityPolicies, Request request,
            boolean explain) {
        Doubts doubts = new Doubts();
        Evaluation e = evaluate(resourcePolicy, identityPolicies, request, explain, doubts);
        return doubts.set().isEmpty() ? e : new Evaluation(e.decision(), e.explanation(), doubts.set());
    }

    private Evaluation evaluate(PolicyDocument resourcePolicy, List<PolicyDocument> identityPolicies, Request request,
            boolean explain, Doubts doubts) {
        List<String> explanation = explain ? new ArrayList<>() : null;
        String provider = providerAccount(request.principal());
        String roleAccount = accountOfArn(request.resource());
        if (provider != null && roleAccount != null && !provider.equals(roleAccount) && isRoleTrust(request)) {
            // STS finds the provider of a web identity or SAML sign-in in the role's own account: one of another
            // account never signs anyone into this role, whatever the trust says
            note(explanation, () -> "decision: the provider " + request.principal() + " is in account " + provider
                    + ", and a provider signs in only to roles of its own account (" + roleAccount + ")");
            return new Evaluation(Decision.IMPLICIT_DENY, lines(explanation));
        }
        PolicyResult resource = null;
        if (resourcePolicy != null) {
            resource = evaluatePolicy(isRoleTrust(request) ? "trust policy" : "resource policy", resourcePolicy, request,
                    true, explain, doubts);
            if (explain) {
                explanation.addAll(resource.explanation());
            }
        }
        boolean identityDeny = false;
        boolean identityAllow = false;
        for (int i = 0; i < identityPolicies.size(); i++) {
            PolicyResult r = evaluatePolicy("identity policy " + i, identityPolicies.get(i), request, false, explain, doubts);
            if (explain) {
                explanation.addAll(r.explanation());
            }
            identityDeny |= r.decision() == Decision.EXPLICIT_DENY;
            identityAllow |= r.decision() == Decision.ALLOW;
        }
        if (identityDeny || (resource != null && resource.decision() == Decision.EXPLICIT_DENY)) {
            note(explanation, () -> "decision: an explicit Deny applies, and an explicit Deny always wins");
            return new Evaluation(Decision.EXPLICIT_DENY, lines(explanation));
        }
        if (resource == null) {
            boolean allowedByIdentity = identityAllow;
            note(explanation, () -> allowedByIdentity ? "decision: an identity policy allows the request"
                    : "decision: no policy allows the request (implicit deny)");
            return new Evaluation(identityAllow ? Decision.ALLOW : Decision.IMPLICIT_DENY, lines(explanation));
        }
        boolean resourceAllow = resource.decision() == Decision.ALLOW;
        boolean awsPrincipal = Principal.typeOf(request.principal()).equals("AWS");
        String principalAccount = awsPrincipal ? Principal.accountOf(request.principal()) : null;
        String resourceAccount = awsPrincipal ? accountOfArn(request.resource()) : null;
        boolean crossAccount = principalAccount != null && resourceAccount != null && !principalAccount.equals(resourceAccount);

        if (isRoleTrust(request) || crossAccount) {
            if (!resourceAllow) {
                note(explanation, () -> "decision: the " + (isRoleTrust(request) ? "role's trust" : "resource")
                        + " policy does not allow " + request.principal() + " (implicit deny)");
                return new Evaluation(Decision.IMPLICIT_DENY, lines(explanation));
            }
            if (!awsPrincipal) {
                note(explanation, () -> "decision: the trust policy allows the " + Principal.typeOf(request.principal())
                        + " principal");
                return new Evaluation(Decision.ALLOW, lines(explanation));
            }
            boolean needIdentity = crossAccount || resource.viaAccountPrincipal()
                    || (resourceAccount == null && !identityPolicies.isEmpty());
            if (needIdentity && !identityAllow) {
                note(explanation, () -> "decision: the trust allows it, but no identity policy of " + request.principal()
                        + " allows " + request.action() + (crossAccount ? " (a cross-account request needs both sides)"
                        : " (the trust names the account, which delegates to identity policies)"));
                return new Evaluation(Decision.IMPLICIT_DENY, lines(explanation));
            }
            note(explanation, () -> "decision: allowed by the " + (isRoleTrust(request) ? "trust" : "resource") + " policy"
                    + (needIdentity ? " and an identity policy" : ""));
            return new Evaluation(Decision.ALLOW, lines(explanation));
        }
        // One account, not a role trust: either side allowing is enough.
        if (resourceAllow || identityAllow) {
            note(explanation, () -> "decision: allowed by the " + (resourceAllow ? "resource" : "identity") + " policy");
            return new Evaluation(Decision.ALLOW, lines(explanation));
        }
        note(explanation, () -> "decision: no policy allows the request (implicit deny)");
        return new Evaluation(Decision.IMPLICIT_DENY, lines(explanation));
    }

    private static final java.util.regex.Pattern ROLE_ARN = java.util.regex.Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");
    private static final java.util.regex.Pattern ARN_ACCOUNT = java.util.regex.Pattern.compile("arn:[^:]*:[^:]*:[^:]*:(\\d{12}):.*");

    private static boolean isRoleTrust(Request request) {
        String action = request.action();
        return action.regionMatches(true, 0, "sts:AssumeRole", 0, "sts:AssumeRole".length())
                || action.equalsIgnoreCase("sts:TagSession") || action.equalsIgnoreCase("sts:SetSourceIdentity")
                || (request.resource() != null && ROLE_ARN.matcher(request.resource()).matches());
    }

    private static String providerAccount(String principal) {
        return Principal.providerAccount(principal);
    }

    static String accountOfArn(String arn) {
        if (arn == null) {
            return null;
        }
        java.util.regex.Matcher m = ARN_ACCOUNT.matcher(arn);
        return m.matches() ? m.group(1) : null;
    }

    /** Why a statement does not apply (written when asked for), or null when it does. */
    private static java.util.function.Supplier<String> mismatch(Statement s, Request request, boolean resourcePolicy,
            Doubts doubts) {
        boolean deny = s.effect() == Effect.DENY;
        String principal = request.principal();
        String action = request.action();
        String resource = request.resource();
        if (resourcePolicy) {
            // in a Deny, an unclear principal is read so that the Deny applies: named by Principal, not by NotPrincipal
            if (s.principal() != null && !principalMatches(s.principal(), principal, deny, doubts)) {
                return () -> "principal " + principal + " is not in Principal";
            }
            if (s.notPrincipal() != null && principalMatches(s.notPrincipal(), principal, !deny, doubts)) {
                return () -> "principal " + principal + " is in NotPrincipal";
            }
        }
        if (s.actions() != null && s.actions().stream().noneMatch(a -> actionMatches(a, action))) {
            return () -> "action " + action + " is not in Action " + s.actions();
        }
        if (s.notActions() != null && s.notActions().stream().anyMatch(a -> actionMatches(a, action))) {
            return () -> "action " + action + " is in NotAction " + s.notActions();
        }
        if (resource != null) {
            if (s.resources() != null && s.resources().stream()
                    .noneMatch(r -> resourceMatches(r, resource, request.context()))) {
                return () -> "resource " + resource + " is not in Resource " + s.resources();
            }
            if (s.notResources() != null && s.notResources().stream()
                    .anyMatch(r -> resourceMatches(r, resource, request.context()))) {
                return () -> "resource " + resource + " is in NotResource " + s.notResources();
            }
        }
        for (Condition c : s.conditions()) {
            ConditionEvaluator.Outcome outcome = ConditionEvaluator.evaluate(c, request.context(), deny, doubts);
            if (!outcome.holds()) {
                return () -> "condition failed: " + outcome.reason();
            }
        }
        return null;
    }

    /**
     * Whether the Principal (or NotPrincipal) element names the request principal. Where AWS leaves it unclear
     * ({@link Unclear#AWS_WILDCARD_OTHER_CALLER}) the answer is {@code leanTo} (the reading under which a Deny applies);
     * a role named with other letter case is taken as named ({@link Unclear#ROLE_NAME_CASE}). Both are noted in
     * {@code doubts}.
     */
    private static boolean principalMatches(Principals principals, String principal, boolean leanTo, Doubts doubts) {
        if (principals.anyone()) {
            return true;
        }
        boolean unclear = false;
        for (Map.Entry<String, List<String>> entry : principals.byType().entrySet()) {
            for (String value : entry.getValue()) {
                if (Principal.matches(entry.getKey(), value, principal)) {
                    return true;
                }
            }
        }
        for (Map.Entry<String, List<String>> entry : principals.byType().entrySet()) {
            if (!entry.getKey().equals("AWS")) {
                continue;
            }
            for (String value : entry.getValue()) {
                if (value.equals("*")) {
                    unclear = true;
                    note(doubts, Unclear.AWS_WILDCARD_OTHER_CALLER);
                } else if (Principal.matchesRoleIgnoringCase(value, principal)) {
                    note(doubts, Unclear.ROLE_NAME_CASE);
                    return true;
                }
            }
        }
        return unclear && leanTo;
    }

    private static void note(Doubts doubts, Unclear unclear) {
        if (doubts != null) {
            doubts.add(unclear);
        }
    }

    /** True when the principal matched only through an account value (which delegates to identity policies). */
    private static boolean matchedOnlyAsAccount(Principals principals, String principal) {
        if (principals.anyone()) {
            return false;
        }
        boolean account = false;
        for (Map.Entry<String, List<String>> entry : principals.byType().entrySet()) {
            for (String value : entry.getValue()) {
                if (Principal.matches(entry.getKey(), value, principal)) {
                    if (entry.getKey().equals("AWS") && Principal.isAccount(value)) {
                        account = true;
                    } else {
                        return false;
                    }
                }
            }
        }
        return account;
    }

    /** Actions match case-insensitively, with * and ? wildcards. */
    public static boolean actionMatches(String pattern, String action) {
        return Wildcards.matchesIgnoreCase(pattern, action);
    }

    private static final String RESOURCE_KEY = "rolechain:resource";

    /**
     * Resource patterns match as ARNs, part by part, and may hold policy variables in the resource part only (after
     * the fifth colon; IAM User Guide, "IAM policy elements: Variables and tags"): a variable in the partition,
     * service, region or account is not replaced, so the pattern names no real resource.
     */
    private static boolean resourceMatches(String pattern, String resource, RequestContext context) {
        if (pattern.equals("*")) {
            return true;
        }
        int fifthColon = -1;
        for (int i = 0, colons = 0; i < pattern.length() && colons < 5; i++) {
            if (pattern.charAt(i) == ':' && ++colons == 5) {
                fifthColon = i;
            }
        }
        if (fifthColon > 0 && pattern.substring(0, fifthColon).contains("${")) {
            return false;
        }
        Map<String, List<String>> values = new java.util.HashMap<>(context.values());
        values.put(RESOURCE_KEY, List.of(resource));
        return ConditionEvaluator.evaluate(new Condition("ArnLike", RESOURCE_KEY, pattern), RequestContext.of(values))
                .holds();
    }
}
