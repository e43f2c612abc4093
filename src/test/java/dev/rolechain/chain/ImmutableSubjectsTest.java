package dev.rolechain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.github.SubjectPattern;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.testsupport.ToolingTrust;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * GitHub's immutable subjects ({@code repo:owner@OWNER_ID/repo@REPO_ID:…}, the default for repositories
 * created or renamed since 15 July 2026): trusts admit the ids of the granted repositories and nothing that
 * only looks like them, {@code both} admits both forms while a repository migrates.
 */
class ImmutableSubjectsTest {
    private static final Services SERVICES = new Services();
    private static final long OWNER_ID = 123456;
    private static final long APP_ID = 456789;
    private static final long INFRA_ID = 42;

    private static Setup immutable() throws Exception {
        return ToolingTrust.threeTargetsWith(g -> {
            g.put("ownerId", OWNER_ID).put("subjectFormat", "immutable");
            ObjectNode repos = g.putObject("repositories");
            repos.putObject("app").put("id", APP_ID);
            repos.putObject("infra").put("id", INFRA_ID).put("subjectFormat", "both");
        });
    }

    private static Decision decide(DesiredState state, String role, TokenClaims token) {
        return ToolingTrust.decide(SERVICES, state, role, token);
    }

    private static TokenClaims token(DesiredState state, String repo, SubjectPattern.Kind kind, String value, Long ownerId,
            Long repoId) {
        return new TokenClaims(state.issuer(), state.audience(), "acme", repo, kind, value, ownerId, repoId);
    }

