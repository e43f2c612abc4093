package dev.rolechain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Start-up: from spawning the JVM to the first page on screen (after its first layout pulse), for
 * the wizard ({@code dev.rolechain.Launcher} with no arguments) and for a minimal JavaFX window,
 * alternating, on the same machine and class path. Headless Monocle with software rendering for both
 * unless {@code -Dbench.display=true}. Prints medians and the ratio (target: within 1.3×, issue #18).
 */
public final class StartupBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path home = Files.createDirectories(Path.of("target", "bench-home"));
        // one unmeasured run of each fills the OS file cache
        run("dev.rolechain.Launcher", home);
        run("dev.rolechain.bench.MinimalFxWindow", home);
        double[] wizard = new double[rounds];
        double[] minimal = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            minimal[i] = run("dev.rolechain.bench.MinimalFxWindow", home);
            wizard[i] = run("dev.rolechain.Launcher", home);
        }
        Arrays.sort(wizard);
        Arrays.sort(minimal);
        double w = wizard[rounds / 2];
        double m = minimal[rounds / 2];
        System.out.printf(Locale.ROOT, "start-up to the first page, %d rounds each (%s):%n", rounds,
                Boolean.getBoolean("bench.display") ? "display" : "headless Monocle, software rendering");
        System.out.printf(Locale.ROOT, "  minimal JavaFX window  median %.0f ms  (min %.0f, max %.0f)%n", m, minimal[0], minimal[rounds - 1]);
        System.out.printf(Locale.ROOT, "  Rolechain wizard       median %.0f ms  (min %.0f, max %.0f)%n", w, wizard[0], wizard[rounds - 1]);
        System.out.printf(Locale.ROOT, "  ratio %.2f (target <= 1.3)%n", w / m);
    }

    private static double run(String mainClass, Path home) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (!Boolean.getBoolean("bench.display")) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        command.add("-Drolechain.startupProbe=true");
        command.add(mainClass);
        return FirstPage.time(command, home);
    }
}
