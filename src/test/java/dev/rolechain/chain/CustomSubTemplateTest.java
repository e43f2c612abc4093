package dev.rolechain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.github.SubTemplate;
import dev.rolechain.github.SubjectPattern;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.lint.Finding;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.testsupport.ToolingTrust;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * A repository's or organization's OIDC sub customization ({@code include_claim_keys}): the trusts follow the
 * template, admit the granted runs' tokens under it, and nothing else: not another repository's or owner's id,
 * not the default form, not a run the subject does not decide.
 */
class CustomSubTemplateTest {
    private static final Services SERVICES = new Services();
    private static final long OWNER_ID = 123456;
    private static final long APP_ID = 456789;
    private static final long INFRA_ID = 42;
    private static final SubTemplate IDS = new SubTemplate(List.of("repository_owner_id", "repository_id", "context"));
    private static final SubTemplate WORKFLOW = new SubTemplate(List.of("repo", "context", "job_workflow_ref"));

    /** The organization's template names the ids; infra has its own, which pins the workflow. */
    private static Setup custom() throws Exception {
        return ToolingTrust.threeTargetsWith(g -> {
            g.put("ownerId", OWNER_ID);
            IDS.keys().forEach(g.putArray("subTemplate")::add);
            ObjectNode repos = g.putObject("repositories");
            repos.putObject("app").put("id", APP_ID);
            ArrayNode infra = repos.putObject("infra").put("id", INFRA_ID).putArray("subTemplate");
            WORKFLOW.keys().forEach(infra::add);
        });
    }

    private static Decision decide(DesiredState state, String role, TokenClaims token) {
        return ToolingTrust.decide(SERVICES, state, role, token);
    }

    private static TokenClaims token(DesiredState state, String repo, SubjectPattern.Kind kind, String value, long ownerId,
            long repoId, SubTemplate template) {
        return new TokenClaims(state.issuer(), state.audience(), "acme", repo, kind, value, ownerId, repoId, false, template);
    }

    @Test
    void aTemplateRendersTheSubAsGitHubDoes() {
        // GitHub docs: each key becomes key:value, context is the default form's tail, repo is repo:owner/name
        assertThat(IDS.sub("acme", OWNER_ID, "app", APP_ID, false, SubjectPattern.Kind.BRANCH, "main", true))
                .isEqualTo("repository_owner_id:123456:repository_id:456789:ref:refs/heads/main");
        assertThat(WORKFLOW.sub("acme", OWNER_ID, "infra", INFRA_ID, false, SubjectPattern.Kind.TAG, "v1", true))
                .isEqualTo("repo:acme/infra:ref:refs/tags/v1:job_workflow_ref:acme/infra/.github/workflows/deploy.yml@refs/tags/v1");
        assertThat(SubTemplate.DEFAULT.sub("acme", OWNER_ID, "app", APP_ID, true, SubjectPattern.Kind.ENVIRONMENT,
                "production", true)).isEqualTo("repo:acme@123456/app@456789:environment:production");
        assertThat(new SubTemplate(List.of("repository", "event_name", "context")).sub("acme", null, "app", null, false,
                SubjectPattern.Kind.PULL_REQUEST, null, false)).isEqualTo("repository:acme/app:event_name:pull_request:pull_request");
    }