    @Test
    void anImmutableRepositorysTrustAdmitsItsIdsAndNothingThatOnlyLooksLikeThem() throws Exception {
        DesiredState state = SERVICES.planner().plan(immutable());
        String trust = state.tooling().role("gha-oidc-prod").orElseThrow().trustPolicy().toJson();
        assertThat(trust).contains("repo:acme@123456/app@456789:environment:production").doesNotContain("repo:acme/app:");
        var env = SubjectPattern.Kind.ENVIRONMENT;
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID, APP_ID)))
                .isEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID + 1, APP_ID)))
                .as("another owner id").isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", OWNER_ID, APP_ID + 1)))
                .as("another repository id: a recycled name").isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-prod", token(state, "app", env, "production", null, null)))
                .as("the name form").isNotEqualTo(Decision.ALLOW);
    }

    @Test
    void bothFormsAreAdmittedWhileARepositoryMigrates() throws Exception {
        DesiredState state = SERVICES.planner().plan(immutable());
        var branch = SubjectPattern.Kind.BRANCH;
        assertThat(decide(state, "gha-oidc-dev", token(state, "infra", branch, "feature/x", null, null)))
                .isEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-dev", token(state, "infra", branch, "feature/x", OWNER_ID, INFRA_ID)))
                .isEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-dev", token(state, "infra", branch, "feature/x", OWNER_ID, INFRA_ID + 1)))
                .isNotEqualTo(Decision.ALLOW);
        // app on the dev target is immutable only
        assertThat(decide(state, "gha-oidc-dev", token(state, "app", branch, "main", null, null)))
                .isNotEqualTo(Decision.ALLOW);
        assertThat(decide(state, "gha-oidc-dev", token(state, "app", branch, "main", OWNER_ID, APP_ID)))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void checkProbesOtherIdsAndTheOtherFormAndFindsEveryCellAsExpected() throws Exception {
        DesiredState state = SERVICES.planner().plan(immutable());
        List<Cell> cells = SERVICES.chainCheck().check(state);
        assertThat(cells).allSatisfy(c -> assertThat(c.asExpected()).as(c.target() + " " + c.subject() + ": "
                + c.reason()).isTrue());
        assertThat(cells).extracting(Cell::probe).contains(
                "the same names under another owner id (a recycled owner name)",
                "the same names with another repository id (a recycled repository name)", "the name form of the sub");
        assertThat(cells).filteredOn(c -> c.probe() == null).extracting(Cell::subject)
                .contains("repo:acme@123456/app@456789:environment:production",
                        "repo:acme/infra:ref:refs/heads/feature/x1", "repo:acme@123456/infra@42:ref:refs/heads/feature/x1");
    }

    @Test
    void anImmutableFormNeedsTheOwnersAndTheRepositorysIds() throws Exception {
        Setup noIds = ToolingTrust.threeTargetsWith(g -> g.put("subjectFormat", "immutable"));
        assertThat(SERVICES.validator().validate(noIds)).extracting(Problem::path)
                .contains("github.ownerId", "github.repositories.app.id", "github.repositories.infra.id");
        Setup server = ToolingTrust.threeTargetsWith(g -> g.put("serverHost", "github.example.com").put("ownerId", 1).put("subjectFormat", "both")
                .putObject("repositories").putObject("app").put("id", 2));
        assertThat(SERVICES.validator().validate(server)).extracting(Problem::path).contains("github.subjectFormat");
        assertThat(SERVICES.validator().validate(immutable())).isEmpty();
        assertThat(SetupJson.read(SetupJson.write(immutable())).setup()).isEqualTo(immutable());
    }

    @Test
    void aTrustWithTheOtherFormThanGitHubIssuesIsAnError() throws Exception {
        Setup names = ToolingTrust.threeTargetsWith(g -> { });
        Setup ids = immutable();
        PolicyDocument nameTrust = SERVICES.planner().plan(names).tooling().role("gha-oidc-prod").orElseThrow().trustPolicy();
        PolicyDocument idTrust = SERVICES.planner().plan(ids).tooling().role("gha-oidc-prod").orElseThrow().trustPolicy();
        assertThat(SERVICES.linter().lintTrust("trust.json", nameTrust, ids.github()))
                .filteredOn(f -> f.ruleId().equals("RC109")).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(dev.rolechain.lint.Severity.ERROR);
                    assertThat(f.message()).contains("repository app takes immutable subjects (immutable), but the trust "
                            + "admits it only by name", "repo:acme@123456/app@456789:…, is denied");
                });
        assertThat(SERVICES.linter().lintTrust("trust.json", idTrust, names.github()))
                .extracting(dev.rolechain.lint.Finding::ruleId).contains("RC109");
        assertThat(SERVICES.linter().lintTrust("trust.json", idTrust, ids.github()))
                .extracting(dev.rolechain.lint.Finding::ruleId).doesNotContain("RC109");
        assertThat(SERVICES.linter().lintSetup(PLANNED, null)).extracting(dev.rolechain.lint.Finding::ruleId)
                .doesNotContain("RC109");
        assertThat(SERVICES.linter().lintSetup(PLANNED, SERVICES.renderer().workflow(PLANNED)))
                .as("the ids are not another owner or repository").filteredOn(f -> f.severity()
                        == dev.rolechain.lint.Severity.ERROR).isEmpty();

        java.nio.file.Path dir = Files.createTempDirectory("rc109");
        java.nio.file.Path setupFile = Files.writeString(dir.resolve("setup.json"), SetupJson.write(ids));
        java.nio.file.Path trustFile = Files.writeString(dir.resolve("trust.json"), nameTrust.toJson());
        dev.rolechain.testsupport.Cli cli = new dev.rolechain.testsupport.Cli();
        assertThat(cli.run("lint", "--policy", trustFile.toString(), "--type", "trust", "--setup", setupFile.toString()))
                .isEqualTo(1);
        assertThat(cli.out()).contains("error RC109 " + trustFile);
    }

    /** No other owner or repository, with any name and id, produces a sub the trust admits. */
    @Property(tries = 300)
    void noOtherOwnerOrRepositoryMatches(@ForAll @StringLength(min = 1, max = 12) String owner,
            @ForAll @StringLength(min = 1, max = 12) String repo, @ForAll @LongRange(min = 1, max = 999999) long ownerId,
            @ForAll @LongRange(min = 1, max = 999999) long repoId) throws Exception {
        String o = owner.replaceAll("[^A-Za-z0-9-]", "a");
        String r = repo.replaceAll("[^A-Za-z0-9._-]", "b");
        net.jqwik.api.Assume.that(!(o.equals("acme") && ownerId == OWNER_ID) && !(r.equals("app") && repoId == APP_ID));
        DesiredState state = PLANNED;
        TokenClaims t = new TokenClaims(state.issuer(), state.audience(), o, r, SubjectPattern.Kind.ENVIRONMENT,
                "production", ownerId, repoId);
        assertThat(decide(state, "gha-oidc-prod", t)).as(t.sub()).isNotEqualTo(Decision.ALLOW);
    }

    private static final DesiredState PLANNED;

    static {
        try {
            PLANNED = SERVICES.planner().plan(immutable());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
