package dev.rolechain.cli;

import dev.rolechain.Services;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code rolechain restore BACKUP}: put backed-up role documents back. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Put back the trust policy, settings and inline policies of each role saved in a backup folder by apply.")
public final class RestoreCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(paramLabel = "BACKUP", description = "A backup folder written by rolechain apply.")
    Path folder;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public RestoreCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        try {
            List<String> restored = services.restorer().restore(folder);
            restored.forEach(r -> spec.commandLine().getOut().println("restored " + r));
            return 0;
        } catch (IOException | SdkException e) {
            spec.commandLine().getErr().println("rolechain: restore failed: " + e.getMessage());
            return 1;
        }
    }
}
