package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.aws.OrganizationReader;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.testsupport.FaultProxy;
import dev.rolechain.testsupport.MotoOrganization;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Inspect of a synthetic organization in moto (issue #17): 200 member accounts in 4 OUs, 50 roles each (the mix of
 * {@link SyntheticAccount}), read through the management profile with a bounded pool of 8 against one account at a
 * time, alternating, medians of 3 rounds after a warm-up; and the heap the read organization and its graph hold
 * (used heap after a full GC, with and without them). Needs moto. Arguments: accounts, roles per account.
 */
public final class OrganizationBench {
    public static void main(String[] args) throws Exception {
        if (!MotoServer.available()) {
            System.out.println("organization benchmark skipped: needs moto (python3 -m moto.server)");
            return;
        }
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int roles = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (MotoServer moto = MotoServer.startWithoutManagedPolicies()) {
            long fill = System.nanoTime();
            Map<String, Integer> units = new LinkedHashMap<>();
            for (int u = 0; u < 4; u++) {
                units.put("unit-" + u, accounts / 4 + (u < accounts % 4 ? 1 : 0));
            }
            MotoOrganization org = MotoOrganization.create(moto, units);
            List<String> members = org.accounts.values().stream().flatMap(List::stream).toList();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (String account : members) {
                futures.add(pool.submit(() -> {
                    try (IamClient iam = moto.iam(account)) {
                        for (SyntheticAccount.RoleSpec spec : SyntheticAccount.roles(roles)) {
                            iam.createRole(r -> r.roleName(spec.name()).assumeRolePolicyDocument(
                                    spec.trust().replace(SyntheticAccount.ACCOUNT, account)));
                            if (spec.inline() != null) {
                                iam.putRolePolicy(r -> r.roleName(spec.name()).policyName("inline").policyDocument(
                                        spec.inline().replace(SyntheticAccount.ACCOUNT, account)));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            System.out.printf(Locale.ROOT, "moto organization %s: %d member accounts in %d OUs, %d roles each, filled in %.0f s%n",
                    org.id, members.size(), units.size(), roles, (System.nanoTime() - fill) / 1e9);
            long latency = args.length > 2 ? Long.parseLong(args[2]) : 0;
            try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
                proxy.latency(latency);
                String endpoint = latency > 0 ? proxy.endpoint() : moto.endpoint();
                TestHome.awsConfig(moto.sharedConfig(Map.of()).replace(moto.endpoint(), endpoint)
                        + "[profile org-management]\naws_access_key_id = " + MotoServer.ACCESS_KEY
                        + "\naws_secret_access_key = " + MotoServer.SECRET_KEY + "\nregion = us-east-1\nendpoint_url = "
                        + endpoint + "\n");
                System.out.printf(Locale.ROOT, "each call %s%n", latency > 0 ? "held " + latency + " ms by a loopback proxy "
                        + "(the round trip to AWS, simulated)" : "straight to moto on loopback");
                measure(roles);
            }
        }
    }

    private static void measure(int roles) throws Exception {
        {
            Services services = new Services();
            OrganizationReader reader = services.organizationReader();
            GraphBuilder builder = services.graphBuilder();
            int rounds = 3;
            double[] pooled = new double[rounds];
            double[] sequential = new double[rounds];
            int read = 0;
            int edges = 0;
            for (int r = -1; r < rounds; r++) {
                long t0 = System.nanoTime();
                OrganizationReader.Result a = reader.read("org-management", OrganizationReader.DEFAULT_ACCESS_ROLE, 8,
                        (d, t, acc, m) -> { }, () -> false);
                TrustGraph ga = builder.build(a.accounts(), GraphBuilder.Production.none());
                long t1 = System.nanoTime();
                OrganizationReader.Result b = reader.read("org-management", OrganizationReader.DEFAULT_ACCESS_ROLE, 1,
                        (d, t, acc, m) -> { }, () -> false);
                TrustGraph gb = builder.build(b.accounts(), GraphBuilder.Production.none());
                long t2 = System.nanoTime();
                if (ga.edges().size() != gb.edges().size() || a.accounts().size() != b.accounts().size()) {
                    throw new IllegalStateException("pool and sequential read differ");
                }
                if (r >= 0) {
                    pooled[r] = (t1 - t0) / 1e9;
                    sequential[r] = (t2 - t1) / 1e9;
                }
                read = a.accounts().size();
                edges = ga.edges().size();
            }
            System.out.printf(Locale.ROOT, "inspect of %d accounts (%d roles, %d edges), %d rounds after a warm-up, alternating:%n",
                    read, read * roles, edges, rounds);
            System.out.printf(Locale.ROOT, "  pool of 8      median %.1f s (min %.1f, max %.1f)%n", GraphBench.median(pooled),
                    min(pooled), max(pooled));
            System.out.printf(Locale.ROOT, "  one at a time  median %.1f s (min %.1f, max %.1f)%n", GraphBench.median(sequential),
                    min(sequential), max(sequential));
            System.out.printf(Locale.ROOT, "  speed-up %.1f×%n", GraphBench.median(sequential) / GraphBench.median(pooled));
            long before = usedAfterGc();
            OrganizationReader.Result held = reader.read("org-management", OrganizationReader.DEFAULT_ACCESS_ROLE, 8,
                    (d, t, acc, m) -> { }, () -> false);
            TrustGraph graph = builder.build(held.accounts(), GraphBuilder.Production.none());
            long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "  memory held by the read organization and its graph: %.0f MB (heap after GC %.0f MB; "
                    + "%d nodes)%n", (after - before) / 1048576.0, after / 1048576.0, graph.nodes().size());
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }
}
