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
                + "deploy roles chained with an ExternalId in each target account, and the workflow that uses them.")
public final class RolechainCommand implements Runnable {
    /** The subcommands, in the order the usage lists them. */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(ExportCommand.class, ValidateCommand.class,
            EvalCommand.class, LintCommand.class, CheckCommand.class, PlanCommand.class, ApplyCommand.class,
            RestoreCommand.class, LoginCommand.class, ProfilesCommand.class, InspectCommand.class, GitHubCommand.class,
            VerifyGitHubCommand.class, CommandLine.HelpCommand.class);

    /** Exit code for input that cannot be used (an invalid Setup, a bad option). */
    public static final int EXIT_INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired to the services, with Rolechain's exit codes, and every subcommand. */
    public static CommandLine create(Services services) {
        return create(services, new String[0]);
    }

    /**
     * The same for {@code args}: when they start with a subcommand's name, only that subcommand is built (picocli
     * reads every option of every subcommand it is given, which took a third of {@code eval}'s start-up); else,
     * for the top command's usage, {@code help}, a mistyped name, every subcommand.
     */
    public static CommandLine create(Services services, String... args) {
        Factory factory = new Factory(services);
        CommandLine cli = new CommandLine(new RolechainCommand(), factory);
        Class<?> only = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.stream()
                .filter(c -> names(c).contains(args[0])).findFirst().orElse(null);
        for (Class<?> type : SUBCOMMANDS) {
            if (only == null || type == only) {
                cli.addSubcommand(type);
            }
        }
        new java.util.LinkedHashSet<>(cli.getSubcommands().values()).forEach(OutputFormat::describe);
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
        cli.setParameterExceptionHandler((ex, given) -> {
            ex.getCommandLine().getErr().println("rolechain: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_INVALID;
        });
        return cli;
    }

    /** A subcommand's name and aliases, from its annotation (nothing of picocli's model is built for it). */
    private static java.util.List<String> names(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(command.aliases()));
        names.add(command.name());
        return names;
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
