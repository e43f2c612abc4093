package dev.rolechain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.iam.Condition;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Principals;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Statement;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupValidator;
import dev.rolechain.testsupport.Examples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each quota at, just under and just over its limit, measured on planned roles as IAM measures them. */
class QuotaCheckTest {
    private static final Services SERVICES = new Services();
    private static final DesiredState BASE = SERVICES.planner().plan(Examples.load("three-targets"));
    private static final Role ROLE = BASE.account("555555555555").orElseThrow().role("gha-deploy").orElseThrow();

    /** The base plan with the prod account holding {@code roles} and the tooling account the provider. */
    private static DesiredState with(Setup setup, List<Role> roles, OidcProvider provider) {
        List<IamAccount> accounts = new ArrayList<>();
        for (IamAccount a : BASE.accounts()) {
            if (a.accountId().equals("555555555555")) {
                accounts.add(new IamAccount(a.accountId(), List.of(), roles));
            } else if (a.accountId().equals(BASE.toolingAccountId()) && provider != null) {
                accounts.add(new IamAccount(a.accountId(), List.of(provider), a.roles()));
            } else {
                accounts.add(a);
            }
        }
        return new DesiredState(setup, BASE.partition(), BASE.issuer(), BASE.audience(), BASE.createProvider(),
                BASE.providerArn(), BASE.toolingAccountId(), accounts, BASE.chains());
    }

    private static DesiredState role(Role role) {
        return with(BASE.setup(), List.of(role), null);
    }

    private static Role copy(Role r, String name, String path, String description, PolicyDocument trust,
            Map<String, PolicyDocument> inline, List<String> managed, int maxSession, Map<String, String> tags) {
        return new Role(name, path, description, trust, inline, managed, maxSession, r.permissionsBoundaryArn(), tags);
    }

    /** A trust policy of exactly {@code size} characters as IAM counts them. */
    private static PolicyDocument trustOfSize(int size) {
        IntFunction<PolicyDocument> doc = pad -> PolicyDocument.of(Statement.allowPrincipal("RolechainOidcRoleChain",
                Principals.of("AWS", "arn:aws:iam::111111111111:role/gha-oidc-prod"), List.of("sts:AssumeRole"),
                List.of(new Condition("StringEquals", "sts:ExternalId", "x".repeat(pad)))));
        int base = (int) QuotaCheck.size(doc.apply(0));
        return doc.apply(size - base);
    }

