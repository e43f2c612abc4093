package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.Artifact;
import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.setup.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Planning and rendering a 20-target × 50-subject Setup in one process: validation, plan, and every
 * artifact (Terraform, workflow, policy JSON, README). Warm-up first, then timed iterations;
 * prints mean and percentiles. Run with {@code mvn -q -Pbench verify}.
 */
public final class PlanRenderBench {
    private static final int TARGETS = 20;
    private static final int SUBJECTS = 50;

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Services services = new Services();
        Setup setup = setup();
        if (!services.validator().validate(setup).isEmpty()) {
            throw new IllegalStateException("benchmark Setup is invalid: " + services.validator().validate(setup));
        }
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += once(services, setup);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            sink += once(services, setup);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "plan+render, %d targets x %d subjects, %d artifacts, %d iterations after %d warm-up%n",
                TARGETS, SUBJECTS, artifacts(services, setup), iterations, warmup);
        System.out.printf(Locale.ROOT, "mean %.2f ms  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (sink %d)%n",
                mean, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, sink % 10);
    }

    private static long once(Services services, Setup setup) {
        services.validator().validate(setup);
        DesiredState state = services.planner().plan(setup);
        long chars = 0;
        for (Artifact artifact : services.renderer().render(state)) {
            chars += artifact.content().length();
        }
        return chars;
    }

    private static int artifacts(Services services, Setup setup) {
        return services.renderer().render(services.planner().plan(setup)).size();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static Setup setup() {
        List<Target> targets = new ArrayList<>();
        for (int t = 0; t < TARGETS; t++) {
            List<Subject> subjects = new ArrayList<>();
            for (int s = 0; s < SUBJECTS; s++) {
                String repo = "service-" + s;
                subjects.add(switch (s % 5) {
                    case 0 -> Subject.branch(repo, "main");
                    case 1 -> Subject.branch(repo, "release/*");
                    case 2 -> Subject.tag(repo, "v*");
                    case 3 -> Subject.environment(repo, "env-" + t);
                    default -> Subject.pullRequest(repo);
                });
            }
            String account = String.format(Locale.ROOT, "%012d", 200000000000L + t);
            targets.add(new Target("target-" + t, account, "profile-" + t, "deploy", "external-id-" + t, t % 4 == 0,
                    subjects, List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                    Map.of("artifacts", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket-" + t + "/*\"}]}"),
                    3600, null));
        }
        return new Setup(GitHub.of("acme"),
                new Tooling("111111111111", "us-east-1", "tooling", true, "gha-oidc", OidcRoles.PER_TARGET, 3600),
                targets, Workflow.defaults());
    }
}
