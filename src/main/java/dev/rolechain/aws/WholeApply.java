package dev.rolechain.aws;

import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Apply of a whole Setup, the same from the command line and the wizard: for organization targets the
 * organization profile is checked before any write, then the accounts are applied ({@link Applier}), then the
 * StackSets ({@link StackSets}), whose deploy roles trust the OIDC role that must exist first.
 */
public final class WholeApply {
    private final Applier applier;
    private final StackSets stackSets;

    public WholeApply(Applier applier, StackSets stackSets) {
        this.applier = applier;
        this.stackSets = stackSets;
    }

    /** The accounts' result and the StackSets' (empty without organization targets). */
    public record Result(Applier.Result accounts, StackSets.Result stackSets) {
        public int writes() {
            return accounts.writes() + stackSets.writes();
        }

        /** The accounts' result with each StackSet step as one more change (what the wizard lists). */
        public Applier.Result merged() {
            List<Change> changes = new ArrayList<>(accounts.changes());
            for (StackSets.Step step : stackSets.done()) {
                changes.add(new Change("organization", "stackset/" + step.stackSet() + " "
                        + step.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        step.kind() == StackSets.Kind.UPDATE_TEMPLATE ? Change.Action.UPDATE : Change.Action.CREATE,
                        step.diff(), List.of(step.describe())));
            }
            return new Applier.Result(changes, writes(), accounts.skipped(), accounts.backupFolder(), accounts.findings());
        }
    }

    public Result apply(DesiredState state, Applier.Confirmation confirmation, Applier.Progress progress,
            Consumer<StackSets.Progress> operations) {
        boolean organization = StackSets.needed(state);
        if (organization) {
            stackSets.preflight(state);
        }
        Applier.Result accounts = applier.apply(state, confirmation, progress);
        StackSets.Result sets = new StackSets.Result(List.of(), 0);
        if (organization && accounts.skipped().isEmpty()) {
            sets = stackSets.apply(state, stackSets.plan(state), operations, () -> Thread.currentThread().isInterrupted());
        }
        return new Result(accounts, sets);
    }
}
