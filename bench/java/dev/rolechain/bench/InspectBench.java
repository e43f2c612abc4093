package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.TrustReader;
import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * Live inspect of one moto account of 2,000 roles against bare SDK paging of the same API calls
 * (GetAccountAuthorizationDetails with the same filter, every page; the OIDC and SAML provider
 * lists) in the same run, alternating (target: inspect ≤ 1.3× bare). Needs moto; HOME is set to
 * target/test-home by the bench profile.
 */
public final class InspectBench {
    public static void main(String[] args) throws Exception {
        if (!MotoServer.available()) {
            System.out.println("inspect benchmark skipped: needs moto (python3 -m moto.server)");
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (MotoServer moto = MotoServer.start()) {
            TestHome.awsConfig(moto.sharedConfig(Map.of("big", SyntheticAccount.ACCOUNT)));
            long fill = System.nanoTime();
            try (IamClient iam = moto.iam(SyntheticAccount.ACCOUNT)) {
                iam.createOpenIDConnectProvider(r -> r.url("https://" + SyntheticAccount.GH).clientIDList("sts.amazonaws.com")
                        .thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"));
                for (SyntheticAccount.RoleSpec spec : SyntheticAccount.roles(count)) {
                    iam.createRole(r -> r.roleName(spec.name()).assumeRolePolicyDocument(spec.trust()));
                    if (spec.inline() != null) {
                        iam.putRolePolicy(r -> r.roleName(spec.name()).policyName("inline").policyDocument(spec.inline()));
                    }
                }
            }
            System.out.printf(Locale.ROOT, "moto account %s filled with %d roles in %.0f s%n", SyntheticAccount.ACCOUNT, count,
                    (System.nanoTime() - fill) / 1e9);
            Services services = new Services();
            TrustReader reader = new TrustReader(AccountSession::open);
            GraphBuilder builder = services.graphBuilder();
            int rounds = 7;
            double[] bare = new double[rounds];
            double[] read = new double[rounds];
            double[] inspect = new double[rounds];
            int roles = 0;
            int edges = 0;
            for (int r = -2; r < rounds; r++) {
                long t0 = System.nanoTime();
                int seen = bare();
                long t1 = System.nanoTime();
                AccountSnapshot snapshot = reader.read("big", (p, m) -> { }, () -> false);
                long t2 = System.nanoTime();
                TrustGraph graph = builder.build(List.of(snapshot), GraphBuilder.Production.none());
                long t3 = System.nanoTime();
                if (seen != snapshot.iam().roles().size()) {
                    throw new IllegalStateException("bare paging saw " + seen + " roles, inspect " + snapshot.iam().roles().size());
                }
                if (r >= 0) {
                    bare[r] = (t1 - t0) / 1e6;
                    read[r] = (t2 - t1) / 1e6;
                    inspect[r] = (t3 - t1) / 1e6;
                }
                roles = snapshot.iam().roles().size();
                edges = graph.edges().size();
            }
            double ratio = GraphBench.median(inspect) / GraphBench.median(bare);
            System.out.printf(Locale.ROOT, "live inspect of %d roles (%d edges), %d rounds after 2 warm-up, alternating:%n", roles,
                    edges, rounds);
            System.out.printf(Locale.ROOT, "  bare SDK paging        median %.0f ms (min %.0f, max %.0f)%n", GraphBench.median(bare),
                    GraphBench.min(bare), GraphBench.max(bare));
            System.out.printf(Locale.ROOT, "  inspect read           median %.0f ms (min %.0f, max %.0f)%n", GraphBench.median(read),
                    GraphBench.min(read), GraphBench.max(read));
            System.out.printf(Locale.ROOT, "  inspect read + graph   median %.0f ms (min %.0f, max %.0f): %.2f× bare (target ≤ 1.3×)%n",
                    GraphBench.median(inspect), GraphBench.min(inspect), GraphBench.max(inspect), ratio);
        }
    }

    /** The same API calls as the inspector makes, with the SDK alone; returns the roles seen. */
    private static int bare() {
        try (AccountSession session = AccountSession.open("big")) {
            session.identity();
            IamClient iam = session.iam();
            List<RoleDetail> roles = new ArrayList<>();
            List<ManagedPolicyDetail> policies = new ArrayList<>();
            for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(
                    r -> r.filterWithStrings("Role", "LocalManagedPolicy", "AWSManagedPolicy"))) {
                roles.addAll(page.roleDetailList());
                policies.addAll(page.policies());
            }
            for (OpenIDConnectProviderListEntry p : iam.listOpenIDConnectProviders().openIDConnectProviderList()) {
                iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(p.arn()));
            }
            iam.listSAMLProviders();
            return roles.size();
        }
    }
}
