package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Severity;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Planner;
import dev.rolechain.testsupport.Examples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindingLocatorTest {
    private final DesiredState threeTargets = new Planner().plan(Examples.load("three-targets"));

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            policies/111111111111/gha-oidc-prod/trust.json                        | ACCESS   | targets[2].subjects
            policies/111111111111/gha-oidc-dev/trust.json: Statement[0]           | ACCESS   | targets[0].subjects
            policies/111111111111/gha-oidc-dev/inline-rolechain-assume-deploy-roles.json | ACCOUNTS | tooling.oidcRoleName
            policies/444444444444/gha-deploy/trust.json                           | ACCOUNTS | targets[1].externalId
            policies/333333333333/gha-deploy/inline-deploy-artifacts.json         | ACCESS   | targets[0].inlinePolicies
            tooling.oidcRoles                                                     | ACCOUNTS | tooling.oidcRoles
            workflow.durationSeconds                                              | GITHUB   | workflow.durationSeconds
            """)
    void aFindingOnAFieldOrADocumentLeadsToTheFieldThatShapesIt(String location, Step step, String path) {
        Finding finding = new Finding(dev.rolechain.lint.Rule.RC101, Severity.WARNING, location, "m", "f");
        assertThat(FindingLocator.locate(finding, threeTargets)).contains(new FindingLocator.Field(step, path));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            .github/workflows/deploy.yml:26 (jobs.deploy-dev, step "Assume") | .github/workflows/deploy.yml | 26
            """)
    void aFindingOnTheWorkflowLeadsToItsLine(String location, String artifact, int line) {
        Finding finding = new Finding(dev.rolechain.lint.Rule.RC304, Severity.INFO, location, "m", "f");
        assertThat(FindingLocator.locate(finding, threeTargets)).contains(new FindingLocator.ArtifactLine(artifact, line));
    }
}
