package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Principals;
import dev.rolechain.iam.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Lint never says something {@code eval} contradicts: over generated web-identity trusts (GitHub's and another
 * provider's, with positive, negated, set-qualified and IfExists operators on real, misspelt and unknown claim
 * keys, and Deny statements), every probe the judgment says gets in is allowed by the evaluator on the whole
 * document, every probe it says is kept out is denied, a finding that says who gets in quotes a token eval allows,
 * and "no token can match" has every probe denied.
 */
class LintEvalAgreementProperties {
    private static final String GITHUB = "token.actions.githubusercontent.com";
    private static final String EKS = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
    private static final Pattern QUOTED_SUB = Pattern.compile("sub \"([^\"]+)\"");

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final WebIdentityProbes probes = new WebIdentityProbes(evaluator);
    private final TrustLint lint = new TrustLint(evaluator);

    @Property(tries = 1500)
    void lintAndEvalAgreeOnEveryProbe(@ForAll("trusts") PolicyDocument trust, @ForAll boolean production) {
        List<WebIdentityProbes.Judgment> judgments = probes.judge(trust, null);
        for (WebIdentityProbes.Judgment j : judgments) {
            for (WebIdentityProbes.Result r : j.results()) {
                Decision eval = evaluator.evaluate(trust, List.of(), j.request(r.probe())).decision();
                assertThat(eval == Decision.ALLOW).as("%s: probe %s %s", trust.toJson(), r.probe().kind(), r.probe().sub())
                        .isEqualTo(r.admitted());
            }
        }
        List<Finding> findings = lint.lint("trust.json", trust, new TrustContext(null, null, production, null, null));
        for (Finding f : findings) {
            WebIdentityProbes.Judgment j = judgments.stream().filter(x -> f.location().endsWith("[" + x.statement() + "]"))
                    .findFirst().orElse(null);
            switch (f.ruleId()) {
                case "RC111" -> {
                    assertThat(j).isNotNull();
                    assertThat(j.results()).as(f.message()).allSatisfy(r -> assertThat(evaluator.evaluate(trust, List.of(),
                            j.request(r.probe())).decision()).isNotEqualTo(Decision.ALLOW));
                }
                case "RC102", "RC104", "RC107", "RC108" -> {
                    if (f.message().contains("is admitted")) {
                        String sub = quotedSub(f.message());
                        assertThat(j).isNotNull();
                        // some probe with the quoted sub (probes of one sub differ in other claims) is one eval allows
                        assertThat(j.results().stream().map(WebIdentityProbes.Result::probe).filter(p -> p.sub().equals(sub)))
                                .as(f.message()).isNotEmpty().anyMatch(p -> evaluator.evaluate(trust, List.of(),
                                        j.request(p)).decision() == Decision.ALLOW);
                    }
                }
                case "RC120" -> assertThat(j.admitted(WebIdentityProbes.Kind.OTHER_SUBJECT)).isPresent();
                default -> { }
            }
        }
        // a trust that lets any owner in is never reported as nothing-can-match, and the reverse
        for (WebIdentityProbes.Judgment j : judgments) {
            boolean nothing = findings.stream().anyMatch(f -> f.ruleId().equals("RC111")
                    && f.location().endsWith("[" + j.statement() + "]"));
            assertThat(nothing).isEqualTo(j.nothingMatches() && !trust.statements().get(j.statement()).conditions().isEmpty()
                    || j.nothingMatches() && !j.provider().gitHub());
        }
    }

    private static String quotedSub(String message) {
        Matcher m = QUOTED_SUB.matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return m.group(1);
    }

    @Provide
    Arbitrary<PolicyDocument> trusts() {
        Arbitrary<String> issuer = Arbitraries.of(GITHUB, GITHUB, GITHUB, EKS);
        return issuer.flatMap(i -> Combinators.combine(allow(i), deny(i).list().ofMaxSize(2)).as((allow, denies) -> {
            List<Statement> statements = new ArrayList<>();
            statements.add(allow);
            statements.addAll(denies);
            // the document as a file gives it, so that lint and eval read the same thing
            return PolicyJson.parse(PolicyDocument.of(statements.toArray(Statement[]::new)).toJson());
        }));
    }

    private static Arbitrary<Statement> allow(String issuer) {
        return condition(issuer).list().ofMaxSize(4).map(conditions -> Statement.allowPrincipal(
                Principals.of("Federated", "arn:aws:iam::111111111111:oidc-provider/" + issuer),
                List.of("sts:AssumeRoleWithWebIdentity"), conditions));
    }

    private static Arbitrary<Statement> deny(String issuer) {
        return condition(issuer).list().ofMinSize(1).ofMaxSize(2).map(conditions -> new Statement(null, Effect.DENY,
                Principals.of("Federated", "arn:aws:iam::111111111111:oidc-provider/" + issuer), null,
                List.of("sts:AssumeRoleWithWebIdentity"), null, null, null, conditions));
    }

    private static Arbitrary<Condition> condition(String issuer) {
        Arbitrary<String> operator = Arbitraries.of("StringEquals", "StringLike", "StringNotEquals", "StringNotLike",
                "ForAllValues:StringLike", "ForAnyValue:StringEquals", "StringLikeIfExists", "StringEqualsIgnoreCase");
        Arbitrary<String> claim = Arbitraries.of("sub", "sub", "sub", "aud", "repository", "ref", "environment",
                "repository_owner", "job_workflow_ref", "enterprise_id", "Repository");
        Arbitrary<String> prefix = Arbitraries.of(issuer, issuer, issuer, issuer + "x");
        Arbitrary<String> value = Arbitraries.of("repo:acme/app:ref:refs/heads/main", "repo:acme/*", "repo:*", "*",
                "repo:acme/app:*", "repo:acme/app:pull_request", "repo:acme/app:environment:prod", "repo:",
                "repo:acme@12/app@34:ref:refs/heads/*", "repo:acme/app:ref:refs/heads/release/*", "repo:*:pull_request",
                "repository_owner_id:12:repository_id:34:environment:prod", "sts.amazonaws.com", "acme/app",
                "refs/heads/main", "prod", "system:serviceaccount:ns:app", "system:serviceaccount:*", "other-audience",
                "repo:acme*/app:*", "repo:acme@12345/*", "repo:acme/app*:ref:refs/heads/main",
                "repo:acme/app:environment:prod:job_workflow_ref:acme/shared/.github/workflows/d.yml@refs/heads/main",
                "acme/shared/.github/workflows/d.yml@refs/heads/main", "1234");
        return Combinators.combine(operator, prefix, claim, value.list().ofMinSize(1).ofMaxSize(2))
                .as((op, p, c, values) -> new Condition(op, p + ":" + c, values));
    }
}
