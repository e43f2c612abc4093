package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rolechain}: the top command; every GUI action is also a subcommand. */
@Command(name = "rolechain",
        mixinStandardHelpOptions = true,
        versionProvider = RolechainCommand.VersionProvider.class,
        description = "Connect GitHub Actions to AWS with no long-lived keys: an OIDC role in a tooling account, "
                + "deploy roles chained with an ExternalId in each target account, and the workflow that uses them.",
        subcommands = {ExportCommand.class, ValidateCommand.class, EvalCommand.class, LintCommand.class, CheckCommand.class, PlanCommand.class, ApplyCommand.class, RestoreCommand.class, LoginCommand.class, ProfilesCommand.class, InspectCommand.class, GitHubCommand.class, VerifyGitHubCommand.class, CommandLine.HelpCommand.class})
public final class RolechainCommand implements Runnable {

    /** Exit code for input that cannot be used (an invalid Setup, a bad option). */
    public static final int EXIT_INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired to the services, with Rolechain's exit codes. */
    public static CommandLine create(Services services) {
        CommandLine cli = new CommandLine(new RolechainCommand(), new Factory(services));
        cli.setExitCodeExceptionMapper(e -> EXIT_INVALID);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A command met something it does not handle: one line that says what, not a stack trace.
            commandLine.getErr().println("rolechain: " + commandLine.getCommandName() + " failed: " + describe(ex));
            if (System.getenv("ROLECHAIN_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("rolechain: (set ROLECHAIN_DEBUG=1 to see where)");
            }
            return 1;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("rolechain: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_INVALID;
        });
        return cli;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rolechain " + Version.get()};
        }
    }

    /** Gives commands their services by constructor. */
    private record Factory(Services services) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Services.class).newInstance(services);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
