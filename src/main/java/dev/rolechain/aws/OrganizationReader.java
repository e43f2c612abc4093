package dev.rolechain.aws;

import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.OrganizationMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Inspect of a whole organization through its management or delegated administrator profile: the OU tree and
 * the accounts (Organizations), then each account read through a role assumed in it (default
 * {@code OrganizationAccountAccessRole}; the management account itself through the profile), on a bounded pool.
 * An account that refuses (the role is missing or does not trust the caller) is listed with the reason; the
 * others are read. Read-only.
 */
public final class OrganizationReader {
    public static final String DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";
    private static final String SESSION_NAME = "rolechain-inspect";

    private final TrustReader trustReader;

    public OrganizationReader(TrustReader trustReader) {
        this.trustReader = trustReader;
    }

    /** What was read: the snapshots of the accounts read, and the organization's map (with the refusals). */
    public record Result(List<AccountSnapshot> accounts, OrganizationMap organization) {
    }

    /** Progress: accounts done (read or refused) of all. */
    public interface Progress {
        void update(int done, int total, String account, String message);
    }

    /**
     * Reads the organization the profile manages. {@code threads} accounts are read at once (1 reads them one
     * after another).
     */
    public Result read(String profile, String accessRole, int threads, Progress progress, BooleanSupplier cancelled) {
        OrganizationsApi api = OrganizationsApi.forProfile(profile);
        OrganizationsApi.Organization org = api.describeOrganization();
        List<OrganizationMap.Unit> units = new ArrayList<>();
        Map<String, String> unitOf = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (OrganizationsApi.Unit root : api.roots()) {
            walk(api, root.id(), root.name(), root.name(), units, unitOf, names);
        }
        List<String> accounts = List.copyOf(unitOf.keySet());
        AwsCredentialsProvider base = AccountSession.credentials(profile);
        ClientOverrideConfiguration config = AccountSession.overrides(profile);
        Map<String, AccountSnapshot> read = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        String partition;
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(base)
                .overrideConfiguration(config).build()) {
            partition = sts.getCallerIdentity().arn().split(":")[1];
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, accounts.size())), r -> {
                Thread t = new Thread(r, "rolechain-organization-read");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (String account : accounts) {
                    futures.add(pool.submit(() -> {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("inspect cancelled: nothing was changed (reading is read-only)");
                        }
                        try {
                            AccountSnapshot snapshot = readAccount(sts, base, config, account, org.managementAccountId(),
                                    partition, accessRole, cancelled);
                            read.put(account, snapshot);
                            progress.update(done.incrementAndGet(), accounts.size(), account,
                                    snapshot.iam().roles().size() + " roles");
                        } catch (SdkException | TrustReader.ReadException e) {
                            String reason = e instanceof SdkException s ? AwsErrors.describe(profile, s) : e.getMessage();
                            refused.put(account, reason);
                            progress.update(done.incrementAndGet(), accounts.size(), account, "refused: " + reason);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        futures.forEach(other -> other.cancel(true));
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        throw new TrustReader.ReadException(e.getCause().getMessage(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<AccountSnapshot> snapshots = accounts.stream().filter(read::containsKey).map(read::get).toList();
        Map<String, String> refusedInOrder = new LinkedHashMap<>();
        accounts.stream().filter(refused::containsKey).forEach(a -> refusedInOrder.put(a, refused.get(a)));
        return new Result(snapshots, new OrganizationMap(org.id(), org.managementAccountId(), units, unitOf, names,
                refusedInOrder));
    }

    private static void walk(OrganizationsApi api, String parent, String name, String path, List<OrganizationMap.Unit> units,
            Map<String, String> unitOf, Map<String, String> names) {
        units.add(new OrganizationMap.Unit(parent, name, path));
        for (OrganizationsApi.Account account : api.accounts(parent)) {
            unitOf.put(account.id(), parent);
            names.put(account.id(), account.name());
        }
        for (OrganizationsApi.Unit child : api.units(parent)) {
            walk(api, child.id(), child.name(), path + "/" + child.name(), units, unitOf, names);
        }
    }

    private AccountSnapshot readAccount(StsClient sts, AwsCredentialsProvider base, ClientOverrideConfiguration config,
            String account, String management, String partition, String accessRole, BooleanSupplier cancelled) {
        String source = "organization account " + account + (account.equals(management) ? ""
                : " (through " + accessRole + ")");
        try (IamClient iam = account.equals(management)
                ? IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(base).overrideConfiguration(config).build()
                : memberIam(sts, config, partition, account, accessRole, SESSION_NAME)) {
            return trustReader.read(iam, account, partition, source, account, (p, m) -> { }, cancelled);
        }
    }

    /** An IAM client acting in a member account through a role assumed in it (read-only use). */
    static IamClient memberIam(StsClient sts, ClientOverrideConfiguration config, String partition, String account,
            String accessRole, String sessionName) {
        String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + accessRole;
        Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)).credentials();
        return IamClient.builder().region(Region.AWS_GLOBAL).overrideConfiguration(config)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()))).build();
    }}
