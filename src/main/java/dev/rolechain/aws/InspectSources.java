package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.DumpReader;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The accounts to inspect, from any mix of sources: live profiles (read in parallel), dump files, and
 * the planned state of a Setup. The same account from two sources is an error: which one to believe
 * is the user's call.
 */
public final class InspectSources {
    private final TrustReader live;
    private final DumpReader dumps;
    private final OrganizationReader organizations;

    public InspectSources(TrustReader live, DumpReader dumps) {
        this(live, dumps, new OrganizationReader(live));
    }

    public InspectSources(TrustReader live, DumpReader dumps, OrganizationReader organizations) {
        this.live = live;
        this.dumps = dumps;
        this.organizations = organizations;
    }

    /**
     * What to read. {@code planned} may be null; {@code organizationProfile} (null: none) is an organization's
     * management or delegated administrator profile, whose every account is read through {@code accessRole} with
     * {@code threads} at once. A dump folder saved from an organization brings its OUs too.
     */
    public record Request(List<String> profiles, List<Path> dumpFiles, DesiredState planned, String plannedName,
            String organizationProfile, String accessRole, int threads) {
        public Request {
            profiles = List.copyOf(profiles);
            dumpFiles = List.copyOf(dumpFiles);
            accessRole = accessRole == null ? OrganizationReader.DEFAULT_ACCESS_ROLE : accessRole;
            threads = threads < 1 ? 8 : threads;
        }

        public Request(List<String> profiles, List<Path> dumpFiles, DesiredState planned, String plannedName) {
            this(profiles, dumpFiles, planned, plannedName, null, null, 8);
        }
    }

    /**
     * The snapshots, the roles a Setup marks production, and the organization they were read from (its OUs and
     * refusals; null when no organization was read or opened).
     */
    public record Loaded(List<AccountSnapshot> accounts, GraphBuilder.Production production,
            dev.rolechain.inspect.OrganizationMap organization) {
        public Loaded(List<AccountSnapshot> accounts, GraphBuilder.Production production) {
            this(accounts, production, null);
        }
    }

    /** A dump file of accounts; not the organization map a saved organization holds beside them. */
    private static boolean isAccountDump(Path file) {
        String name = file.getFileName().toString();
        return !name.equals(dev.rolechain.inspect.OrganizationMap.FILE);
    }

    public Loaded load(Request request, TrustReader.Progress progress, BooleanSupplier cancelled) {
        List<AccountSnapshot> accounts = new ArrayList<>();
        Set<String> productionRoles = new LinkedHashSet<>();
        dev.rolechain.inspect.OrganizationMap organization = null;
        for (Path file : request.dumpFiles()) {
            if (java.nio.file.Files.isDirectory(file)) {
                Path map = file.resolve(dev.rolechain.inspect.OrganizationMap.FILE);
                if (java.nio.file.Files.isRegularFile(map)) {
                    try {
                        organization = dev.rolechain.inspect.OrganizationMap.fromJson(
                                new com.fasterxml.jackson.databind.ObjectMapper().readTree(map.toFile()), map.toString());
                    } catch (java.io.IOException e) {
                        throw new DumpReader.DumpException(map + ": not JSON: " + e.getMessage());
                    }
                }
                // a saved organization: every account file of the folder
                try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(file)) {
                    List<Path> files = list.filter(f -> f.getFileName().toString().endsWith(".json") && isAccountDump(f))
                            .sorted().toList();
                    if (files.isEmpty()) {
                        throw new DumpReader.DumpException(file + ": no .json dump of an account in this folder");
                    }
                    for (Path f : files) {
                        accounts.addAll(dumps.readAll(f));
                    }
                } catch (java.io.IOException e) {
                    throw new DumpReader.DumpException(file + ": cannot list: " + e.getMessage());
                }
            } else if (isAccountDump(file)) {
                accounts.addAll(dumps.readAll(file));
            }
        }
        if (request.planned() != null) {
            DesiredState state = request.planned();
            for (IamAccount account : state.liveAccounts()) {
                accounts.add(new AccountSnapshot(account.accountId(), state.partition(), account, List.of(), Map.of(),
                        request.plannedName(), true));
            }
            state.chains().stream().filter(Chain::production).map(Chain::deployRoleArn).forEach(productionRoles::add);
        }
        accounts.addAll(live.read(request.profiles(), progress, cancelled));
        if (request.organizationProfile() != null) {
            OrganizationReader.Result org = organizations.read(request.organizationProfile(), request.accessRole(),
                    request.threads(), (done, total, account, message) -> progress.update("organization",
                            "[" + done + "/" + total + "] " + account + ": " + message), cancelled);
            accounts.addAll(org.accounts());
            organization = org.organization();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (AccountSnapshot a : accounts) {
            if (!seen.add(a.accountId())) {
                AccountSnapshot first = accounts.stream().filter(b -> b.accountId().equals(a.accountId())).findFirst().orElseThrow();
                throw new IllegalArgumentException("account " + a.accountId() + " comes from two sources: " + first.source()
                        + " and " + a.source() + "; give each account once");
            }
        }
        return new Loaded(accounts, new GraphBuilder.Production(Set.of(), productionRoles), organization);
    }
}