    @Test
    void theTrustsFollowTheTemplateAndAdmitOnlyTheGrantedRepositoriesTokens() throws Exception {
        DesiredState state = SERVICES.planner().plan(custom());
        String prod = state.tooling().role("gha-oidc-prod").orElseThrow().trustPolicy().toJson();
        assertThat(prod).contains("repository_owner_id:123456:repository_id:456789:environment:production")
                .doesNotContain("repo:acme/app");
        var env = SubjectPattern.Kind.ENVIRONMENT;
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID, APP_ID, IDS)))
                .isEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID + 1, APP_ID, IDS)))
                .as("another owner id").isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID, APP_ID + 1, IDS)))
                .as("another repository id").isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID, APP_ID,
                SubTemplate.DEFAULT))).as("the default form").isNotEqualTo(Decision.ALLOW);

        var branch = SubjectPattern.Kind.BRANCH;
        assertThat(decide(state, "gha-oidc-dev", token(state, "infra", branch, "feature/x", OWNER_ID, INFRA_ID, WORKFLOW)))
                .isEqualTo(Decision.ALLOW);
        String otherWorkflow = token(state, "infra", branch, "feature/x", OWNER_ID, INFRA_ID, WORKFLOW).sub()
                .replace("deploy.yml", "other.yml");
        assertThat(SERVICES.evaluator().decide(PolicyJson.parse(state.tooling().role("gha-oidc-dev").orElseThrow()
                .trustPolicy().toJson()), List.of(), new Request(state.providerArn(), "sts:AssumeRoleWithWebIdentity",
                "arn:aws:iam::111111111111:role/gha-oidc-dev", RequestContext.of(java.util.Map.of(
                        state.issuer().subKey(), List.of(otherWorkflow), state.issuer().audKey(), List.of(state.audience()))))))
                .as("another workflow of the repository").isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-dev", token(state, "infra", branch, "feature/x", OWNER_ID, INFRA_ID, IDS)))
                .as("infra's tokens carry its own template, not the organization's").isNotEqualTo(Decision.ALLOW);
    }

    @Test
    void checkFindsEveryCellAsExpectedAndProbesTheDefaultForm() throws Exception {
        List<Cell> cells = SERVICES.chainCheck().check(SERVICES.planner().plan(custom()));
        assertThat(cells).allSatisfy(c -> assertThat(c.asExpected()).as(c.target() + " " + c.subject() + ": "
                + c.reason()).isTrue());
        assertThat(cells).extracting(Cell::probe).contains(
                "GitHub's default sub form (the repository's customization removed)",
                "the same names under another owner id (a recycled owner name)",
                "the same names with another repository id (a recycled repository name)");
        assertThat(cells).filteredOn(c -> c.probe() == null).extracting(Cell::subject).contains(
                "repository_owner_id:123456:repository_id:456789:environment:production",
                "repo:acme/infra:ref:refs/heads/feature/x1:job_workflow_ref:acme/infra/.github/workflows/deploy.yml"
                        + "@refs/heads/feature/x1");
    }

    @Test
    void lintAcceptsTheTemplatesTrustsAndRefusesOneThatNamesNoRepository() throws Exception {
        DesiredState state = SERVICES.planner().plan(custom());
        assertThat(SERVICES.linter().lintSetup(state, SERVICES.renderer().workflow(state)))
                .filteredOn(f -> f.severity() == dev.rolechain.lint.Severity.ERROR).isEmpty();
        PolicyDocument noRepository = PolicyJson.parse(state.tooling().role("gha-oidc-prod").orElseThrow().trustPolicy()
                .toJson().replace("repository_owner_id:123456:repository_id:456789:", "repository_owner_id:123456:"));
        assertThat(SERVICES.linter().lintTrust("trust.json", noRepository, custom().github()))
                .filteredOn(f -> f.ruleId().equals("RC104")).extracting(Finding::message).singleElement().asString()
                .contains("every repository of acme").contains("does not name one repository");
    }

    @Test
    void theValidatorRefusesKeysATrustCannotPinWithTheFieldAndWhatIsAllowed() throws Exception {
        assertThat(SERVICES.validator().validate(custom())).isEmpty();
        assertThat(SetupJson.read(SetupJson.write(custom())).setup()).isEqualTo(custom());

        Setup unknown = ToolingTrust.threeTargetsWith(g -> g.putArray("subTemplate").add("repo").add("actor").add("context"));
        assertThat(SERVICES.validator().validate(unknown)).extracting(Problem::path, Problem::message).anySatisfy(p ->
                assertThat(p.toList()).containsExactly("github.subTemplate[1]", "Rolechain cannot pin the claim \"actor\" "
                        + "in a trust (its value is not in the Setup); allowed: repo, context, repository, repository_owner, "
                        + "repository_owner_id, repository_id, ref, ref_type, environment, event_name, job_workflow_ref"));
        Setup late = ToolingTrust.threeTargetsWith(g -> g.putArray("subTemplate").add("context").add("repo"));
        assertThat(SERVICES.validator().validate(late)).extracting(Problem::path).containsExactly("github.subTemplate[1]");
        Setup anonymous = ToolingTrust.threeTargetsWith(g -> g.putArray("subTemplate").add("repository_owner").add("context"));
        assertThat(SERVICES.validator().validate(anonymous)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("must name the repository"));
        // production deploys from an environment on any branch: a ref in the template would be left open
        Setup refs = ToolingTrust.threeTargetsWith(g -> g.putArray("subTemplate").add("repo").add("ref").add("context"));
        assertThat(SERVICES.validator().validate(refs)).extracting(Problem::path, Problem::message).anySatisfy(p -> {
            assertThat(p.toList().get(0)).isEqualTo("targets[2].subjects[0]");
            assertThat((String) p.toList().get(1)).contains("has \"ref\", which an environment subject");
        });
        Setup noIds = ToolingTrust.threeTargetsWith(g -> g.putArray("subTemplate").add("repository_owner_id").add("repository_id").add("context"));
        assertThat(SERVICES.validator().validate(noIds)).extracting(Problem::path)
                .containsExactlyInAnyOrder("github.ownerId", "github.repositories.app.id", "github.repositories.infra.id");
    }

    /** No token of another owner or repository id, under the same template, reaches the production trust. */
    @Property(tries = 300)
    void noOtherIdsMatch(@ForAll @LongRange(min = 1, max = 999999) long ownerId,
            @ForAll @LongRange(min = 1, max = 999999) long repoId) throws Exception {
        net.jqwik.api.Assume.that(!(ownerId == OWNER_ID && repoId == APP_ID));
        DesiredState state = SERVICES.planner().plan(custom());
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", SubjectPattern.Kind.ENVIRONMENT, "production",
                ownerId, repoId, IDS))).isNotEqualTo(Decision.ALLOW);
    }
}