    private static PolicyDocument identityOfSize(int size) {
        IntFunction<PolicyDocument> doc = pad -> PolicyDocument.of(Statement.allow("S", List.of("s3:GetObject"),
                List.of("arn:aws:s3:::" + "b".repeat(pad))));
        int base = (int) QuotaCheck.size(doc.apply(1));
        return doc.apply(size - base + 1);
    }

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.range(0, count).forEach(i -> tags.put("k" + i, "v"));
        return tags;
    }

    static Stream<Arguments> quotas() {
        Role r = ROLE;
        return Stream.of(
                Arguments.of(Quota.TRUST_POLICY_SIZE, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/",
                        "d", trustOfSize(n), Map.of(), List.of(), 3600, Map.of()))),
                Arguments.of(Quota.INLINE_POLICIES_SIZE, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/", "d",
                        r.trustPolicy(), Map.of("a", identityOfSize(n / 2), "b", identityOfSize(n - n / 2)), List.of(),
                        3600, Map.of()))),
                Arguments.of(Quota.MANAGED_POLICIES_PER_ROLE, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/",
                        "d", r.trustPolicy(), Map.of(), IntStream.range(0, n).mapToObj(i -> "arn:aws:iam::aws:policy/P" + i)
                                .toList(), 3600, Map.of()))),
                Arguments.of(Quota.ROLES_PER_ACCOUNT, (IntFunction<DesiredState>) n -> with(BASE.setup(),
                        IntStream.range(0, n).mapToObj(i -> copy(r, "role-" + i, "/", "d", r.trustPolicy(), Map.of(),
                                List.of(), 3600, Map.of())).toList(), null)),
                Arguments.of(Quota.TAGS_PER_ROLE, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/", "d",
                        r.trustPolicy(), Map.of(), List.of(), 3600, tags(n)))),
                Arguments.of(Quota.TAG_KEY_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/", "d",
                        r.trustPolicy(), Map.of(), List.of(), 3600, Map.of("k".repeat(n), "v")))),
                Arguments.of(Quota.TAG_VALUE_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/", "d",
                        r.trustPolicy(), Map.of(), List.of(), 3600, Map.of("k", "v".repeat(n))))),
                Arguments.of(Quota.ROLE_NAME_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, "r".repeat(n), "/", "d",
                        r.trustPolicy(), Map.of(), List.of(), 3600, Map.of()))),
                Arguments.of(Quota.ROLE_PATH_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, r.name(),
                        "/" + "p".repeat(n - 2) + "/", "d", r.trustPolicy(), Map.of(), List.of(), 3600, Map.of()))),
                Arguments.of(Quota.ROLE_DESCRIPTION_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/",
                        "d".repeat(n), r.trustPolicy(), Map.of(), List.of(), 3600, Map.of()))),
                Arguments.of(Quota.INLINE_POLICY_NAME_LENGTH, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/",
                        "d", r.trustPolicy(), Map.of("n".repeat(n), identityOfSize(200)), List.of(), 3600, Map.of()))),
                Arguments.of(Quota.MAX_SESSION_DURATION, (IntFunction<DesiredState>) n -> role(copy(r, r.name(), "/", "d",
                        r.trustPolicy(), Map.of(), List.of(), n, Map.of()))),
                Arguments.of(Quota.CLIENT_IDS_PER_PROVIDER, (IntFunction<DesiredState>) n -> with(BASE.setup(),
                        List.of(r), new OidcProvider("https://token.actions.githubusercontent.com",
                                IntStream.range(0, n).mapToObj(i -> "aud-" + i).toList(), List.of(), Map.of()))),
                Arguments.of(Quota.THUMBPRINTS_PER_PROVIDER, (IntFunction<DesiredState>) n -> with(BASE.setup(),
                        List.of(r), new OidcProvider("https://token.actions.githubusercontent.com",
                                List.of("sts.amazonaws.com"), IntStream.range(0, n).mapToObj(i -> "%040d".formatted(i))
                                        .toList(), Map.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotas")
    void aQuotaHoldsAtAndUnderItsLimitAndBreaksOneOver(Quota quota, IntFunction<DesiredState> plan) {
        int limit = quota.defaultLimit();
        assertThat(breaches(plan.apply(limit - 1), quota)).as("just under").isEmpty();
        assertThat(breaches(plan.apply(limit), quota)).as("at the limit").isEmpty();
        assertThat(breaches(plan.apply(limit + 1), quota)).as("just over").singleElement().satisfies(b -> {
            assertThat(b.measured()).isEqualTo(limit + 1);
            assertThat(b.limit()).isEqualTo(limit);
            assertThat(b.message()).contains(QuotaCheck.number(limit + 1) + " " + quota.unit() + ", over the limit of "
                    + QuotaCheck.number(limit), quota.adjustable() ? "can be raised to " + QuotaCheck.number(quota.maxLimit())
                    : "cannot be raised", quota.advice());
        });
    }

    private static List<QuotaCheck.Breach> breaches(DesiredState state, Quota quota) {
        return QuotaCheck.check(state).stream().filter(b -> b.quota() == quota).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotas")
    void aRaisedLimitHoldsUpToWhatAwsAllows(Quota quota, IntFunction<DesiredState> plan) {
        if (!quota.adjustable()) {
            return;
        }
        Setup raised = new Setup(BASE.setup().github(), BASE.setup().tooling(), BASE.setup().targets(),
                BASE.setup().workflow(), Map.of(quota.key(), quota.maxLimit()));
        DesiredState at = plan.apply(quota.maxLimit());
        DesiredState over = plan.apply(quota.maxLimit() + 1);
        assertThat(breaches(withSetup(at, raised), quota)).isEmpty();
        assertThat(breaches(withSetup(over, raised), quota)).hasSize(1);
        assertThat(breaches(at, quota)).as("not raised").hasSize(1);
        assertThat(SERVICES.validator().validate(raised)).isEmpty();
        Setup tooHigh = new Setup(raised.github(), raised.tooling(), raised.targets(), raised.workflow(),
                Map.of(quota.key(), quota.maxLimit() + 1));
        assertThat(SERVICES.validator().validate(tooHigh)).extracting(dev.rolechain.setup.Problem::path)
                .containsExactly("quotas." + quota.key());
    }

    private static DesiredState withSetup(DesiredState s, Setup setup) {
        return new DesiredState(setup, s.partition(), s.issuer(), s.audience(), s.createProvider(), s.providerArn(),
                s.toolingAccountId(), s.accounts(), s.chains());
    }

    @Test
    void theSetupsRaisableQuotasAreTheAdjustableOnesOfTheTable() {
        Map<String, List<Integer>> table = new LinkedHashMap<>();
        for (Quota q : Quota.values()) {
            if (q.adjustable()) {
                table.put(q.key(), List.of(q.defaultLimit(), q.maxLimit()));
            }
        }
        Map<String, List<Integer>> validator = new LinkedHashMap<>();
        SetupValidator.RAISABLE_QUOTAS.forEach((k, v) -> validator.put(k, List.of(v[0], v[1])));
        assertThat(validator).isEqualTo(table);
    }

    @Test
    void aPolicysSizeIsItsCharactersWithoutWhitespaceBetweenTokens() {
        PolicyDocument doc = PolicyJson.parse("{ \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ { \"Effect\" : \"Allow\", "
                + "\"Action\" : \"s3:GetObject\", \"Resource\" : \"arn:aws:s3:::a b/*\" } ] }");
        String compact = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::a b/*\"}]}";
        assertThat(QuotaCheck.size(doc)).isEqualTo(compact.length());
        assertThat(QuotaCheck.size(doc)).isEqualTo(PolicyJson.print(doc).replaceAll("\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", "")
                .length());
    }

    @Test
    void theChainedSessionAndTheExternalIdLengthAreCheckedAtTheirLimitsToo() {
        Setup base = BASE.setup();
        for (int duration : List.of(3599, 3600, 3601)) {
            Setup s = new Setup(base.github(), base.tooling(), base.targets(), new dev.rolechain.setup.Workflow(
                    base.workflow().actionRef(), null, true, "GitHubActions", duration));
            var findings = SERVICES.linter().lintSetup(SERVICES.planner().plan(s), null);
            assertThat(findings.stream().anyMatch(f -> f.ruleId().equals("RC206"))).as("%d s", duration)
                    .isEqualTo(duration > Quota.CHAINED_SESSION.defaultLimit());
        }
        for (int length : List.of(1223, 1224, 1225)) {
            var t = base.targets().get(0);
            var target = new dev.rolechain.setup.Target(t.name(), t.accountId(), t.profile(), t.roleName(), "e".repeat(length),
                    t.production(), t.subjects(), t.managedPolicyArns(), t.inlinePolicies(), t.maxSessionSeconds(),
                    t.permissionsBoundaryArn());
            List<dev.rolechain.setup.Target> targets = new ArrayList<>(base.targets());
            targets.set(0, target);
            Setup s = new Setup(base.github(), base.tooling(), targets, base.workflow());
            assertThat(SERVICES.validator().validate(s).stream().anyMatch(p -> p.path().equals("targets[0].externalId")))
                    .as("%d characters", length).isEqualTo(length > Quota.EXTERNAL_ID_LENGTH.defaultLimit());
        }
    }
}
