package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.SetupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The required {@code --setup FILE} option, and loading and planning it with every problem printed. */
public final class SetupOption {
    @Option(names = "--setup", required = true, paramLabel = "FILE", description = "The Setup file (JSON).")
    Path file;

    public Path file() {
        return file;
    }

    /** The planned state, or empty after printing why the Setup is not valid. */
    Optional<DesiredState> plan(Services services, PrintWriter err) {
        return plan(services, file, err);
    }

    /** The planned state of a Setup file, or empty after printing why it is not valid. */
    static Optional<DesiredState> plan(Services services, Path file, PrintWriter err) {
        try {
            return Optional.of(services.planner().plan(services.loader().load(file)));
        } catch (SetupException e) {
            err.println("rolechain: the Setup is not valid:");
            err.println(e.getMessage());
            return Optional.empty();
        }
    }
}
