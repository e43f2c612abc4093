package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.ui.inspect.ElkLayout;
import dev.rolechain.ui.inspect.GraphLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Graph build and ELK layout of one account of 2,000 roles (target: build + layout ≤ 1 s). */
public final class GraphBench {
    public static void main(String[] args) {
        int roles = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        AccountSnapshot account = SyntheticAccount.snapshot(roles);
        GraphBuilder builder = new Services().graphBuilder();
        ElkLayout elk = new ElkLayout();
        int warmup = 3;
        int rounds = 7;
        double[] build = new double[rounds];
        double[] layout = new double[rounds];
        double[] total = new double[rounds];
        TrustGraph graph = null;
        GraphLayout placed = null;
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            graph = builder.build(List.of(account), GraphBuilder.Production.none());
            long t1 = System.nanoTime();
            placed = elk.layout(graph.nodes(), graph.edges());
            long t2 = System.nanoTime();
            if (r >= 0) {
                build[r] = (t1 - t0) / 1e6;
                layout[r] = (t2 - t1) / 1e6;
                total[r] = (t2 - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "inspect graph of %d roles: %d nodes, %d edges, layout %.0f × %.0f%n", roles,
                graph.nodes().size(), graph.edges().size(), placed.width(), placed.height());
        System.out.printf(Locale.ROOT, "  build  median %.0f ms (min %.0f, max %.0f)%n", median(build), min(build), max(build));
        System.out.printf(Locale.ROOT, "  layout median %.0f ms (min %.0f, max %.0f)%n", median(layout), min(layout), max(layout));
        System.out.printf(Locale.ROOT, "  build + layout median %.0f ms (min %.0f, max %.0f) over %d rounds after %d warm-up "
                + "(target ≤ 1000 ms)%n", median(total), min(total), max(total), rounds, warmup);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
