package dev.rolechain;

import dev.rolechain.cli.RolechainCommand;
import dev.rolechain.ui.Gui;

/**
 * The main class. It does not extend {@code javafx.application.Application}, so the shaded jar runs
 * with {@code java -jar}. With arguments it runs the CLI; without, it opens the wizard.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            try {
                Gui.launch(Services::new);
            } catch (UnsupportedOperationException | IllegalStateException e) {
                Console.err("rolechain: cannot open the wizard's window (" + e.getMessage() + ").");
                Console.err("On a machine without a display, use the command line: rolechain --help");
                System.exit(1);
            }
            return;
        }
        int code = RolechainCommand.create(new Services(), args).execute(args);
        System.exit(code);
    }
}
