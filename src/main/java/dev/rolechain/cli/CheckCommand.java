package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.chain.Cell;
import dev.rolechain.plan.DesiredState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain check}: the dry-run chained assume on the planned state. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Dry-run the chain GitHub token → OIDC role → deploy role for every granted subject and for "
                + "adversarial probes, hop by hop, on the planned IAM state. Exit 1 when any verdict differs from "
                + "its expectation.")
public final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @Option(names = "--live", description = "Evaluate the documents read from the accounts (through the Setup's profiles), "
            + "check the OIDC provider, and ask the IAM policy simulator for a second opinion where it answers.")
    boolean live;

    @Option(names = "--after-apply", description = "With --live, right after an apply: while the result has problems, "
            + "read again (waiting 0.5, 1, 2, 4 and 8 s) to allow for IAM's eventual consistency.")
    boolean afterApply;

    @Option(names = "--members", paramLabel = "N|all", description = "With --live, for targets of OUs: also read the "
            + "deploy role in N of their member accounts (spread over the sorted list) or in all, through --access-role, "
            + "and decide each chain on what that account holds; cells are named target@account.")
    String members;

    @Option(names = "--access-role", paramLabel = "ROLE_NAME", defaultValue = "OrganizationAccountAccessRole",
            description = "With --members: the role assumed in each member account to read it.")
    String accessRole;

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public CheckCommand(Services services) {
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
        dev.rolechain.aws.MemberCheck.Sample sample = null;
        if (members != null) {
            if (!live || afterApply) {
                err.println("rolechain: --members goes with --live (and not --after-apply)");
                return RolechainCommand.EXIT_INVALID;
            }
            if (!members.equals("all") && !members.matches("[1-9]\\d{0,5}")) {
                err.println("rolechain: --members " + members + ": allowed are a number of accounts (1–999999) or all");
                return RolechainCommand.EXIT_INVALID;
            }
            sample = new dev.rolechain.aws.MemberCheck.Sample(members.equals("all")
                    ? dev.rolechain.aws.MemberCheck.Sample.ALL : Integer.parseInt(members), accessRole);
        }
        List<Cell> cells;
        List<String> notes = new java.util.ArrayList<>();
        boolean liveProblem = false;
        if (live) {
            dev.rolechain.aws.LiveCheck.Result result;
            try {
                result = afterApply ? services.liveCheck().checkAfterApply(state.get())
                        : services.liveCheck().check(state.get(), sample);
            } catch (dev.rolechain.aws.LivePlanner.AccountException
                    | dev.rolechain.aws.OrganizationsApi.OrganizationsException e) {
                err.println("rolechain: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("rolechain: interrupted");
                return 1;
            }
            cells = result.cells();
            liveProblem = !result.providerOk();
            notes.add("provider: " + result.provider());
            for (dev.rolechain.aws.LiveCheck.Permission p : result.permissions()) {
                String opinion = p.simulator().map(d -> "simulator: " + d + (p.disagree() ? "  ← DISAGREES" : ""))
                        .orElse("simulator: did not answer (" + p.simulatorProblem() + ")");
                notes.add("permission " + p.target() + ": sts:AssumeRole " + p.oidcRoleArn() + " → " + p.deployRoleArn()
                        + ": rolechain: " + (p.ours() ? "allowed" : "denied") + "; " + opinion);
            }
        } else {
            cells = services.chainCheck().check(state.get());
        }
        if (output.json()) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("cells");
            for (Cell c : cells) {
                ObjectNode node = array.addObject().put("target", c.target()).put("subject", c.subject())
                        .put("expected", c.expected().json()).put("verdict", c.verdict().json());
                if (c.hop() == null) {
                    node.putNull("hop");
                } else {
                    node.put("hop", c.hop().json());
                }
                node.put("reason", c.reason());
                Uncertainty.put(node, c.uncertain());
                if (c.probe() != null) {
                    node.put("probe", c.probe());
                }
            }
            if (live) {
                notes.forEach(root.putArray("live")::add);
            }
            out.println(root);
        } else {
            notes.forEach(out::println);
            for (Cell c : cells) {
                out.printf("%s %-10s expected %-5s got %-5s %-16s %s%s%n", c.asExpected() ? "ok  " : "FAIL", c.target(),
                        c.expected().json(), c.verdict().json(), c.hop() == null ? "-" : c.hop().json(), c.subject(),
                        c.probe() == null ? "" : "  (probe: " + c.probe() + ")");
                if (!c.asExpected() || c.verdict() == Cell.Expectation.DENY) {
                    out.println("      " + c.reason());
                }
                c.uncertain().forEach(u -> out.println("      " + Uncertainty.line(u)));
            }
            long wrong = cells.stream().filter(c -> !c.asExpected()).count();
            out.println(cells.size() + " cells, " + (cells.size() - wrong) + " as expected, " + wrong + " not");
        }
        return cells.stream().allMatch(Cell::asExpected) && !liveProblem ? 0 : 1;
    }
}
