package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.chain.Cell;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.plan.DesiredState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy engine's figures: one-statement OIDC trust evaluations per second on one thread, and
 * {@code check} (the dry-run matrix) on a 20-target × 50-subject Setup in-process.
 */
public final class EngineBench {
    private static final String PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";

    public static void main(String[] args) {
        trustEvaluations();
        check();
    }

    private static void trustEvaluations() {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        PolicyDocument trust = PolicyJson.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithWebIdentity","Condition":{
                  "StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                  "StringLike":{"token.actions.githubusercontent.com:sub":"repo:myorg/*:ref:refs/heads/main"}}}]}
                """.formatted(PROVIDER));
        Request[] requests = new Request[2];
        requests[0] = request("repo:myorg/app:ref:refs/heads/main");
        requests[1] = request("repo:myorg/app:ref:refs/heads/feature");
        long sink = 0;
        for (int i = 0; i < 300_000; i++) {
            sink += evaluator.evaluate(trust, List.of(), requests[i & 1]).decision().ordinal();
        }
        double[] rates = new double[5];
        for (int round = 0; round < rates.length; round++) {
            int n = 500_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += evaluator.evaluate(trust, List.of(), requests[i & 1]).decision().ordinal();
            }
            rates[round] = n / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "one-statement OIDC trust, one thread: median %.0f evaluations/s (min %.0f, max %.0f) "
                + "over 5 rounds of 500000, half allowed, half denied (sink %d)%n",
                rates[2], rates[0], rates[4], sink % 10);
    }

    private static Request request(String sub) {
        return new Request(PROVIDER, "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/gha",
                RequestContext.of(Map.of("token.actions.githubusercontent.com:sub", List.of(sub),
                        "token.actions.githubusercontent.com:aud", List.of("sts.amazonaws.com"))));
    }

    private static void check() {
        Services services = new Services();
        DesiredState state = services.planner().plan(PlanRenderBench.setup());
        int cells = 0;
        for (int i = 0; i < 50; i++) {
            cells = services.chainCheck().check(state).size();
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            List<Cell> matrix = services.chainCheck().check(state);
            nanos[i] = System.nanoTime() - start;
            cells = matrix.size();
        }
        report("check (verdicts and hops)", cells, nanos);
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            long chars = 0;
            for (Cell cell : services.chainCheck().check(state)) {
                chars += cell.reason().length();
            }
            nanos[i] = System.nanoTime() - start;
            cells += (int) (chars % 2);
        }
        report("check with every reason written", cells, nanos);
    }

    private static void report(String what, int cells, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s, 20 targets x 50 subjects, %d cells: mean %.1f ms  p50 %.1f ms  p95 %.1f ms  "
                + "max %.1f ms (%d runs after 50 warm-up)%n", what, cells,
                Arrays.stream(nanos).average().orElse(0) / 1e6, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.95) - 1] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length);
    }
}
