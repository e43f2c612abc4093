package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The evaluation logic of the IAM User Guide, on trust and identity policies. */
class PolicyEvaluatorTest {
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    private static final String ROLE = "arn:aws:iam::222222222222:role/deploy";
    private static final String CALLER_ROLE = "arn:aws:iam::111111111111:role/caller";
    private static final String CALLER = "arn:aws:sts::111111111111:assumed-role/caller/session-1";
    private static final String ALLOW_ASSUME = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}
            """.formatted(ROLE);

    private static PolicyDocument trust(String principal, String conditions) {
        return PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + principal + ",\"Action\":\"sts:AssumeRole\"" + (conditions.isEmpty() ? "" : ",\"Condition\":" + conditions)
                + "}]}");
    }

    private Evaluation assume(PolicyDocument trust, List<String> identity, String principal, Map<String, List<String>> ctx) {
        List<PolicyDocument> identityPolicies = identity.stream().map(PolicyJson::parse).toList();
        Request request = new Request(principal, "sts:AssumeRole", ROLE, RequestContext.of(ctx));
        Evaluation evaluation = evaluator.evaluate(trust, identityPolicies, request);
        assertThat(evaluator.decide(trust, identityPolicies, request)).as("decide() agrees with evaluate()")
                .isEqualTo(evaluation.decision());
        return evaluation;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            role ARN names its session, identity allows           | `{"AWS":"arn:aws:iam::111111111111:role/caller"}` | true  | allow
            role ARN, cross-account, no identity allow            | `{"AWS":"arn:aws:iam::111111111111:role/caller"}` | false | implicit-deny
            account root, cross-account, identity allows          | `{"AWS":"arn:aws:iam::111111111111:root"}`        | true  | allow
            account id, cross-account, identity allows            | `{"AWS":"111111111111"}`                           | true  | allow
            another account                                       | `{"AWS":"333333333333"}`                           | true  | implicit-deny
            another role of the account                           | `{"AWS":"arn:aws:iam::111111111111:role/other"}`  | true  | implicit-deny
            Principal star                                        | `"*"`                                              | true  | allow
            AWS star                                              | `{"AWS":"*"}`                                      | true  | allow
            a service principal does not match an AWS principal   | `{"Service":"ec2.amazonaws.com"}`                  | true  | implicit-deny
            """)
    void crossAccountTrustNeedsBothSides(String name, String principal, boolean identityAllows, String expected) {
        Evaluation e = assume(trust(principal, ""), identityAllows ? List.of(ALLOW_ASSUME) : List.of(), CALLER, Map.of());
        assertThat(e.decision().json()).as(String.join("\n", e.explanation())).isEqualTo(expected);
        assertThat(e.explanation()).isNotEmpty().last().asString().startsWith("decision:");
    }

    @Test
    void withinOneAccountATrustNamingTheRoleIsEnough() {
        String sameAccountRole = "arn:aws:iam::222222222222:role/deploy";
        String caller = "arn:aws:sts::222222222222:assumed-role/ci/s";
        PolicyDocument t = trust("{\"AWS\":\"arn:aws:iam::222222222222:role/ci\"}", "");
        Evaluation e = evaluator.evaluate(t, List.of(), new Request(caller, "sts:AssumeRole", sameAccountRole, null));
        assertThat(e.decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void withinOneAccountAStatementNamingTheRoleIsEnoughBesideOneNamingTheAccount() {
        // AWS: a resource policy that names the principal directly allows it within one account, whatever else
        // applies; a statement naming the account beside it does not take that away (IAM User Guide, "Policy
        // evaluation logic": a same-account resource-based policy allowing the principal is enough)
        String caller = "arn:aws:sts::222222222222:assumed-role/ci/s";
        PolicyDocument t = PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":\"sts:AssumeRole\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:role/ci\"},\"Action\":\"sts:AssumeRole\"}]}");
        Request request = new Request(caller, "sts:AssumeRole", ROLE, null);
        assertThat(evaluator.evaluate(t, List.of(), request).decision()).isEqualTo(Decision.ALLOW);
        assertThat(evaluator.decide(t, List.of(), request)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aPolicyVariableIsReplacedOnlyInTheResourcePartOfAnArn() {
        Request request = new Request(CALLER, "sts:AssumeRole", ROLE, RequestContext.of(Map.of(
                "aws:PrincipalAccount", List.of("222222222222"), "aws:username", List.of("deploy"))));
        PolicyDocument inAccount = PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::${aws:PrincipalAccount}:role/*\"}]}");
        assertThat(evaluator.decide(null, List.of(inAccount), request)).as("a variable in the account part")
                .isEqualTo(Decision.IMPLICIT_DENY);
        PolicyDocument inResource = PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::222222222222:role/${aws:username}\"}]}");
        assertThat(evaluator.decide(null, List.of(inResource), request)).as("a variable in the resource part")
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void withinOneAccountATrustNamingTheAccountDelegatesToIdentityPolicies() {
        String caller = "arn:aws:sts::222222222222:assumed-role/ci/s";
        PolicyDocument t = trust("{\"AWS\":\"arn:aws:iam::222222222222:root\"}", "");
        Request request = new Request(caller, "sts:AssumeRole", ROLE, null);
        assertThat(evaluator.evaluate(t, List.of(), request).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluator.evaluate(t, List.of(PolicyJson.parse(ALLOW_ASSUME)), request).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void aRoleTrustMustAllowThePrincipalEvenWhenIdentityPoliciesDoWithinOneAccount() {
        String caller = "arn:aws:sts::222222222222:assumed-role/ci/s";
        PolicyDocument t = trust("{\"AWS\":\"arn:aws:iam::222222222222:role/someone-else\"}", "");
        Evaluation e = evaluator.evaluate(t, List.of(PolicyJson.parse(ALLOW_ASSUME)),
                new Request(caller, "sts:AssumeRole", ROLE, null));
        assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(e.explanation()).anySatisfy(line -> assertThat(line).contains("is not in Principal"));
    }

    @Test
    void anExplicitDenyWinsOverEveryAllow() {
        String deny = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:*","Resource":"*"}]}""";
        Evaluation e = assume(trust("{\"AWS\":\"" + CALLER_ROLE + "\"}", ""), List.of(ALLOW_ASSUME, deny), CALLER, Map.of());
        assertThat(e.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        PolicyDocument denyInTrust = PolicyJson.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"},
                 {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:role/trusted"},"Action":"sts:AssumeRole"}]}""");
        assertThat(assume(denyInTrust, List.of(ALLOW_ASSUME), CALLER, Map.of()).decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(assume(denyInTrust, List.of(ALLOW_ASSUME), "arn:aws:sts::111111111111:assumed-role/trusted/s", Map.of())
                .decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void theExternalIdConditionDecides() {
        PolicyDocument t = trust("{\"AWS\":\"" + CALLER_ROLE + "\"}", "{\"StringEquals\":{\"sts:ExternalId\":\"x-1\"}}");
        assertThat(assume(t, List.of(ALLOW_ASSUME), CALLER, Map.of("sts:ExternalId", List.of("x-1"))).decision())
                .isEqualTo(Decision.ALLOW);
        Evaluation wrong = assume(t, List.of(ALLOW_ASSUME), CALLER, Map.of("sts:ExternalId", List.of("x-2")));
        assertThat(wrong.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(String.join("\n", wrong.explanation())).contains("condition failed", "sts:ExternalId");
        assertThat(assume(t, List.of(ALLOW_ASSUME), CALLER, Map.of()).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void anOidcTrustAllowsTheProviderWithMatchingClaims() {
        String provider = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
        PolicyDocument t = PolicyJson.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{
                  "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                  "StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/*:ref:refs/heads/main"}}}]}
                """.formatted(provider));
        Request good = new Request(provider, "sts:AssumeRoleWithWebIdentity", null, RequestContext.of(Map.of(
                "token.actions.githubusercontent.com:aud", List.of("sts.amazonaws.com"),
                "token.actions.githubusercontent.com:sub", List.of("repo:myorg/app:ref:refs/heads/main"))));
        assertThat(evaluator.evaluate(t, List.of(), good).decision()).isEqualTo(Decision.ALLOW);
        Request branch = new Request(provider, "sts:AssumeRoleWithWebIdentity", null, RequestContext.of(Map.of(
                "token.actions.githubusercontent.com:aud", List.of("sts.amazonaws.com"),
                "token.actions.githubusercontent.com:sub", List.of("repo:myorg/app:ref:refs/heads/dev"))));
        assertThat(evaluator.evaluate(t, List.of(), branch).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        Request otherProvider = new Request("arn:aws:iam::111111111111:oidc-provider/example.com",
                "sts:AssumeRoleWithWebIdentity", null, good.context());
        assertThat(evaluator.evaluate(t, List.of(), otherProvider).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com | Federated
            cognito-identity.amazonaws.com                                              | Federated
            ec2.amazonaws.com                                                           | Service
            arn:aws:sts::111111111111:assumed-role/r/s                                  | AWS
            111111111111                                                                | AWS
            """)
    void principalsAreTypedAsIamTypesThem(String principal, String type) {
        assertThat(Principal.typeOf(principal)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sts:AssumeRole       | sts:AssumeRole           | true
            sts:assumerole       | STS:AssumeRole           | true
            sts:Assume*          | sts:AssumeRoleWithSAML   | true
            sts:Assume?ole       | sts:AssumeRole           | true
            s3:*                 | sts:AssumeRole           | false
            *                    | iam:PassRole             | true
            """)
    void actionsMatchCaseInsensitivelyWithWildcards(String pattern, String action, boolean expected) {
        assertThat(PolicyEvaluator.actionMatches(pattern, action)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:s3:::bucket/*                          | arn:aws:s3:::bucket/a/b       | allow
            arn:aws:s3:::bucket/*                          | arn:aws:s3:::other/a          | implicit-deny
            arn:aws:iam::*:role/deploy-*                   | arn:aws:iam::1:role/deploy-x  | allow
            arn:aws:s3:::home/${aws:username}/*            | arn:aws:s3:::home/ana/x       | allow
            arn:aws:s3:::home/${aws:username}/*            | arn:aws:s3:::home/bob/x       | implicit-deny
            """)
    void resourcesMatchAsArnsWithWildcardsAndVariables(String pattern, String resource, String expected) {
        PolicyDocument identity = PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + pattern + "\"}]}");
        Evaluation e = evaluator.evaluate(null, List.of(identity), new Request("arn:aws:iam::111111111111:user/ana",
                "s3:GetObject", resource, RequestContext.of(Map.of("aws:username", List.of("ana")))));
        assertThat(e.decision().json()).isEqualTo(expected);
    }

    @Test
    void notActionAndNotResourceInvertTheMatch() {
        PolicyDocument identity = PolicyJson.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}]}""");
        String user = "arn:aws:iam::111111111111:user/u";
        assertThat(evaluator.evaluate(null, List.of(identity), new Request(user, "s3:GetObject", "arn:aws:s3:::b/k", null))
                .decision()).isEqualTo(Decision.ALLOW);
        assertThat(evaluator.evaluate(null, List.of(identity), new Request(user, "iam:CreateRole", "arn:aws:s3:::b/k", null))
                .decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(evaluator.evaluate(null, List.of(identity), new Request(user, "s3:GetObject", "arn:aws:s3:::secret/k", null))
                .decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
