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
 * alternating, on the same machine. The wizard runs as {@code java -jar target/rolechain.jar} (its shaded jar, with
 * Monocle beside it) when the jar is built, else from the class path; and as the packaged app-image when that is
 * built. Headless Monocle with software rendering unless {@code -Dbench.display=true}. Prints medians and the
 * ratios (target: within 1.3×, issue #18).
 */
public final class StartupBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path home = Files.createDirectories(Path.of("target", "bench-home"));
        // one unmeasured run of each fills the OS file cache
        Path jar = Path.of("target", "rolechain.jar");
        Path image = Path.of("target", "jpackage", "image", "rolechain");
        List<String> minimalCommand = command(System.getProperty("java.class.path"), "dev.rolechain.bench.MinimalFxWindow");
        String monocle = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .filter(p -> p.contains("openjfx-monocle")).findFirst().orElseThrow();
        List<String> wizardCommand = Files.isRegularFile(jar)
                ? command(jar.toAbsolutePath() + java.io.File.pathSeparator + monocle, "dev.rolechain.Launcher")
                : command(System.getProperty("java.class.path"), "dev.rolechain.Launcher");
        String wizardName = Files.isRegularFile(jar) ? "java -jar target/rolechain.jar" : "java -cp (classes)";
        List<String> packagedCommand = Files.isDirectory(image) ? List.of(dev.rolechain.testsupport.HeadlessImage.copy(
                image, Files.createTempDirectory("rolechain-image").resolve("rolechain")).toString()) : null;
        // one unmeasured run of each fills the OS file cache
        FirstPage.time(wizardCommand, home);
        FirstPage.time(minimalCommand, home);
        double[] wizard = new double[rounds];
        double[] minimal = new double[rounds];
        double[] packaged = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            minimal[i] = FirstPage.time(minimalCommand, home);
            wizard[i] = FirstPage.time(wizardCommand, home);
            if (packagedCommand != null) {
                packaged[i] = FirstPage.time(packagedCommand, home);
            }
        }
        double m = median(minimal);
        System.out.printf(Locale.ROOT, "start-up to the first page, %d alternating rounds each (%s):%n", rounds,
                Boolean.getBoolean("bench.display") ? "display" : "headless Monocle, software rendering");
        System.out.printf(Locale.ROOT, "  minimal JavaFX window            median %.0f ms  (min %.0f, max %.0f)%n", m,
                minimal[0], minimal[rounds - 1]);
        report(wizardName, wizard, m);
        if (packagedCommand != null) {
            report("the packaged app-image", packaged, m);
        }
    }

    private static void report(String name, double[] times, double minimal) {
        double w = median(times);
        System.out.printf(Locale.ROOT, "  %-32s median %.0f ms  (min %.0f, max %.0f): ratio %.2f (target <= 1.3)%n", name, w,
                times[0], times[times.length - 1], w / minimal);
        Ratios.record("wizard's first page, " + name, w / minimal, 1.3, true, String.format(Locale.ROOT,
                "%.0f ms (%.0f-%.0f) against a minimal JavaFX window %.0f ms", w, times[0], times[times.length - 1], minimal));
    }

    /** Sorts the times and gives their median. */
    private static double median(double[] times) {
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static List<String> command(String classPath, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        if (!Boolean.getBoolean("bench.display")) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        command.add("-Drolechain.startupProbe=true");
        command.add(mainClass);
        return command;
    }
}
