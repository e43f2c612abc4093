package dev.rolechain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The typed resource of a plan: its path form round-trips, slashes in an ARN or a provider id included. */
class ResourceTest {
    @Test
    void everyKindRoundTripsThroughItsPath() {
        for (Resource r : new Resource[] {Resource.oidcProvider("token.actions.githubusercontent.com/acme"),
                Resource.role("gha-deploy"), Resource.inlinePolicy("gha-deploy", "artifacts"),
                Resource.attachment("gha-deploy", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")}) {
            assertThat(Resource.parse(r.toString())).isEqualTo(r);
        }
        assertThat(Resource.attachment("d", "arn:aws:iam::aws:policy/PowerUserAccess").toString())
                .isEqualTo("role/d/attached/arn:aws:iam::aws:policy/PowerUserAccess");
        assertThatThrownBy(() -> Resource.parse("bucket/x")).hasMessageContaining("not a resource path: bucket/x");
    }
}
