package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.aws.Restorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rolechain restore BACKUP}: return every role of an apply's backup to exactly the state it was in. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Return every role and OIDC provider saved in a backup folder by rolechain apply to exactly the state "
                + "it was in before that apply: the trust policy (as it was written), description, maximum session, "
                + "permissions boundary (put back, or removed if there was none), tags (ones apply added are removed), "
                + "attached policies (ones apply attached are detached) and inline policies (ones apply added are deleted).",
                "Roles and the provider that apply created are listed and left in place; --remove-created removes them "
                        + "after a confirmation that lists them. Every profile must reach its account before anything is "
                        + "written; every write goes to the journal."})
public final class RestoreCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(paramLabel = "BACKUP", description = "A backup folder written by rolechain apply (apply prints it).")
    Path folder;

    @Option(names = "--remove-created", description = "Also delete the roles and the OIDC provider that apply created "
            + "(their policies are detached and deleted first), after a confirmation.")
    boolean removeCreated;

    @Option(names = "--yes", description = "Do not ask before removing what apply created (with --remove-created).")
    boolean yes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public RestoreCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Restorer.Result result;
        try {
            result = services.restorer().restore(folder, removeCreated, created -> confirm(created, out, err));
        } catch (IOException e) {
            err.println("rolechain: restore failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("rolechain: restore stopped: " + e.getMessage() + ". Every write so far is in the journal "
                    + services.journal().file() + "; running restore again finishes it.");
            return 1;
        }
        result.restored().forEach(r -> out.println("restored " + r));
        result.unchanged().forEach(r -> out.println("unchanged " + r + " (already as backed up)"));
        result.removed().forEach(r -> out.println("removed " + r + " (apply created it)"));
        result.createdKept().forEach(r -> out.println("kept " + r + ": apply created it; rolechain restore --remove-created "
                + folder + " removes it"));
        result.problems().forEach(p -> err.println("rolechain: not restored: " + p));
        return result.problems().isEmpty() ? 0 : 1;
    }

    private boolean confirm(List<String> created, PrintWriter out, PrintWriter err) {
        out.println("Apply created these; --remove-created deletes them:");
        created.forEach(c -> out.println("  " + c));
        if (yes) {
            return true;
        }
        out.print("Delete them? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            boolean agreed = answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
            if (!agreed) {
                err.println("rolechain: nothing was removed (answer y to remove, or pass --yes)");
            }
            return agreed;
        } catch (IOException e) {
            return false;
        }
    }
}
