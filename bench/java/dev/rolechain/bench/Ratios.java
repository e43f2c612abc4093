package dev.rolechain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratios issue #18 names, as each benchmark measures them (target/bench/ratios.tsv, one line per measurement, the
 * newest kept), and printed together by {@link #main} at the end of {@code mvn -q -Pbench verify}.
 */
public final class Ratios {
    static final Path FILE = Path.of("target", "bench", "ratios.tsv");

    private Ratios() {
    }

    /**
     * Records one measurement: {@code ratio} is how many times faster than the reference (for start-up, how many times
     * the minimal window's time), {@code lowerIsBetter} for start-up, whose target is a most.
     */
    static void record(String what, double ratio, double target, boolean lowerIsBetter, String figures) {
        try {
            Files.createDirectories(FILE.getParent());
            Map<String, String> lines = read();
            lines.put(what, String.format(Locale.ROOT, "%s\t%.2f\t%.2f\t%s\t%s", what, ratio, target, lowerIsBetter, figures));
            Files.write(FILE, lines.values());
        } catch (IOException e) {
            throw new IllegalStateException("cannot record in " + FILE + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read() throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        if (Files.isRegularFile(FILE)) {
            for (String line : Files.readAllLines(FILE)) {
                lines.put(line.split("\t", 2)[0], line);
            }
        }
        return lines;
    }

    /** Prints every recorded ratio against its target. */
    public static void main(String[] args) throws IOException {
        List<String> lines = new ArrayList<>(read().values());
        if (lines.isEmpty()) {
            System.out.println("no ratios recorded: run mvn -q -Pbench verify");
            return;
        }
        System.out.println("issue #18, the ratios of this run:");
        for (String line : lines) {
            String[] f = line.split("\t");
            double ratio = Double.parseDouble(f[1]);
            double target = Double.parseDouble(f[2]);
            boolean lower = Boolean.parseBoolean(f[3]);
            boolean met = lower ? ratio <= target : ratio >= target;
            System.out.printf(Locale.ROOT, "  %-52s %6.2fx  target %s %.1fx  %s  (%s)%n", f[0], ratio, lower ? "<=" : ">=",
                    target, met ? "met" : "NOT met", f[4]);
        }
    }
}
