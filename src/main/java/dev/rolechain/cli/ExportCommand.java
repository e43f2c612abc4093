package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.Artifact;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain export}: Terraform, workflow YAML and policy JSON for review. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write Terraform (one provider per account), the GitHub Actions workflow and every policy as "
                + "JSON into a folder, for review in a pull request.")
public final class ExportCommand implements Callable<Integer> {
    private final Services services;

    @Option(names = "--setup", required = true, paramLabel = "FILE", description = "The Setup file (JSON).")
    Path setupFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into.")
    Path out;

    @Option(names = "--verify-workflow", description = "Also write .github/workflows/rolechain-verify.yml, the workflow "
            + "that rolechain verify-github dispatches to prove each hop in GitHub (it deploys nothing).")
    boolean verifyWorkflow;

    @Option(names = "--member-accounts", description = "For targets of OUs: list their member accounts now through the "
            + "organization profile (organizations.profile) and write them into the workflow's matrix; without it the "
            + "workflow reads them from the repository variable ROLECHAIN_ACCOUNTS_<TARGET> (a JSON array).")
    boolean memberAccounts;

    @Option(names = "--force", description = "Write into a folder that already holds files, replacing those of the same name.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ExportCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Setup setup;
        try {
            setup = services.loader().load(setupFile);
        } catch (SetupException e) {
            err.println("rolechain: the Setup is not valid, nothing was written:");
            err.println(e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        }
        DesiredState state = services.planner().plan(setup);
        java.util.Map<String, List<String>> members = java.util.Map.of();
        if (memberAccounts && dev.rolechain.aws.StackSets.needed(state)) {
            try {
                members = services.stackSets().memberAccounts(state);
            } catch (dev.rolechain.aws.OrganizationsApi.OrganizationsException
                    | software.amazon.awssdk.core.exception.SdkException e) {
                err.println("rolechain: --member-accounts: cannot list the OUs' accounts through profile "
                        + state.setup().organizations().profile() + ": " + e.getMessage() + "; nothing was written");
                return 1;
            }
            members.forEach((target, accounts) -> err.println("target " + target + ": " + accounts.size()
                    + " member account(s) written into the workflow"));
        }
        List<Artifact> artifacts = services.renderer().render(state, verifyWorkflow, members);
        List<Path> written;
        try {
            written = services.exportWriter().write(artifacts, out, force);
        } catch (ExportWriter.NotEmptyException e) {
            err.println("rolechain: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        } catch (IOException e) {
            err.println("rolechain: export failed: " + e.getMessage());
            return 1;
        }
        outWriter.println("Wrote " + written.size() + " files to " + out + ":");
        artifacts.forEach(a -> outWriter.println("  " + a.path()));
        return 0;
    }
}
