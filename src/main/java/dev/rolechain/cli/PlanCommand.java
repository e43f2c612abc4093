package dev.rolechain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.iam.JsonTree;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain plan}: what an apply would change in each account. Read-only. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Read each account through the profile the Setup names for it and list the changes an apply "
                + "would make: create, update (with a diff of the role as apply leaves it: statements, policies and tags "
                + "of others kept), or none; what each change keeps of others' and why it needs consent; and findings: "
                + "kept statements that decide a chain otherwise than the plan. Reads only.")
public final class PlanCommand implements Callable<Integer> {
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public PlanCommand(Services services) {
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
        LivePlanner.Review review;
        dev.rolechain.aws.StackSets.Plan stackSets = new dev.rolechain.aws.StackSets.Plan(List.of(), java.util.Map.of());
        try {
            review = services.livePlanner().review(state.get());
            if (dev.rolechain.aws.StackSets.needed(state.get())) {
                stackSets = services.stackSets().plan(state.get());
            }
        } catch (LivePlanner.AccountException | dev.rolechain.aws.OrganizationsApi.OrganizationsException
                | software.amazon.awssdk.core.exception.SdkException e) {
            err.println("rolechain: " + e.getMessage());
            return 1;
        }
        List<Change> changes = review.changes();
        if (output.json()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode array = root.putArray("changes");
            for (Change c : changes) {
                ObjectNode node = array.addObject().put("account", c.account()).put("resource", c.resource())
                        .put("action", c.action().json());
                if (c.diff() == null) {
                    node.putNull("diff");
                } else {
                    node.put("diff", c.diff());
                }
                c.notes().forEach(node.putArray("notes")::add);
            }
            review.findings().forEach(root.putArray("findings")::add);
            ArrayNode sets = root.putArray("stackSets");
            for (dev.rolechain.aws.StackSets.Step step : stackSets.steps()) {
                ObjectNode node = sets.addObject().put("target", step.target()).put("stackSet", step.stackSet())
                        .put("action", step.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .put("summary", step.describe());
                step.organizationalUnitIds().forEach(node.withArray("organizationalUnitIds")::add);
                step.accounts().forEach(node.withArray("accounts")::add);
                if (step.diff() != null) {
                    node.put("diff", step.diff());
                }
            }
            ObjectNode members = root.putObject("memberAccounts");
            stackSets.accountsByTarget().forEach((target, accounts) -> accounts.forEach(members.withArray(target)::add));
            out.println(JsonTree.write(root));
            return 0;
        }
        for (Change c : changes) {
            out.printf("%-6s %s %s%n", c.action().json(), c.account(), c.resource());
            c.notes().forEach(note -> out.println("    (" + note + ")"));
            if (c.diff() != null) {
                c.diff().lines().forEach(line -> out.println("    " + line));
            }
        }
        for (dev.rolechain.aws.StackSets.Step step : stackSets.steps()) {
            out.println("stackset " + step.describe());
            if (step.diff() != null) {
                step.diff().lines().forEach(line -> out.println("    " + line));
            }
        }
        stackSets.accountsByTarget().forEach((target, accounts) -> out.println("target " + target + ": "
                + accounts.size() + " member account" + (accounts.size() == 1 ? "" : "s") + " in its OUs"));
        review.findings().forEach(f -> out.println("finding: " + f));
        long todo = changes.stream().filter(c -> c.action() != Change.Action.NONE).count() + stackSets.steps().size();
        out.println(todo == 0 ? "Nothing to change." : todo + " change" + (todo == 1 ? "" : "s") + " to apply.");
        return 0;
    }
}
