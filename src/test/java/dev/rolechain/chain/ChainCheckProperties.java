package dev.rolechain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.chain.Cell.Expectation;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.testsupport.SetupArbitraries;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random valid Setups, in both oidcRoles modes: granted subjects get in, probes do not. */
class ChainCheckProperties {
    private static final Services SERVICES = new Services();

    @Provide
    Arbitrary<Setup> validSetups() {
        return SetupArbitraries.setups();
    }

    @Property(tries = 300)
    void everyGrantedSubjectIsAllowedAndEveryProbeDenied(@ForAll("validSetups") Setup setup) {
        Assume.that(SERVICES.validator().validate(setup).isEmpty());
        DesiredState state = SERVICES.planner().plan(setup);
        ChainCheck check = SERVICES.chainCheck();
        List<Cell> cells = check.check(state);
        assertThat(cells).isNotEmpty();
        for (Chain chain : state.chains()) {
            Map<TokenClaims, String> tokens = check.tokens(state, chain);
            for (Map.Entry<TokenClaims, String> token : tokens.entrySet()) {
                Cell cell = cells.stream().filter(c -> c.target().equals(chain.targetName())
                        && c.subject().equals(token.getKey().sub())).findFirst().orElseThrow();
                if (cell.expected() == Expectation.ALLOW) {
                    assertThat(cell.verdict()).as("granted %s on %s: %s", cell.subject(), cell.target(), cell.reason())
                            .isEqualTo(Expectation.ALLOW);
                } else if (setup.tooling().oidcRoles() == OidcRoles.PER_TARGET
                        || !intendedBySharingTarget(state, chain, token.getKey())) {
                    assertThat(cell.verdict()).as("probe %s on %s", cell.subject(), cell.target())
                            .isEqualTo(Expectation.DENY);
                }
            }
        }
    }

    /** In shared mode a probe may be another target's granted subject; that is RC403's finding, not a bug. */
    private static boolean intendedBySharingTarget(DesiredState state, Chain chain, TokenClaims token) {
        return state.chains().stream().filter(c -> c.oidcRoleName().equals(chain.oidcRoleName()))
                .anyMatch(c -> ChainCheck.intended(state.owner(), c.grants(), token));
    }

}
