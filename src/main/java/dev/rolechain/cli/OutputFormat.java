package dev.rolechain.cli;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --format} option, shared by the commands that print results. Every command writes {@code text} and
 * {@code json}; a command that writes more says so by constructing its mixin with them ({@code lint}:
 * {@code new OutputFormat(Format.sarif)}), and every other command refuses those, naming the option and what it allows,
 * with exit code 2 (never a silent fallback to text).
 */
public final class OutputFormat {
    /** Every format some command writes; picocli rejects any other value with exit code 2. */
    public enum Format { text, json, sarif }

    private final Set<Format> allowed;
    private Format format = Format.text;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code text} and {@code json}. */
    public OutputFormat() {
        this(new Format[0]);
    }

    /** {@code text}, {@code json} and the {@code extra} formats. */
    public OutputFormat(Format... extra) {
        allowed = EnumSet.of(Format.text, Format.json);
        allowed.addAll(java.util.List.of(extra));
    }

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text or json.")
    void format(Format value) {
        if (!allowed.contains(value)) {
            throw new CommandLine.ParameterException(command.commandLine(), "Invalid value for option '--format': "
                    + value + " is not a format of " + command.qualifiedName() + " (expected one of " + names() + ")");
        }
        format = value;
    }

    public Format format() {
        return format;
    }

    public boolean json() {
        return format == Format.json;
    }

    public boolean sarif() {
        return format == Format.sarif;
    }

    private String names() {
        return allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * Makes the usage of {@code command}'s {@code --format} name the formats its mixin allows: the annotation names
     * only those every command has.
     */
    static void describe(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        OptionSpec option = spec.findOption("--format");
        if (option == null) {
            return;
        }
        spec.mixins().values().stream().map(CommandSpec::userObject).filter(OutputFormat.class::isInstance)
                .map(OutputFormat.class::cast).filter(f -> f.allowed.size() > 2).findFirst().ifPresent(f -> {
                    String label = f.allowed.stream().map(Enum::name).collect(Collectors.joining("|"));
                    String list = f.allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
                    int comma = list.lastIndexOf(", ");
                    spec.remove(option);
                    spec.addOption(OptionSpec.builder(option).paramLabel(label)
                            .description("Output format: " + list.substring(0, comma) + " or " + list.substring(comma + 2)
                                    + ".").build());
                });
    }
}
