package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code rolechain apply}: makes each account hold its planned state. The tooling account first (the
 * deploy roles' trusts name its OIDC roles), then the targets in parallel. It never deletes; what is
 * already as planned is not written (a second apply makes no write calls); a role that exists without
 * Rolechain's managed-by tag, or whose trust differs from the plan, is changed only after
 * confirmation, and its documents are saved to a backup first. Every write goes to the journal. After
 * any failure a re-run converges, as each step compares with what the account holds.
 */
public final class Applier {
    private final Function<String, AccountSession> sessions;
    private final Differ differ;
    private final Journal journal;
    private final Path backups;

    /** Asks whether a role Rolechain would take over or whose trust would change may be changed. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String account, String role, String why, String diff);
    }

    /** Told before each write call; asked before each whether to stop (an apply stops between writes). */
    public interface Progress {
        Progress NONE = (account, action, resource) -> { };

        void writing(String account, String action, String resource);

        default boolean cancelled() {
            return false;
        }
    }

    /** The apply was cancelled between two writes; a re-run finishes the job. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException(String message) {
            super(message);
        }
    }

    /** What an apply did. */
    public record Result(List<Change> changes, int writes, List<String> skipped, Path backupFolder) {
    }

    public Applier(Function<String, AccountSession> sessions, Differ differ, Journal journal, Path backups) {
        this.sessions = sessions;
        this.differ = differ;
        this.journal = journal;
        this.backups = backups;
    }

    public Result apply(DesiredState state, Confirmation confirmation) {
        return apply(state, confirmation, Progress.NONE);
    }

    /** As {@link #apply(DesiredState, Confirmation)}, reporting each write and stopping when asked. */
    public Result apply(DesiredState state, Confirmation confirmation, Progress progress) {
        Path backupFolder = backups.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC)
                .format(Instant.now()));
        AtomicInteger writes = new AtomicInteger();
        List<Change> changes = Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        List<IamAccount> accounts = state.accounts();
        IamAccount tooling = state.tooling();
        applyAccount(state, tooling, confirmation, backupFolder, writes, changes, skipped, progress);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, accounts.size() - 1)));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (IamAccount account : accounts) {
                if (account != tooling) {
                    futures.add(pool.submit(() -> applyAccount(state, account, confirmation, backupFolder, writes,
                            changes, skipped, progress)));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("apply was interrupted; run it again to finish", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return new Result(List.copyOf(changes), writes.get(), List.copyOf(skipped),
                java.nio.file.Files.isDirectory(backupFolder) ? backupFolder : null);
    }

    private void applyAccount(DesiredState state, IamAccount planned, Confirmation confirmation, Path backupFolder,
            AtomicInteger writes, List<Change> changes, List<String> skipped, Progress progress) {
        String accountId = planned.accountId();
        String profile = state.profileFor(accountId);
        try (AccountSession session = sessions.apply(profile)) {
            AccountSession.CallerIdentity who = session.identity();
            if (!who.account().equals(accountId)) {
                throw new LivePlanner.AccountException((profile == null ? "the default credentials" : "profile " + profile)
                        + " reaches account " + who.account() + ", but the Setup plans account " + accountId
                        + "; nothing was written to it", null);
            }
            IamClient iam = session.iam();
            IamAccount live = new IamAccountReader(iam).read(accountId, planned.roles().stream().map(Role::name).toList());
            Writer w = new Writer(iam, accountId, writes, progress);
            for (OidcProvider provider : planned.oidcProviders()) {
                provider(w, state, provider, live);
            }
            for (Role role : planned.roles()) {
                role(w, profile, role, live.role(role.name()).orElse(null), confirmation, backupFolder, skipped);
            }
            changes.addAll(differ.diff(planned, live));
        }
    }

    private void provider(Writer w, DesiredState state, OidcProvider planned, IamAccount live) {
        String arn = dev.rolechain.iam.Arns.oidcProvider(state.partition(), w.account, planned.id());
        OidcProvider existing = live.oidcProviders().stream().filter(p -> p.id().equals(planned.id())).findFirst().orElse(null);
        if (existing == null) {
            w.write("CreateOpenIDConnectProvider", "oidc-provider/" + planned.id(), () -> w.iam.createOpenIDConnectProvider(
                    r -> r.url(planned.url()).clientIDList(planned.clientIds()).tags(tags(planned.tags()))));
            return;
        }
        for (String clientId : planned.clientIds()) {
            if (!existing.clientIds().contains(clientId)) {
                w.write("AddClientIDToOpenIDConnectProvider", "oidc-provider/" + planned.id(), () -> w.iam
                        .addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID(clientId)));
            }
        }
        if (!existing.tags().entrySet().containsAll(planned.tags().entrySet())) {
            w.write("TagOpenIDConnectProvider", "oidc-provider/" + planned.id(), () -> w.iam.tagOpenIDConnectProvider(
                    r -> r.openIDConnectProviderArn(arn).tags(tags(planned.tags()))));
        }
    }

    private void role(Writer w, String profile, Role planned, Role live, Confirmation confirmation, Path backupFolder,
            List<String> skipped) {
        String resource = "role/" + planned.name();
        String trust = PolicyJson.print(planned.trustPolicy());
        if (live == null) {
            w.write("CreateRole", resource, () -> w.iam.createRole(r -> r.roleName(planned.name()).path(planned.path())
                    .description(planned.description()).maxSessionDuration(planned.maxSessionDuration())
                    .permissionsBoundary(planned.permissionsBoundaryArn()).assumeRolePolicyDocument(trust)
                    .tags(tags(planned.tags()))));
        } else {
            boolean managed = Planner.MANAGED_BY_VALUE.equals(live.tags().get(Planner.MANAGED_BY_KEY));
            boolean trustDiffers = !live.trustPolicy().normalized().equals(planned.trustPolicy().normalized());
            boolean needsWrite = trustDiffers || !Objects.equals(live.description(), planned.description())
                    || live.maxSessionDuration() != planned.maxSessionDuration()
                    || !Objects.equals(live.permissionsBoundaryArn(), planned.permissionsBoundaryArn())
                    || !live.tags().entrySet().containsAll(planned.tags().entrySet())
                    || !live.managedPolicyArns().containsAll(planned.managedPolicyArns())
                    || planned.inlinePolicies().entrySet().stream().anyMatch(e -> live.inlinePolicies().get(e.getKey()) == null
                            || !live.inlinePolicies().get(e.getKey()).normalized().equals(e.getValue().normalized()));
            if (!needsWrite) {
                return;
            }
            if (!managed || trustDiffers) {
                String why = !managed ? "the role exists and is not managed by Rolechain"
                        : "the role's trust policy differs from the plan";
                String diff = dev.rolechain.plan.UnifiedDiff.of("live trust", PolicyJson.print(live.trustPolicy().normalized()),
                        "planned trust", PolicyJson.print(planned.trustPolicy().normalized()));
                if (!confirmation.confirm(w.account, planned.name(), why, diff)) {
                    skipped.add(w.account + " " + resource + ": " + why + "; not changed (confirm to change it)");
                    return;
                }
                try {
                    new RoleBackup(w.account, profile, live).write(backupFolder.resolve(w.account + "-" + planned.name() + ".json"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save the backup of " + resource + "; nothing was changed", e);
                }
            }
            if (trustDiffers) {
                w.write("UpdateAssumeRolePolicy", resource, () -> w.iam.updateAssumeRolePolicy(
                        r -> r.roleName(planned.name()).policyDocument(trust)));
            }
            if (!Objects.equals(live.description(), planned.description())
                    || live.maxSessionDuration() != planned.maxSessionDuration()) {
                w.write("UpdateRole", resource, () -> w.iam.updateRole(r -> r.roleName(planned.name())
                        .description(planned.description()).maxSessionDuration(planned.maxSessionDuration())));
            }
            if (planned.permissionsBoundaryArn() != null
                    && !planned.permissionsBoundaryArn().equals(live.permissionsBoundaryArn())) {
                w.write("PutRolePermissionsBoundary", resource, () -> w.iam.putRolePermissionsBoundary(
                        r -> r.roleName(planned.name()).permissionsBoundary(planned.permissionsBoundaryArn())));
            }
            if (!live.tags().entrySet().containsAll(planned.tags().entrySet())) {
                w.write("TagRole", resource, () -> w.iam.tagRole(r -> r.roleName(planned.name()).tags(tags(planned.tags()))));
            }
        }
        for (Map.Entry<String, PolicyDocument> policy : planned.inlinePolicies().entrySet()) {
            PolicyDocument existing = live == null ? null : live.inlinePolicies().get(policy.getKey());
            if (existing == null || !existing.normalized().equals(policy.getValue().normalized())) {
                w.write("PutRolePolicy", resource + "/policy/" + policy.getKey(), () -> w.iam.putRolePolicy(
                        r -> r.roleName(planned.name()).policyName(policy.getKey())
                                .policyDocument(PolicyJson.print(policy.getValue()))));
            }
        }
        for (String arn : planned.managedPolicyArns()) {
            if (live == null || !live.managedPolicyArns().contains(arn)) {
                w.write("AttachRolePolicy", resource, () -> w.iam.attachRolePolicy(
                        r -> r.roleName(planned.name()).policyArn(arn)));
            }
        }
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }

    /** Writes through one account's client, counting and journaling each call. */
    private final class Writer {
        private final IamClient iam;
        private final String account;
        private final AtomicInteger writes;
        private final Progress progress;

        Writer(IamClient iam, String account, AtomicInteger writes, Progress progress) {
            this.iam = iam;
            this.account = account;
            this.writes = writes;
            this.progress = progress;
        }

        void write(String action, String resource, Runnable call) {
            if (progress.cancelled()) {
                journal.record(account, action, resource, "not started: cancelled");
                throw new CancelledException("apply cancelled before " + action + " on " + resource + " in account "
                        + account + "; every write so far is complete, and running apply again finishes the job");
            }
            progress.writing(account, action, resource);
            writes.incrementAndGet();
            try {
                call.run();
                journal.record(account, action, resource, "ok");
            } catch (RuntimeException e) {
                journal.record(account, action, resource, "failed: " + e.getMessage());
                throw e;
            }
        }
    }
}
