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

    @net.jqwik.api.Example
    void anOrganizationSetupBuildsBackToItselfWithItsOusAndOrganization() {
        Setup setup = dev.rolechain.testsupport.Examples.load("organization");
        SetupDraft draft = new SetupDraft();
        draft.load(setup);
        SetupDraft.Built built = draft.build();
        assertThat(built.problems()).isEmpty();
        assertThat(built.setup()).isEqualTo(setup);
        assertThat(built.setup().targets().get(0).organizationalUnitIds()).containsExactly("ou-ab12-workload1");
        assertThat(SetupJson.write(built.setup())).isEqualTo(SetupJson.write(setup));
    }

    /** What the wizard holds, saved and opened again, is the same Setup, repositories listed on the GitHub page too. */
    @Property(tries = 150)
    void aSavedAndReopenedDraftIsTheSameSetup(@ForAll("setups") Setup setup,
            @ForAll @net.jqwik.api.constraints.Size(max = 3) java.util.List<@net.jqwik.api.constraints.AlphaChars
                    @net.jqwik.api.constraints.StringLength(min = 1, max = 12) String> listed) {
        SetupValidator validator = new SetupValidator(PolicyJson::problems);
        net.jqwik.api.Assume.that(validator.validate(setup).isEmpty());
        SetupDraft draft = new SetupDraft();
        draft.load(setup);
        listed.forEach(r -> {
            if (!draft.repositories().contains(r)) {
                draft.repositories().add(r);
            }
        });
        Setup inWizard = draft.build().setup();
        SetupJson.Read read = SetupJson.read(SetupJson.write(inWizard));
        assertThat(read.problems()).isEmpty();
        SetupDraft reopened = new SetupDraft();
        reopened.load(read.setup());
        assertThat(reopened.build().setup()).isEqualTo(inWizard);
        assertThat(reopened.repositories()).containsExactlyInAnyOrderElementsOf(draft.repositories());
    }

    @org.junit.jupiter.api.Test
    void anAccountIdTypedAsTheConsoleGroupsItIsTwelveDigits() {
        assertThat(SetupDraft.accountId("1234-5678-9012")).isEqualTo("123456789012");
        assertThat(SetupDraft.accountId(" 1234 5678 9012 ")).isEqualTo("123456789012");
        assertThat(SetupDraft.accountId("1234-5678-901")).as("not an account id: left for the validator").isEqualTo("1234-5678-901");
        assertThat(SetupDraft.accountId("acct-123456789012")).isEqualTo("acct-123456789012");
    }

    @Provide
    Arbitrary<Setup> setups() {
        return SetupArbitraries.setups();
    }
}
