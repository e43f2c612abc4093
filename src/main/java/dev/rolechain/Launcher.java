package dev.rolechain;

import dev.rolechain.cli.RolechainCommand;

/**
 * The main class. It does not extend {@code javafx.application.Application}, so the shaded jar runs
 * with {@code java -jar}. With arguments it runs the CLI.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        int code = RolechainCommand.create(new Services()).execute(args);
        System.exit(code);
    }
}
