package dev.rolechain.bench;

import dev.rolechain.testsupport.EvalCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code rolechain eval --cases} on 3,000 and 30,000 random cases ({@link EvalCorpus}), whole processes
 * ({@code java -jar target/rolechain.jar}), alternating with an independent IAM simulator in Node.js
 * ({@code @cloud-copilot/iam-simulate}, installed into bench/js by this benchmark, never shipped) on the same file;
 * medians, min and max, the ratio, and how often the two agree.
 */
public final class EvalBench {
    private static final int ROUNDS = 5;
    private static final Path PACKAGED = Path.of("target/jpackage/image/rolechain/bin/rolechain");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/rolechain.jar");
        Path js = Path.of("bench/js");
        if (!Files.isRegularFile(jar)) {
            System.out.println("eval benchmark skipped: build target/rolechain.jar first (mvn -q package -DskipTests)");
            return;
        }
        if (!Files.isDirectory(js.resolve("node_modules/@cloud-copilot/iam-simulate"))) {
            run(js, List.of("npm", "install", "--no-audit", "--no-fund", "--silent"), null);
        }
        Path work = Files.createDirectories(Path.of("target/bench"));
        for (int n : new int[] {3_000, 30_000}) {
            Path corpus = work.resolve("eval-" + n + ".jsonl");
            Files.write(corpus, EvalCorpus.cases(n, 20261129L));
            Path ours = work.resolve("eval-" + n + ".out");
            Path theirs = work.resolve("simulate-" + n + ".out");
            List<String> rolechain = List.of("java", "-jar", jar.toString(), "eval", "--cases", corpus.toString());
            List<String> simulator = List.of("node", js.resolve("simulate.mjs").toString(), corpus.toString());
            // the packaged app (its launcher maps the AppCDS archive made where it lies), when it is built
            List<String> packaged = Files.isExecutable(PACKAGED) ? List.of(PACKAGED.toString(), "eval", "--cases",
                    corpus.toString()) : null;
            run(null, rolechain, ours);
            run(null, simulator, theirs);
            double[] a = new double[ROUNDS];
            double[] b = new double[ROUNDS];
            double[] c = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                a[i] = run(null, rolechain, ours);
                b[i] = run(null, simulator, theirs);
                if (packaged != null) {
                    c[i] = run(null, packaged, null);
                }
            }
            Arrays.sort(a);
            Arrays.sort(b);
            Arrays.sort(c);
            double target = n == 3_000 ? 3 : 5;
            if (packaged != null) {
                Ratios.record(String.format(Locale.ROOT, "eval --cases, %,d cases, packaged app", n), b[ROUNDS / 2] / c[ROUNDS / 2],
                        target, false, String.format(Locale.ROOT, "%.2f s (%.2f-%.2f) against %.2f s", c[ROUNDS / 2], c[0],
                                c[ROUNDS - 1], b[ROUNDS / 2]));
                System.out.printf(Locale.ROOT, "eval --cases, %,d cases, the packaged app (target/jpackage/image): median "
                        + "%.2f s (min %.2f, max %.2f): %.2fx faster than iam-simulate%n", n, c[ROUNDS / 2], c[0],
                        c[ROUNDS - 1], b[ROUNDS / 2] / c[ROUNDS / 2]);
            }
            System.out.printf(Locale.ROOT, "eval --cases, %,d cases, whole processes, %d alternating rounds: rolechain median "
                    + "%.2f s (min %.2f, max %.2f); iam-simulate median %.2f s (min %.2f, max %.2f): %.2fx faster; "
                    + "decisions agree on %s%n", n, ROUNDS, a[ROUNDS / 2], a[0], a[ROUNDS - 1], b[ROUNDS / 2], b[0],
                    b[ROUNDS - 1], b[ROUNDS / 2] / a[ROUNDS / 2], agreement(ours, theirs));
            Ratios.record(String.format(Locale.ROOT, "eval --cases, %,d cases, java -jar", n), b[ROUNDS / 2] / a[ROUNDS / 2],
                    target, false, String.format(Locale.ROOT, "%.2f s (%.2f-%.2f) against %.2f s", a[ROUNDS / 2], a[0],
                            a[ROUNDS - 1], b[ROUNDS / 2]));
        }
    }

    /** The share of cases both decide alike (allow, explicit deny, implicit deny). */
    private static String agreement(Path ours, Path theirs) throws IOException {
        List<String> a = Files.readAllLines(ours);
        List<String> b = Files.readAllLines(theirs);
        int same = 0;
        int compared = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String mine = a.get(i).contains("\"decision\":\"allow\"") ? "A" : a.get(i).contains("\"explicit-deny\"") ? "E"
                    : a.get(i).contains("\"implicit-deny\"") ? "I" : "?";
            String other = b.get(i).startsWith("Allowed") ? "A" : b.get(i).startsWith("Explicit") ? "E"
                    : b.get(i).startsWith("Implicit") ? "I" : "?";
            if (!mine.equals("?") && !other.equals("?")) {
                compared++;
                same += mine.equals(other) ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "%.1f%% of %,d cases both decided", 100.0 * same / Math.max(1, compared), compared);
    }

    private static double run(Path dir, List<String> command, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
        return seconds;
    }
}
