package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.setup.Workflow;
import dev.rolechain.testsupport.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule, firing and not firing. */
class LintRulesTest {
    private static final String PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
    private static final String AUD = "\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"";
    private static final String SUB = "\"token.actions.githubusercontent.com:sub\":\"repo:myorg/app:ref:refs/heads/main\"";
    private static final String CROSS = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:role/oidc\"},"
            + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"x-1\"}}}";

    private final Services services = new Services();
    private final Linter linter = services.linter();

    private static String oidc(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"" + (condition.isEmpty() ? "" : ",\"Condition\":" + condition)
                + "}]}";
    }

    private static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            RC101 | fires     | no condition                | oidc  | ``                                                                  | true
            RC101 | not fires | aud and sub                 | oidc  | `{"StringEquals":{AUD,SUB}}`                                          | true
            RC102 | fires     | aud only                    | oidc  | `{"StringEquals":{AUD}}`                                              | true
            RC102 | not fires | aud and sub                 | oidc  | `{"StringEquals":{AUD,SUB}}`                                          | true
            RC103 | fires     | sub only                    | oidc  | `{"StringEquals":{SUB}}`                                              | true
            RC103 | fires     | another audience            | oidc  | `{"StringEquals":{"token.actions.githubusercontent.com:aud":"other",SUB}}` | true
            RC103 | not fires | the audience                | oidc  | `{"StringEquals":{AUD,SUB}}`                                          | true
            RC102 | fires     | sub star                    | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"*"}}` | false
            RC102 | fires     | any owner                   | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}` | false
            RC104 | fires     | another owner               | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:evil/app:*"}}` | false
            RC104 | fires     | org-wide into production    | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/*:ref:refs/heads/main"}}` | true
            RC102 | fires     | only a negated sub          | oidc  | `{"StringEquals":{AUD},"StringNotLike":{"token.actions.githubusercontent.com:sub":"repo:*:pull_request"}}` | false
            RC102 | not fires | owner-wide                  | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/*:ref:refs/heads/main"}}` | false
            RC111 | fires     | a misspelt issuer key       | oidc  | `{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubuser.com:sub":"repo:myorg/app:ref:refs/heads/main"}}` | false
            RC111 | fires     | a key AWS does not have     | oidc  | `{"StringEquals":{AUD,SUB,"token.actions.githubusercontent.com:repository_visibility":"private"}}` | false
            RC111 | fires     | the bare repo: prefix       | oidc  | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:sub":"repo:"}}` | false
            RC111 | not fires | aud and sub                 | oidc  | `{"StringEquals":{AUD,SUB}}`                                          | false
            RC111 | not fires | claims AWS evaluates        | oidc  | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:repository_id":"123456","token.actions.githubusercontent.com:ref":"refs/heads/main"}}` | false
            RC102 | not fires | claims AWS evaluates        | oidc  | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:repository_id":"123456","token.actions.githubusercontent.com:ref":"refs/heads/main"}}` | false
            RC104 | not fires | one repository              | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:ref:refs/heads/*"}}` | true
            RC105 | fires     | wildcard under StringEquals | oidc  | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | false
            RC105 | not fires | wildcard under StringLike   | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | false
            RC106 | fires     | ForAllValues on sub         | oidc  | `{"StringEquals":{AUD},"ForAllValues:StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | false
            RC106 | fires     | ForAnyValue on sub          | oidc  | `{"StringEquals":{AUD},"ForAnyValue:StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | false
            RC106 | not fires | plain StringLike            | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | false
            RC107 | fires     | pull requests to production | oidc  | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:sub":"repo:myorg/app:pull_request"}}` | true
            RC107 | fires     | any run to production       | oidc  | `{"StringEquals":{AUD},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:*"}}` | true
            RC108 | fires     | a case-insensitive branch into production | oidc | `{"StringEquals":{AUD},"StringEqualsIgnoreCase":{"token.actions.githubusercontent.com:sub":"repo:myorg/app:ref:refs/heads/main"}}` | true
            RC108 | not fires | the branch as written into production | oidc | `{"StringEquals":{AUD,SUB}}` | true
            RC107 | not fires | pull requests, not production | oidc | `{"StringEquals":{AUD,"token.actions.githubusercontent.com:sub":"repo:myorg/app:pull_request"}}` | false
            RC201 | fires     | no ExternalId               | cross | `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/oidc"},"Action":["sts:AssumeRole","sts:TagSession"]}` | false
            RC201 | not fires | ExternalId                  | cross | `CROSS`                                                               | false
            RC202 | fires     | account root                | cross | `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}` | false
            RC202 | fires     | account id                  | cross | `{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}` | false
            RC202 | not fires | the role                    | cross | `CROSS`                                                               | false
            RC203 | fires     | Principal star              | cross | `{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}`        | false
            RC203 | fires     | AWS star                    | cross | `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}` | false
            RC203 | not fires | the role                    | cross | `CROSS`                                                               | false
            RC204 | fires     | no sts:TagSession           | cross | `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/oidc"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x-1"}}}` | false
            RC204 | not fires | sts:TagSession allowed      | cross | `CROSS`                                                               | false
            RC205 | fires     | NotPrincipal                | cross | `CROSS,{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:role/oidc"},"Action":"sts:AssumeRole"}` | false
            RC205 | not fires | Principal                   | cross | `CROSS`                                                               | false
            """)
    void trustRules(String rule, String fires, String name, String kind, String body, boolean production) {
        String json = kind.equals("oidc") ? oidc(body.replace("AUD", AUD).replace("SUB", SUB)) : doc(body.replace("CROSS", CROSS));
        TrustContext context = kind.equals("oidc")
                ? new TrustContext("myorg", "sts.amazonaws.com", production, null, "111111111111")
                : new TrustContext("myorg", "sts.amazonaws.com", production, true, "222222222222");
        List<Finding> findings = new TrustLint().lint("trust.json", PolicyJson.parse(json), context);
        if (fires.equals("fires")) {
            assertThat(findings).as(name).anySatisfy(f -> {
                assertThat(f.ruleId()).isEqualTo(rule);
                assertThat(f.location()).startsWith("trust.json: Statement[");
                assertThat(f.message()).isNotBlank();
                assertThat(f.fix()).isNotBlank();
            });
        } else {
            assertThat(findings).as(name).noneMatch(f -> f.ruleId().equals(rule));
        }
    }

    @Test
    void anyOwnerIsAnErrorAndOwnerWideAWarningThatBecomesAnErrorForProduction() {
        List<Finding> anyOwner = linter.lintPolicy("t", PolicyJson.parse(oidc("{\"StringEquals\":{" + AUD
                + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:*\"}}")), Linter.PolicyType.TRUST);
        assertThat(anyOwner).filteredOn(f -> f.ruleId().equals("RC102")).extracting(Finding::severity)
                .containsExactly(Severity.ERROR);
        List<Finding> ownerWideAlone = linter.lintPolicy("t", PolicyJson.parse(oidc("{\"StringEquals\":{" + AUD
                + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:myorg/*:*\"}}")), Linter.PolicyType.TRUST);
        assertThat(ownerWideAlone).filteredOn(f -> f.ruleId().equals("RC104")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("every repository of myorg").contains("repo:myorg/rolechain-probe-repository");
        });
        List<Finding> orgWide = new TrustLint().lint("t", PolicyJson.parse(oidc("{\"StringEquals\":{" + AUD
                + "},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:myorg/*:*\"}}")),
                new TrustContext("myorg", null, true, null, null));
        assertThat(orgWide).filteredOn(f -> f.ruleId().equals("RC104")).extracting(Finding::severity)
                .containsExactly(Severity.ERROR);
    }

    @Test
    void rc402FlagsAssumeRoleOnEveryRole() {
        String star = doc("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}");
        String exact = doc("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::2:role/x\"}");
        assertThat(linter.lintPolicy("p", PolicyJson.parse(star), Linter.PolicyType.IDENTITY)).extracting(Finding::ruleId)
                .containsExactly("RC402");
        assertThat(linter.lintPolicy("p", PolicyJson.parse(exact), Linter.PolicyType.IDENTITY)).isEmpty();
    }

    // ------------------------------------------------------------ Setup-level rules

    private static final String POWER_USER = "arn:aws:iam::aws:policy/PowerUserAccess";

    private static Setup twoTargets(OidcRoles mode, int duration) {
        Target prod = new Target("prod", "222222222222", null, "deploy", "ext-prod-4f9c2a7d1e", true,
                List.of(Subject.environment("app", "production")), List.of(POWER_USER), Map.of(), 3600, null);
        Target dev = new Target("dev", "333333333333", null, "deploy", "ext-dev-8b3e6f0a5c", false,
                List.of(Subject.branch("app", "*")), List.of(POWER_USER), Map.of(), 3600, null);
        GitHub github = new GitHub("myorg", null, null, GitHub.DEFAULT_AUDIENCE, null, null, Map.of(), null,
                Map.of("production", new GitHub.Environment(List.of("myorg/platform"), List.of("main"), true, 0)));
        return new Setup(github,
                new Tooling("111111111111", "us-east-1", null, true, "gha", mode, 3600), List.of(prod, dev),
                new Workflow(Workflow.DEFAULT_ACTION_REF, null, true, "GitHubActions", duration));
    }

    private List<Finding> lintSetup(Setup setup) {
        DesiredState state = services.planner().plan(setup);
        return linter.lintSetup(state, services.renderer().workflow(state));
    }

    @Test
    void rc110FlagsAProductionEnvironmentWhoseProtectionTheSetupDoesNotName() {
        Setup named = twoTargets(OidcRoles.PER_TARGET, 3600);
        assertThat(lintSetup(named)).extracting(Finding::ruleId).doesNotContain("RC110");
        Setup unnamed = new Setup(GitHub.of("myorg"), named.tooling(), named.targets(), named.workflow());
        assertThat(lintSetup(unnamed)).filteredOn(f -> f.ruleId().equals("RC110")).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("targets[0].subjects[0]");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("deploys from environment production, whose protection the Setup does not name");
        });
        Setup noReviewers = new Setup(new GitHub("myorg", null, null, GitHub.DEFAULT_AUDIENCE, null, null, Map.of(), null,
                Map.of("production", new GitHub.Environment(List.of(), List.of("main"), false, 0))), named.tooling(),
                named.targets(), named.workflow());
        assertThat(lintSetup(noReviewers)).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("has no reviewers: any job that names it deploys"));
    }

    @Test
    void rc403FlagsASharedRoleThatLetsNonProductionSubjectsReachProduction() {
        assertThat(lintSetup(twoTargets(OidcRoles.SHARED, 3600))).extracting(Finding::ruleId).contains("RC403");
        assertThat(lintSetup(twoTargets(OidcRoles.PER_TARGET, 3600))).extracting(Finding::ruleId).doesNotContain("RC403");
    }

    /** The two-target Setup with its production target changed. */
    private static Setup withProduction(java.util.function.UnaryOperator<Target> change) {
        Setup base = twoTargets(OidcRoles.PER_TARGET, 3600);
        return new Setup(base.github(), base.tooling(), List.of(change.apply(base.targets().get(0)), base.targets().get(1)),
                base.workflow());
    }

    private static Target subjects(Target t, Subject... subjects) {
        return new Target(t.name(), t.accountId(), t.profile(), t.roleName(), t.externalId(), t.production(),
                List.of(subjects), t.managedPolicyArns(), t.inlinePolicies(), t.maxSessionSeconds(),
                t.permissionsBoundaryArn(), t.acceptRisk());
    }

    private static Target accepting(Target t, Map<String, String> accept) {
        return new Target(t.name(), t.accountId(), t.profile(), t.roleName(), t.externalId(), t.production(), t.subjects(),
                t.managedPolicyArns(), t.inlinePolicies(), t.maxSessionSeconds(), t.permissionsBoundaryArn(), accept);
    }

    private List<String> errors(Setup setup) {
        return lintSetup(setup).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::ruleId).toList();
    }

    @Test
    void riskyProductionAccessIsAnErrorUnlessTheTargetAcceptsItWithAReason() {
        assertThat(errors(withProduction(t -> subjects(t, Subject.branch("*", "main"))))).contains("RC104");
        assertThat(errors(withProduction(t -> subjects(t, Subject.any("app"))))).contains("RC108");
        assertThat(errors(withProduction(t -> subjects(t, Subject.branch("app", "*"))))).containsExactly("RC108");
        assertThat(errors(withProduction(t -> subjects(t, Subject.branch("app", "release/*"))))).containsExactly("RC108");
        assertThat(errors(withProduction(t -> subjects(t, Subject.pullRequest("app"))))).containsExactly("RC107");
        assertThat(errors(twoTargets(OidcRoles.SHARED, 3600))).contains("RC403");
        assertThat(errors(withProduction(t -> subjects(t, Subject.branch("app", "main"), Subject.tag("app", "v1.0"))))).isEmpty();

        Setup accepted = withProduction(t -> accepting(subjects(t, Subject.branch("app", "*")),
                Map.of("RC108", "monorepo deploys from every branch")));
        assertThat(errors(accepted)).isEmpty();
        assertThat(lintSetup(accepted)).filteredOn(f -> f.ruleId().equals("RC108")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).startsWith("accepted risk (target prod: monorepo deploys from every branch): ");
        });
        assertThat(services.renderer().render(services.planner().plan(accepted)).stream()
                .filter(a -> a.path().equals("README.md")).findFirst().orElseThrow().content())
                .contains("## Accepted risks", "| prod | RC108 | `monorepo deploys from every branch` |");
        // accepting one rule accepts only that one
        assertThat(errors(withProduction(t -> accepting(subjects(t, Subject.any("app")),
                Map.of("RC108", "every run"))))).containsExactly("RC107");
    }

    @Test
    void acceptingARiskNeedsAKnownRuleAndAReason() {
        Setup setup = withProduction(t -> accepting(t, new java.util.LinkedHashMap<>(Map.of("RC999", "x", "RC107", " "))));
        assertThat(services.validator().validate(setup)).extracting(dev.rolechain.setup.Problem::path)
                .containsExactlyInAnyOrder("targets[0].acceptRisk.RC999", "targets[0].acceptRisk.RC107");
    }

    @Test
    void rc207FlagsASessionTagThatTheCallerCanChooseAndTheTrustBindsItForOneRepository() throws Exception {
        String scoped = doc("{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":"
                + "\"arn:aws:s3:::b/${aws:PrincipalTag/Repository}/*\"}");
        Setup oneRepo = withProduction(t -> new Target(t.name(), t.accountId(), t.profile(), t.roleName(), t.externalId(),
                t.production(), t.subjects(), t.managedPolicyArns(), Map.of("scoped", scoped), t.maxSessionSeconds(),
                t.permissionsBoundaryArn()));
        assertThat(lintSetup(oneRepo)).extracting(Finding::ruleId).doesNotContain("RC207");
        DesiredState state = services.planner().plan(oneRepo);
        var trust = state.account("222222222222").orElseThrow().role("deploy").orElseThrow().trustPolicy();
        var evaluator = services.evaluator();
        String session = dev.rolechain.iam.Principal.session("aws", "111111111111", "gha-prod", "GitHubActions");
        var identity = List.copyOf(state.tooling().role("gha-prod").orElseThrow().inlinePolicies().values());
        java.util.function.Function<String, dev.rolechain.iam.Decision> tagAs = repo -> evaluator.decide(trust, identity,
                new dev.rolechain.iam.Request(session, "sts:TagSession", "arn:aws:iam::222222222222:role/deploy",
                        dev.rolechain.iam.RequestContext.of(Map.of("sts:ExternalId", List.of("ext-prod-4f9c2a7d1e"),
                                "aws:RequestTag/Repository", List.of(repo)))));
        assertThat(tagAs.apply("myorg/app")).isEqualTo(dev.rolechain.iam.Decision.ALLOW);
        assertThat(tagAs.apply("myorg/someone-else")).as("a forged Repository tag").isNotEqualTo(dev.rolechain.iam.Decision.ALLOW);

        Setup twoRepos = withProduction(t -> new Target(t.name(), t.accountId(), t.profile(), t.roleName(), t.externalId(),
                t.production(), List.of(Subject.environment("app", "production"), Subject.environment("web", "production")),
                t.managedPolicyArns(), Map.of("scoped", scoped), t.maxSessionSeconds(), t.permissionsBoundaryArn()));
        assertThat(lintSetup(twoRepos)).filteredOn(f -> f.ruleId().equals("RC207")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location()).isEqualTo("policies/222222222222/deploy/inline-scoped.json");
            assertThat(f.message()).contains("the trust lets the caller choose it", "can tag Repository with another value");
        });
    }

    @Test
    void smallerRulesFlagLongChainedSessionsWeakExternalIdsTheToolingAccountRepeatsAndNoPermissions() {
        Setup base = twoTargets(OidcRoles.PER_TARGET, 3600);
        Target prod = base.targets().get(0);
        Target weak = new Target("prod", "111111111111", null, "deploy", "111111111111", true,
                List.of(Subject.environment("app", "production"), Subject.environment("app", "production")),
                List.of(), Map.of(), 7200, null);
        Target dev = new Target("dev", "333333333333", null, "deploy", "111111111111", false,
                List.of(Subject.branch("app", "*")), List.of(POWER_USER), Map.of(), 3600, null);
        Setup setup = new Setup(base.github(), base.tooling(), List.of(weak, dev), base.workflow());
        List<Finding> findings = lintSetup(setup);
        assertThat(findings).extracting(f -> f.rule() + " " + f.location()).contains("RC208 targets[0].maxSessionSeconds",
                "RC209 targets[0].externalId", "RC209 targets", "RC210 targets[0].accountId", "RC211 targets[0].subjects[1]",
                "RC212 targets[0]");
        assertThat(findings).filteredOn(f -> f.ruleId().compareTo("RC208") >= 0 && f.ruleId().compareTo("RC212") <= 0)
                .extracting(Finding::severity).containsOnly(Severity.WARNING);
        assertThat(lintSetup(base)).extracting(Finding::ruleId).doesNotContain("RC208", "RC209", "RC210", "RC211", "RC212");
        assertThat(prod.externalId()).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void rc206FlagsAChainedSessionLongerThanAnHour() {
        assertThat(lintSetup(twoTargets(OidcRoles.PER_TARGET, 7200))).extracting(Finding::ruleId).contains("RC206");
        assertThat(lintSetup(twoTargets(OidcRoles.PER_TARGET, 3600))).extracting(Finding::ruleId).doesNotContain("RC206");
    }

    @Test
    void aRolechainPlanHasNoErrorsOrWarningsButOrgWideProductionSubjects() {
        assertThat(lintSetup(twoTargets(OidcRoles.PER_TARGET, 3600))).extracting(Finding::severity)
                .containsOnly(Severity.INFO);
    }

    @Test
    void rc401FlagsAnOidcRoleThatMayNotAssumeItsTarget() {
        DesiredState state = services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600));
        assertThat(linter.lintSetup(state, null)).extracting(Finding::ruleId).doesNotContain("RC401");
        List<IamAccount> accounts = new ArrayList<>(state.accounts());
        IamAccount tooling = state.tooling();
        List<Role> roles = tooling.roles().stream().map(r -> new Role(r.name(), r.path(), r.description(), r.trustPolicy(),
                Map.of("other", PolicyJson.parse(doc("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"arn:aws:iam::999999999999:role/x\"}"))), r.managedPolicyArns(),
                r.maxSessionDuration(), r.permissionsBoundaryArn(), r.tags())).toList();
        accounts.set(accounts.indexOf(tooling), new IamAccount(tooling.accountId(), tooling.oidcProviders(), roles));
        DesiredState broken = new DesiredState(state.setup(), state.partition(), state.issuer(), state.audience(),
                state.createProvider(), state.providerArn(), state.toolingAccountId(), accounts, state.chains());
        assertThat(linter.lintSetup(broken, null)).filteredOn(f -> f.ruleId().equals("RC401")).hasSize(4)
                .allSatisfy(f -> assertThat(f.message()).contains("may not sts:"));
    }

    // ------------------------------------------------------------ workflow rules

    private static final String GOOD = """
            on: push
            permissions:
              id-token: write
              contents: read
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment: production
                steps:
                  - uses: aws-actions/configure-aws-credentials@0123456789abcdef0123456789abcdef01234567
                    with:
                      role-to-assume: arn:aws:iam::111111111111:role/gha-prod
                      aws-region: us-east-1
                  - uses: aws-actions/configure-aws-credentials@0123456789abcdef0123456789abcdef01234567
                    with:
                      role-to-assume: arn:aws:iam::222222222222:role/deploy
                      role-chaining: true
                      role-external-id: ext-prod
                      role-duration-seconds: 3600
            """;

    private List<String> workflowRules(String yaml) {
        DesiredState state = services.planner().plan(twoTargets(OidcRoles.PER_TARGET, 3600));
        return linter.lintWorkflow("w.yml", new WorkflowParser().parse(yaml), state).stream().map(Finding::ruleId).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            RC301 | `id-token: write`                               | `id-token: read`
            RC302 | `role-chaining: true`                           | `role-chaining: false`
            RC303 | `role-external-id: ext-prod`                    | `role-session-name: deploy`
            RC304 | `@0123456789abcdef0123456789abcdef01234567`     | `@v6`
            RC305 | `role-duration-seconds: 3600`                   | `role-duration-seconds: 7200`
            RC306 | `environment: production`                       | `environment: staging`
            """)
    void workflowRulesFireOnlyOnTheBrokenFile(String rule, String good, String bad) {
        assertThat(workflowRules(GOOD)).as("the good workflow").isEmpty();
        String broken = GOOD.replace(good, bad);
        assertThat(broken).isNotEqualTo(GOOD);
        assertThat(workflowRules(broken)).contains(rule);
    }

    @Test
    void rc306FlagsAJobWithoutEnvironmentWhenTheTrustAdmitsOnlyEnvironments() {
        assertThat(workflowRules(GOOD.replace("    environment: production\n", ""))).contains("RC306");
    }

    /** A dev job whose OIDC trust admits release branches (IAM: release/ and anything after, slashes too). */
    private List<Finding> releaseTriggers(String on) {
        Setup base = twoTargets(OidcRoles.PER_TARGET, 3600);
        Target dev = new Target("dev", "333333333333", null, "deploy", "ext-dev-8b3e6f0a5c", false,
                List.of(Subject.branch("app", "release/*"), Subject.tag("app", "v*")), List.of(POWER_USER), Map.of(), 3600, null);
        DesiredState state = services.planner().plan(new Setup(base.github(), base.tooling(), List.of(base.targets().get(0),
                dev), base.workflow()));
        String yaml = on + GOOD.substring(GOOD.indexOf("permissions:")).replace("gha-prod", "gha-dev")
                .replace("    environment: production\n", "").replace("222222222222", "333333333333");
        return linter.lintWorkflow("w.yml", new WorkflowParser().parse(yaml), state).stream()
                .filter(f -> f.ruleId().startsWith("RC307") || f.ruleId().startsWith("RC308")).toList();
    }

    @Test
    void rc307AndRc308CompareThePushFiltersWithTheRefsTheTrustAdmits() {
        assertThat(releaseTriggers("on:\n  push:\n    branches: ['release/**']\n    tags: ['v*']\n")).isEmpty();
        assertThat(releaseTriggers("on:\n  push:\n    branches: ['release/*']\n    tags: ['v*']\n"))
                .as("GitHub's release/* starts release/x, which the trust admits").isEmpty();
        List<Finding> typo = releaseTriggers("on:\n  push:\n    branches: ['releases/*']\n    tags: ['v*']\n");
        assertThat(typo).extracting(Finding::ruleId).containsExactly("RC307", "RC308");
        assertThat(typo.get(0).message()).isEqualTo("the trust of gha-dev admits the branch pattern \"release/*\", but the "
                + "push filters [releases/*] never start this workflow on such a branch (GitHub's * stops at /, IAM's does not)");
        assertThat(typo.get(0).location()).isEqualTo("w.yml:2 (on.push, jobs.deploy)");
        assertThat(typo.get(1).message()).contains("start job deploy on the branch \"releases/x\", which the trust of "
                + "gha-dev does not admit");
        assertThat(releaseTriggers("on:\n  push:\n    branches: ['releases/*']\n  workflow_dispatch: {}\n"))
                .as("a dispatch may run on any branch: the grant is reachable").extracting(Finding::ruleId)
                .containsExactly("RC308");
        assertThat(releaseTriggers("on:\n  push:\n    branches: ['release/*']\n"))
                .as("only branches filtered: tag pushes never start it").extracting(Finding::message)
                .singleElement().asString().contains("admits the tag pattern \"v*\"");
    }

    @Test
    void gitHubsFilterGlobIsNotIams() {
        assertThat(dev.rolechain.github.PushFilter.matches("release/*", "release/a")).isTrue();
        assertThat(dev.rolechain.github.PushFilter.matches("release/*", "release/a/b")).isFalse();
        assertThat(dev.rolechain.github.PushFilter.matches("release/**", "release/a/b")).isTrue();
        assertThat(dev.rolechain.github.PushFilter.matches("v[12].+", "v2.0")).isFalse();
        assertThat(dev.rolechain.github.PushFilter.matches("v[12]+", "v1122")).isTrue();
        assertThat(dev.rolechain.github.PushFilter.matches("feature?", "feature")).isTrue();
        assertThat(dev.rolechain.github.PushFilter.matches("a\\*b", "a*b")).isTrue();
        var filter = new dev.rolechain.github.PushFilter(List.of("release/**", "!release/**-alpha"), null, null, null, 1);
        assertThat(filter.startsBranch("release/1")).isTrue();
        assertThat(filter.startsBranch("release/1-alpha")).isFalse();
        assertThat(filter.startsTag("v1")).isFalse();
    }

    @Test
    void theArticlesWorkflowAndScenarioReportRc303AndRc104() throws Exception {
        DesiredState article = services.planner().plan(Examples.load("article"));
        String yaml = Files.readString(Path.of("examples/article-workflow.yml"));
        List<Finding> workflow = linter.lintWorkflow("article-workflow.yml", new WorkflowParser().parse(yaml), article);
        assertThat(workflow).filteredOn(f -> f.ruleId().equals("RC303")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(linter.lintSetup(article, services.renderer().workflow(article))).extracting(Finding::ruleId)
                .contains("RC104").doesNotContain("RC303", "RC403");
    }
}
