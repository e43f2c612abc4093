package dev.rolechain.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option, shared by the commands that print results. */
public final class OutputFormat {
    /** The formats; picocli rejects any other value with exit code 2. */
    public enum Format { text, json }

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }
}
