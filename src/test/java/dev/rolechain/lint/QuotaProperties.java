package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Quota;
import dev.rolechain.render.Artifact;
import dev.rolechain.setup.Setup;
import dev.rolechain.testsupport.SetupArbitraries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Any Setup that lint passes plans documents and roles within every IAM quota, measured from the export. */
class QuotaProperties {
    private static final Services SERVICES = new Services();

    @Provide
    Arbitrary<Setup> setups() {
        return Arbitraries.oneOf(SetupArbitraries.largeSetups(), SetupArbitraries.setups());
    }

    @Property(tries = 200)
    void aSetupThatLintPassesIsWithinEveryLimit(@ForAll("setups") Setup setup) {
        Assume.that(SERVICES.validator().validate(setup).isEmpty());
        DesiredState state = SERVICES.planner().plan(setup);
        List<Finding> findings = SERVICES.linter().lintSetup(state, SERVICES.renderer().workflow(state));
        boolean quota = findings.stream().anyMatch(f -> f.ruleId().equals("RC501"));
        Statistics.label("over a quota").collect(quota);
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            return;
        }
        Map<String, Long> inlineByRole = new HashMap<>();
        for (Artifact a : SERVICES.renderer().render(state)) {
            if (!a.path().startsWith("policies/")) {
                continue;
            }
            long size = nonWhitespace(a.content());
            if (a.path().endsWith("/trust.json")) {
                assertThat(size).as(a.path()).isLessThanOrEqualTo(Quota.TRUST_POLICY_SIZE.defaultLimit());
            } else {
                inlineByRole.merge(a.path().substring(0, a.path().lastIndexOf('/')), size, Long::sum);
            }
        }
        inlineByRole.forEach((role, size) -> assertThat(size).as(role)
                .isLessThanOrEqualTo(Quota.INLINE_POLICIES_SIZE.defaultLimit()));
        for (IamAccount account : state.accounts()) {
            assertThat(account.roles().size()).isLessThanOrEqualTo(Quota.ROLES_PER_ACCOUNT.defaultLimit());
            for (Role role : account.roles()) {
                assertThat(role.managedPolicyArns()).hasSizeLessThanOrEqualTo(Quota.MANAGED_POLICIES_PER_ROLE.defaultLimit());
                assertThat(role.name()).hasSizeLessThanOrEqualTo(Quota.ROLE_NAME_LENGTH.defaultLimit());
                assertThat(role.tags()).hasSizeLessThanOrEqualTo(Quota.TAGS_PER_ROLE.defaultLimit());
                assertThat(role.description()).hasSizeLessThanOrEqualTo(Quota.ROLE_DESCRIPTION_LENGTH.defaultLimit());
                assertThat(role.maxSessionDuration()).isLessThanOrEqualTo(Quota.MAX_SESSION_DURATION.defaultLimit());
            }
        }
    }

    /** The characters of JSON text but the whitespace between its tokens (strings are counted whole). */
    static long nonWhitespace(String json) {
        long count = 0;
        boolean string = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (string) {
                count++;
                if (c == '\\') {
                    count++;
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
                count++;
            } else if (!Character.isWhitespace(c)) {
                count++;
            }
        }
        return count;
    }
}
