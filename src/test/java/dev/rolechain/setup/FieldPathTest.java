package dev.rolechain.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.ui.wizard.Step;
import org.junit.jupiter.api.Test;

/** A Setup field's path: built from parts, read back into them, and the wizard's page for it. */
class FieldPathTest {
    @Test
    void pathsRoundTripThroughTheirTextQuotedNamesIncluded() {
        FieldPath policy = FieldPath.target(2).child("inlinePolicies").child("a.b \"c\"");
        assertThat(policy.toString()).isEqualTo("targets[2].inlinePolicies[\"a.b \\\"c\\\"\"]");
        assertThat(FieldPath.parse(policy.toString())).isEqualTo(policy);
        FieldPath repo = FieldPath.subject(3, 1).child("repository");
        assertThat(repo.toString()).isEqualTo("targets[3].subjects[1].repository");
        assertThat(FieldPath.parse(repo.toString())).isEqualTo(repo);
        assertThat(repo.targetIndex()).contains(3);
        assertThat(FieldPath.parse("github.repositories[\"x@1\"].id").parts()).hasSize(4);
        assertThat(FieldPath.parse("github.owner").targetIndex()).isEmpty();
    }

    @Test
    void eachPathHasItsPage() {
        assertThat(Step.of("github.owner")).isEqualTo(Step.GITHUB);
        assertThat(Step.of("workflow.region")).isEqualTo(Step.GITHUB);
        assertThat(Step.of("tooling.accountId")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets[4]")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets[4].externalId")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets[4].subjects[0].branch")).isEqualTo(Step.ACCESS);
        assertThat(Step.of("targets[4].inlinePolicies[\"a.b\"]")).isEqualTo(Step.ACCESS);
        assertThat(Step.of("policies/111111111111/x/trust.json")).isEqualTo(Step.REVIEW);
    }
}
