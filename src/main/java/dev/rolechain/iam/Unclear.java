package dev.rolechain.iam;

import java.util.Locale;

/**
 * A point where AWS's documentation does not say what IAM does, met while deciding a request. The
 * evaluator decides each one as written in docs/decisions/0010-unclear-iam-cases.md (for a Deny
 * statement always the reading under which the Deny applies) and reports it, so that a result that
 * rests on one is read as the guess it is.
 */
public enum Unclear {
    /** {@code "Principal": {"AWS": "*"}} and a caller that is a service, an OIDC or a SAML federated principal. */
    AWS_WILDCARD_OTHER_CALLER("{\"AWS\": \"*\"} is documented for AWS principals; whether it also names a service, OIDC "
            + "or SAML caller is not: taken as not naming it in an Allow, as naming it in a Deny"),
    /** A condition operator without ForAnyValue/ForAllValues on a key the request gives several values. */
    PLAIN_OPERATOR_ON_SEVERAL_VALUES("an operator without ForAnyValue or ForAllValues on a key with several request "
            + "values: AWS says multivalued keys need a set operator, not what happens without one; decided as "
            + "ForAnyValue (it holds when one value matches), where ForAllValues would decide otherwise"),
    /** A role ARN in a Principal whose role name differs from the role's only in letter case. */
    ROLE_NAME_CASE("the Principal names the role with other letter case: IAM role names are unique regardless of case "
            + "and a trust stores the role's unique id, so it is taken as naming the role; AWS does not document it"),
    /** A policy variable's default written without the blank after the comma ({@code ${key,'value'}}). */
    VARIABLE_DEFAULT_WITHOUT_BLANK("a variable's default written without the blank after the comma (AWS documents "
            + "\"${key, 'default'}\"): taken as a default in an Allow; in a Deny the reading under which it applies"),
    /** ForAnyValue with IfExists on a key the request does not have. */
    FOR_ANY_VALUE_IF_EXISTS_ABSENT("ForAnyValue with IfExists on a key the request does not have: ForAnyValue fails on "
            + "a missing key, IfExists holds; AWS does not say which wins: taken as holding (IfExists)");

    private final String reason;

    Unclear(String reason) {
        this.reason = reason;
    }

    /** Why the result is uncertain, in words. */
    public String reason() {
        return reason;
    }

    /** The stable id used in output ({@code role-name-case}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Where the decision and its sources are written. */
    public static final String DECISION = "docs/decisions/0010-unclear-iam-cases.md";
}
