package dev.rolechain;

/**
 * The process's standard output and error for the few lines outside the command line that belong there: the
 * launcher's "no display" message and the start-up probe's line that benchmarks wait for. Everything else
 * writes through the command line's writers or the log.
 */
public final class Console {
    private Console() {
    }

    public static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }

    public static void err(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
