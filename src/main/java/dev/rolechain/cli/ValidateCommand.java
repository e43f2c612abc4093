package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rolechain validate}: checks a Setup file and lists every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a Setup file; list every problem with its field, line and what is allowed.")
public final class ValidateCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(paramLabel = "FILE", description = "The Setup file (JSON).")
    Path setupFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ValidateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        try {
            Setup setup = services.loader().load(setupFile);
            spec.commandLine().getOut().println(setupFile + ": valid (" + setup.targets().size() + " target"
                    + (setup.targets().size() == 1 ? "" : "s") + ")");
            return 0;
        } catch (SetupException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        }
    }
}
