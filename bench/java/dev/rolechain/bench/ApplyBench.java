package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ExportedTerraform;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TerraformCli;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Apply of the three-target Setup against moto, beside terraform init + apply of the exported files
 * against another moto on the same machine; and the API calls a plan and a no-op apply make.
 * Needs moto and terraform; run with {@code mvn -q -Pbench verify} (HOME is set to target/test-home).
 */
public final class ApplyBench {
    /**
     * moto builds an account's IAM backend (with AWS's managed policies) on its first call; both sides
     * are measured on warmed accounts so that the figure is the tool's, not moto's.
     */
    private static void warm(MotoServer moto, DesiredState state) {
        for (var account : state.accounts()) {
            try (var iam = moto.iam(account.accountId())) {
                iam.listRoles();
            }
        }
    }

    /** {@code rolechain apply --yes} of the Setup on warmed, empty moto accounts, as a process; 5 rounds. */
    private static double wholeProcess(MotoServer moto, DesiredState state, String what, List<String> command)
            throws Exception {
        double[] seconds = new double[5];
        for (int round = 0; round < seconds.length; round++) {
            moto.reset();
            warm(moto, state);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int exit = p.waitFor();
            seconds[round] = (System.nanoTime() - start) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
            }
        }
        java.util.Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "rolechain apply --yes, three targets, whole process (%s): median %.2f s "
                + "(min %.2f, max %.2f), 5 rounds on warmed moto accounts%n", what, seconds[2], seconds[0], seconds[4]);
        return seconds[2];
    }

    public static void main(String[] args) throws Exception {
        if (!MotoServer.available() || !TerraformCli.installed() || TerraformCli.mirror().isEmpty()) {
            System.out.println("apply benchmark skipped: needs moto, terraform and the aws provider mirror");
            return;
        }
        Services services = new Services();
        DesiredState state = services.planner().plan(Examples.load("three-targets"));
        AtomicInteger calls = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.incrementAndGet();
            }
        };
        Function<String, AccountSession> sessions = p -> AccountSession.open(p, List.of(counter));
        Path work = Files.createTempDirectory("apply-bench");
        Applier applier = new Applier(sessions, new Differ(), services.chainCheck(), new Journal(work.resolve("journal.jsonl")),
                new dev.rolechain.aws.Backups(work.resolve("backups")));
        LivePlanner planner = new LivePlanner(sessions, new Differ(), services.chainCheck());

        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        try (MotoServer moto = MotoServer.start()) {
            TestHome.awsConfig(moto.sharedConfig(Map.of("acme-tooling", "111111111111", "acme-dev", "333333333333",
                    "acme-staging", "444444444444", "acme-prod", "555555555555")));
            long[] applyMillis = new long[5];
            Applier.Result result = null;
            for (int round = 0; round < applyMillis.length; round++) {
                moto.reset();
                warm(moto, state);
                long start = System.nanoTime();
                result = applier.apply(state, (a, r, why, diff) -> false);
                applyMillis[round] = (System.nanoTime() - start) / 1_000_000;
            }
            // whole processes, as a user runs it: java -jar, and the packaged app when it is built
            Path jar = Path.of("target/rolechain.jar");
            Path packaged = Path.of("target/jpackage/image/rolechain/bin/rolechain");
            String setup = Examples.path("three-targets").toAbsolutePath().toString();
            if (Files.isRegularFile(jar)) {
                medians.put("java -jar target/rolechain.jar", wholeProcess(moto, state, "java -jar target/rolechain.jar",
                        List.of("java", "-jar", jar.toString(), "apply", "--setup", setup, "--yes")));
            }
            if (Files.isExecutable(packaged)) {
                medians.put("the packaged app", wholeProcess(moto, state, "the packaged app",
                        List.of(packaged.toString(), "apply", "--setup", setup, "--yes")));
            }
            // IAM's one endpoint is far from most users: every call made 50 ms slower, as from another continent
            ExecutionInterceptor distant = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            Applier farApplier = new Applier(p -> AccountSession.open(p, List.of(distant)), new Differ(), services.chainCheck(),
                    new Journal(work.resolve("journal-far.jsonl")), new dev.rolechain.aws.Backups(work.resolve("backups-far")));
            long[] farMillis = new long[3];
            for (int round = 0; round < farMillis.length; round++) {
                moto.reset();
                warm(moto, state);
                long start = System.nanoTime();
                farApplier.apply(state, (a, r, why, diff) -> false);
                farMillis[round] = (System.nanoTime() - start) / 1_000_000;
            }
            System.out.printf(Locale.ROOT, "rolechain apply, three targets, 50 ms added to every call: %s ms (3 rounds)%n",
                    java.util.Arrays.toString(farMillis));
            calls.set(0);
            planner.plan(state);
            int planCalls = calls.get();
            calls.set(0);
            Applier.Result noop = applier.apply(state, (a, r, why, diff) -> false);
            int noopCalls = calls.get();
            System.out.printf(Locale.ROOT, "rolechain apply, three targets on empty moto accounts: %s ms (5 rounds), %d writes%n",
                    java.util.Arrays.toString(applyMillis), result.writes());
            System.out.printf(Locale.ROOT, "API calls: plan %d (all reads); no-op apply %d, of which writes %d%n",
                    planCalls, noopCalls, noop.writes());
        }
        try (MotoServer moto = MotoServer.start()) {
            long[] tfMillis = new long[3];
            for (int round = 0; round < tfMillis.length; round++) {
                moto.reset();
                warm(moto, state);
                Path folder = Files.createTempDirectory("tf-bench");
                ExportedTerraform tf = ExportedTerraform.export(services, state, moto, folder, TerraformCli.withAwsProvider());
                long start = System.nanoTime();
                tf.initAndApply();
                tfMillis[round] = (System.nanoTime() - start) / 1_000_000;
            }
            System.out.printf(Locale.ROOT, "terraform init + apply of the export, same Setup, another moto: %s ms (%d rounds)%n",
                    java.util.Arrays.toString(tfMillis), tfMillis.length);
            long[] sorted = tfMillis.clone();
            java.util.Arrays.sort(sorted);
            double terraform = sorted[sorted.length / 2] / 1000.0;
            medians.forEach((what, seconds) -> {
                System.out.printf(Locale.ROOT,
                        "apply ratio, %s: %.1fx faster than terraform init + apply (median %.2f s against %.2f s; target 20x)%n",
                        what, terraform / seconds, seconds, terraform);
                Ratios.record("apply, three targets, " + what, terraform / seconds, 20, false,
                        String.format(Locale.ROOT, "%.2f s against terraform %.2f s", seconds, terraform));
            });
        }
    }
}
