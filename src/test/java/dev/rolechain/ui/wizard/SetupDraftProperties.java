package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.iam.PolicyJson;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.setup.SetupValidator;
import dev.rolechain.testsupport.SetupArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The wizard's draft holds every field of a Setup: loading one and building it back changes nothing. */
class SetupDraftProperties {

    @Property(tries = 200)
    void aLoadedSetupBuildsBackToItself(@ForAll("setups") Setup setup) {
        SetupValidator validator = new SetupValidator(PolicyJson::problems);
        // the generator makes the rare invalid Setup too (a ref with "${{", say): those are not this property's
        net.jqwik.api.Assume.that(validator.validate(setup).isEmpty());
        SetupDraft draft = new SetupDraft();
        draft.load(setup);
        SetupDraft.Built built = draft.build();
        assertThat(built.problems()).isEmpty();
        assertThat(built.setup()).isEqualTo(setup);
        assertThat(SetupJson.write(built.setup())).isEqualTo(SetupJson.write(setup));
        assertThat(validator.validate(built.setup())).isEmpty();
    }

    @Provide
    Arbitrary<Setup> setups() {
        return SetupArbitraries.setups();
    }
}
