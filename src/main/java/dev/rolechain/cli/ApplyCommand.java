package dev.rolechain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.iam.JsonTree;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain apply}: make the accounts hold the planned state. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the accounts hold what the Setup plans, merged into what they hold: the tooling account "
                + "first, the targets in parallel.",
                "What apply may change: in a role's trust policy only its own statements (Sid starting with Rolechain); "
                        + "every other statement is kept as it is, in its place. It writes the inline policies the Setup "
                        + "names (others stay), attaches the managed policies the Setup names (it never detaches), adds "
                        + "its own tags (managed-by, only on roles it created; it never removes a tag), sets the "
                        + "permissions boundary only when the Setup names one, and on a role it did not create keeps the "
                        + "description and only raises the maximum session. It never deletes anything.",
                "Before the first write every profile must reach its account and the journal and backup folder must "
                        + "be writable; otherwise nothing is written. A role that needs consent (one Rolechain did not "
                        + "create, a trust policy that changes, another permissions boundary replaced) is changed only "
                        + "with --yes; its diff is printed otherwise. Everything about to be written is saved first to one "
                        + "backup folder per run (rolechain restore puts it back exactly); every write goes to the journal."})
public final class ApplyCommand implements Callable<Integer> {
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @Option(names = "--yes", description = "Change roles that need confirmation (their documents are backed up first).")
    boolean yes;

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ApplyCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DesiredState> state = setup.plan(services, err);
        if (state.isEmpty()) {
            return RolechainCommand.EXIT_INVALID;
        }
        Applier.Result result;
        dev.rolechain.aws.StackSets.Result stackSets;
        try {
            dev.rolechain.aws.WholeApply.Result whole = services.wholeApply().apply(state.get(), (account, role, why, diff) -> {
                if (!yes && !output.json()) {
                    err.println("rolechain: " + account + " role/" + role + " needs consent: " + why + ":");
                    diff.lines().forEach(line -> err.println("    " + line));
                }
                return yes;
            }, Applier.Progress.NONE, p -> {
                if (!output.json()) {
                    err.printf("rolechain: %s operation %s: %d account(s) done, %d failed, %d in progress%n",
                            p.stackSet(), p.operation(), p.succeeded(), p.failed(), p.running());
                }
            });
            result = whole.accounts();
            stackSets = whole.stackSets();
        } catch (LivePlanner.AccountException | Applier.ApplyException | Applier.CancelledException
                | dev.rolechain.aws.StackSets.StackSetException
                | dev.rolechain.aws.OrganizationsApi.OrganizationsException e) {
            err.println("rolechain: " + e.getMessage());
            return 1;
        }
        if (output.json()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("writes", result.writes() + stackSets.writes());
            ArrayNode sets = root.putArray("stackSets");
            stackSets.done().forEach(step -> {
                ObjectNode s = sets.addObject().put("target", step.target()).put("stackSet", step.stackSet())
                        .put("action", step.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                step.organizationalUnitIds().forEach(s.withArray("organizationalUnitIds")::add);
                step.accounts().forEach(s.withArray("accounts")::add);
            });
            ArrayNode changes = root.putArray("changes");
            for (Change c : result.changes()) {
                ObjectNode change = changes.addObject().put("account", c.account()).put("resource", c.resource())
                        .put("action", c.action().json());
                c.notes().forEach(change.putArray("notes")::add);
            }
            ArrayNode skipped = root.putArray("skipped");
            result.skipped().forEach(skipped::add);
            result.findings().forEach(root.putArray("findings")::add);
            if (result.backupFolder() == null) {
                root.putNull("backup");
            } else {
                root.put("backup", result.backupFolder().toString());
            }
            out.println(JsonTree.write(root));
        } else {
            result.changes().stream().filter(c -> c.action() != Change.Action.NONE).forEach(c -> {
                out.printf("%-6s %s %s%n", c.action().json(), c.account(), c.resource());
                c.notes().stream().filter(n -> n.startsWith("keeps ")).forEach(n -> out.println("    (" + n + ")"));
            });
            stackSets.done().forEach(step -> out.println("stackset " + step.describe()));
            result.skipped().forEach(s -> out.println("skipped " + s));
            result.findings().forEach(f -> out.println("finding: " + f));
            int writes = result.writes() + stackSets.writes();
            out.println(writes == 0 ? "Nothing to do: no write calls made."
                    : writes + " write call" + (writes == 1 ? "" : "s") + " made; journal: "
                            + services.journal().file());
            if (result.backupFolder() != null) {
                out.println("The state before this apply is saved in " + result.backupFolder() + " (rolechain restore "
                        + result.backupFolder() + " puts it back)");
            }
        }
        return result.skipped().isEmpty() ? 0 : 1;
    }
}
