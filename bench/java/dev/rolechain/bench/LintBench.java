package dev.rolechain.bench;

import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Role;
import dev.rolechain.lint.TrustContext;
import dev.rolechain.lint.TrustLint;
import dev.rolechain.lint.WebIdentityProbes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 29's figures. (1) The probe battery's cost per web-identity trust statement, in process, warmed: the
 * judgments of every GitHub role's trust of a 2,000-role account, divided by their statements (target ≤ 1 ms).
 * (2) {@code rolechain lint --policy DUMP} of a 2,000-role get-account-authorization-details dump as a whole process,
 * with the packaged app when it is built and with {@code java -jar} (target ≤ 2 s packaged).
 */
public final class LintBench {
    /** The build folder whose packaged app and jar are run: this project's target/, or -Drolechain.target=DIR. */
    private static final Path TARGET = Path.of(System.getProperty("rolechain.target", "target"));
    private static final Path PACKAGED = TARGET.resolve("jpackage/image/rolechain/bin/rolechain");
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<PolicyDocument> trusts = new ArrayList<>();
        for (Role role : SyntheticAccount.snapshot(count).iam().roles()) {
            trusts.add(role.trustPolicy());
        }
        WebIdentityProbes probes = new WebIdentityProbes(new PolicyEvaluator());
        TrustLint lint = new TrustLint(new PolicyEvaluator());
        int statements = 0;
        for (PolicyDocument t : trusts) {
            statements += probes.judge(t, null).size();
        }
        double[] perStatement = new double[ROUNDS];
        double[] lintAll = new double[ROUNDS];
        for (int r = -3; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            int judged = 0;
            for (PolicyDocument t : trusts) {
                judged += probes.judge(t, null).size();
            }
            long t1 = System.nanoTime();
            int findings = 0;
            for (PolicyDocument t : trusts) {
                findings += lint.lint("trust.json", t, TrustContext.unknown()).size();
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                perStatement[r] = (t1 - t0) / 1e6 / Math.max(1, judged);
                lintAll[r] = (t2 - t1) / 1e9;
            }
            if (findings < 0) {
                throw new IllegalStateException();
            }
        }
        Arrays.sort(perStatement);
        Arrays.sort(lintAll);
        System.out.printf(Locale.ROOT, "probe battery: %d web-identity statements in %d trusts, median %.3f ms a statement "
                + "(min %.3f, max %.3f); trust lint of all %d roles in process %.3f s%n", statements, trusts.size(),
                perStatement[ROUNDS / 2], perStatement[0], perStatement[ROUNDS - 1], trusts.size(), lintAll[ROUNDS / 2]);
        Ratios.record("lint probe battery, ms a statement (target at most 1)", perStatement[ROUNDS / 2], 1.0, true,
                String.format(Locale.ROOT, "%.3f ms (%.3f-%.3f) over %d statements", perStatement[ROUNDS / 2],
                        perStatement[0], perStatement[ROUNDS - 1], statements));

        Path dump = Files.createTempFile("rolechain-lint-bench", ".json");
        SyntheticAccount.writeDump(dump, count);
        Path jar = Files.isRegularFile(TARGET.resolve("rolechain.jar")) ? TARGET.resolve("rolechain.jar") : null;
        List<List<String>> commands = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (Files.isExecutable(PACKAGED)) {
            commands.add(List.of(PACKAGED.toString(), "lint", "--policy", dump.toString(), "--format", "json"));
            names.add("packaged app");
        }
        if (jar != null) {
            commands.add(List.of("java", "-jar", jar.toString(), "lint", "--policy", dump.toString(), "--format", "json"));
            names.add("java -jar");
        }
        double[][] times = new double[commands.size()][ROUNDS];
        for (int r = -1; r < ROUNDS; r++) {
            for (int c = 0; c < commands.size(); c++) {
                double s = run(commands.get(c));
                if (r >= 0) {
                    times[c][r] = s;
                }
            }
        }
        for (int c = 0; c < commands.size(); c++) {
            Arrays.sort(times[c]);
            System.out.printf(Locale.ROOT, "lint of a %,d-role dump, whole process, %s: median %.2f s (min %.2f, max %.2f)%n",
                    count, names.get(c), times[c][ROUNDS / 2], times[c][0], times[c][ROUNDS - 1]);
            Ratios.record("lint of a 2,000-role dump, s, " + names.get(c) + " (target at most 2)", times[c][ROUNDS / 2], 2.0,
                    true, String.format(Locale.ROOT, "%.2f s (%.2f-%.2f)", times[c][ROUNDS / 2], times[c][0],
                            times[c][ROUNDS - 1]));
        }
        if (commands.isEmpty()) {
            System.out.println("lint of a dump, whole process: skipped (build the jar or the packaged app first)");
        }
        Files.deleteIfExists(dump);
    }

    private static double run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0 && exit != 1) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
        return seconds;
    }
}
