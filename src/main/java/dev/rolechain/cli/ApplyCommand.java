package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code rolechain apply}: make the accounts hold the planned state. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create and update the OIDC provider, roles, policies and tags the Setup plans, tooling account first, "
                + "targets in parallel. Never deletes. A role not managed by Rolechain, or whose trust differs, is changed "
                + "only with --yes, after its documents are saved to a backup (see rolechain restore). Every write goes to "
                + "the journal.")
public final class ApplyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        try {
            result = services.applier().apply(state.get(), (account, role, why, diff) -> {
                if (!yes && !output.json()) {
                    err.println("rolechain: " + account + " role/" + role + ": " + why + ":");
                    diff.lines().forEach(line -> err.println("    " + line));
                }
                return yes;
            });
        } catch (LivePlanner.AccountException | SdkException e) {
            err.println("rolechain: apply stopped: " + e.getMessage());
            err.println("rolechain: what was written is in the journal " + services.journal().file()
                    + "; run apply again to finish");
            return 1;
        }
        if (output.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("writes", result.writes());
            ArrayNode changes = root.putArray("changes");
            for (Change c : result.changes()) {
                changes.addObject().put("account", c.account()).put("resource", c.resource()).put("action", c.action().json());
            }
            ArrayNode skipped = root.putArray("skipped");
            result.skipped().forEach(skipped::add);
            if (result.backupFolder() == null) {
                root.putNull("backup");
            } else {
                root.put("backup", result.backupFolder().toString());
            }
            out.println(root);
        } else {
            result.changes().stream().filter(c -> c.action() != Change.Action.NONE)
                    .forEach(c -> out.printf("%-6s %s %s%n", c.action().json(), c.account(), c.resource()));
            result.skipped().forEach(s -> out.println("skipped " + s));
            out.println(result.writes() == 0 ? "Nothing to do: no write calls made."
                    : result.writes() + " write call" + (result.writes() == 1 ? "" : "s") + " made; journal: "
                            + services.journal().file());
            if (result.backupFolder() != null) {
                out.println("Previous documents saved to " + result.backupFolder() + " (rolechain restore "
                        + result.backupFolder() + ")");
            }
        }
        return result.skipped().isEmpty() ? 0 : 1;
    }
}
