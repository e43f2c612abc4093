package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.SetupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads and plans a Setup file for a command, printing every problem when it is not valid. */
final class SetupFiles {
    private SetupFiles() {
    }

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
