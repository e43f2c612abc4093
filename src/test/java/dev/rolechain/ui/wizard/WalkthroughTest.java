package dev.rolechain.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalkthroughTest {
    private final Map<Step, SimpleBooleanProperty> valid = new EnumMap<>(Step.class);
    private Walkthrough walkthrough;

    @BeforeEach
    void create() {
        for (Step s : Step.values()) {
            valid.put(s, new SimpleBooleanProperty(true));
        }
        walkthrough = new Walkthrough(List.of(Step.values()), valid::get);
    }

    @Test
    void nextIsDisabledWhileTheCurrentPageIsInvalid() {
        walkthrough.goTo(Step.GITHUB);
        valid.get(Step.GITHUB).set(false);
        assertThat(walkthrough.canGoNextBinding().get()).isFalse();
        assertThat(walkthrough.next()).isFalse();
        assertThat(walkthrough.current()).isEqualTo(Step.GITHUB);
        valid.get(Step.GITHUB).set(true);
        assertThat(walkthrough.canGoNextBinding().get()).isTrue();
        assertThat(walkthrough.next()).isTrue();
        assertThat(walkthrough.current()).isEqualTo(Step.ACCOUNTS);
    }

    @Test
    void aStepIsReachableOnlyWhenEveryStepBeforeItIsValid() {
        valid.get(Step.ACCOUNTS).set(false);
        assertThat(walkthrough.goTo(Step.ACCOUNTS)).isTrue();
        assertThat(walkthrough.goTo(Step.REVIEW)).isFalse();
        assertThat(walkthrough.current()).isEqualTo(Step.ACCOUNTS);
        assertThat(walkthrough.reachable(Step.ACCESS)).isFalse();
    }

    @Test
    void backAlwaysWorksExceptOnTheFirstStep() {
        assertThat(walkthrough.previous()).isFalse();
        walkthrough.goTo(Step.ACCESS);
        valid.values().forEach(v -> v.set(false));
        assertThat(walkthrough.previous()).isTrue();
        assertThat(walkthrough.current()).isEqualTo(Step.ACCOUNTS);
    }

    @Test
    void theLastStepHasNoNext() {
        walkthrough.goTo(Step.VERIFY);
        assertThat(walkthrough.current()).isEqualTo(Step.values()[Step.values().length - 1]);
        assertThat(walkthrough.canGoNextBinding().get()).isFalse();
    }

    @Test
    void everyValidatorPathBelongsToThePageThatEditsIt() {
        assertThat(Step.of("github.owner")).isEqualTo(Step.GITHUB);
        assertThat(Step.of("workflow.durationSeconds")).isEqualTo(Step.GITHUB);
        assertThat(Step.of("tooling.accountId")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets[3].externalId")).isEqualTo(Step.ACCOUNTS);
        assertThat(Step.of("targets[3].subjects[0].branch")).isEqualTo(Step.ACCESS);
        assertThat(Step.of("targets[0].inlinePolicies.deploy")).isEqualTo(Step.ACCESS);
        assertThat(Step.of("targets[0].managedPolicyArns[1]")).isEqualTo(Step.ACCESS);
        assertThat(Step.of("targets[0].subjects")).isEqualTo(Step.ACCESS);
    }
}
