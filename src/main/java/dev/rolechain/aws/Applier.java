package dev.rolechain.aws;

import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.Arns;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.plan.RoleMerge;
import dev.rolechain.plan.TrustMerge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code rolechain apply}: makes each account hold its planned part, merged into what is there.
 *
 * <p>In order: (1) the journal and the backup folder must be writable; (2) every profile the Setup uses
 * must reach its account (GetCallerIdentity, all accounts in parallel); (3) every account is read;
 * (4) each role that needs consent (another's role, a trust policy that changes, a permissions boundary
 * replaced) is shown with its diff and changed only if confirmed; (5) one backup of everything about to
 * be written is saved; (6) the writes: the tooling account first (the deploy roles' trusts name its OIDC
 * roles), then the targets in parallel. A failure in steps 1–5 writes nothing.
 *
 * <p>What apply may change ({@link RoleMerge}): its own trust statements (Sid prefix {@code Rolechain}),
 * the inline policies the Setup names, the managed policies it attaches, its own tags, the permissions
 * boundary the Setup names. It never deletes, detaches or removes anything; what is already as planned is
 * not written (a second apply makes no write call); after any failure a re-run converges.
 */
public final class Applier {
    private final Function<String, AccountSession> sessions;
    private final Differ differ;
    private final ChainCheck chainCheck;
    private final Journal journal;
    private final Backups backups;

    /** Asks whether a role may be changed: why it needs consent, what is kept, and the diff. */
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

    /** Apply stopped; the message says what was written (if anything) and where the journal and backup are. */
    public static final class ApplyException extends RuntimeException {
        private final transient Path backupFolder;

        public ApplyException(String message, Path backupFolder, Throwable cause) {
            super(message, cause);
            this.backupFolder = backupFolder;
        }

        public Path backupFolder() {
            return backupFolder;
        }
    }

    /**
     * What an apply did: the changes (each role's with what it kept of others'), the write calls, the
     * roles left alone for want of consent, the backup folder (null when nothing existing was written),
     * and the findings: statements of others, kept, that decide a chain otherwise than the plan.
     */
    public record Result(List<Change> changes, int writes, List<String> skipped, Path backupFolder, List<String> findings) {
    }

    public Applier(Function<String, AccountSession> sessions, Differ differ, ChainCheck chainCheck, Journal journal,
            Backups backups) {
        this.sessions = sessions;
        this.differ = differ;
        this.chainCheck = chainCheck;
        this.journal = journal;
        this.backups = backups;
    }

    public Result apply(DesiredState state, Confirmation confirmation) {
        return apply(state, confirmation, Progress.NONE);
    }

    /** As {@link #apply(DesiredState, Confirmation)}, reporting each write and stopping when asked. */
    public Result apply(DesiredState state, Confirmation confirmation, Progress progress) {
        List<dev.rolechain.plan.QuotaCheck.Breach> breaches = dev.rolechain.plan.QuotaCheck.check(state);
        if (!breaches.isEmpty()) {
            throw new ApplyException(breaches.stream().map(b -> b.location() + ": " + b.message())
                    .collect(java.util.stream.Collectors.joining("; ")) + ". AWS would refuse it (lint says RC501); "
                    + "nothing was written.", null, null);
        }
        checkFiles();
        List<Account> accounts = open(state);
        try {
            Parallel.each(accounts, a -> {
                try {
                    a.live = new IamAccountReader(a.session.iam()).readLive(a.id(),
                            a.planned.roles().stream().map(Role::name).toList());
                } catch (SdkException e) {
                    throw new LivePlanner.AccountException("cannot read account " + a.id() + ": "
                            + AwsErrors.describe(a.profile, e) + "; nothing was written", e);
                }
            }, "read the accounts");
            List<String> skipped = new ArrayList<>();
            List<BackupEntry> backup = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            for (Account a : accounts) {
                decide(a, confirmation, skipped, backup, changes);
            }
            List<String> findings = chainCheck.keptContradictions(state, accounts.stream().map(a -> a.live.account()).toList());
            Path folder = null;
            if (!backup.isEmpty()) {
                try {
                    folder = backups.save(backup);
                } catch (IOException e) {
                    throw new ApplyException("cannot save the backup in " + backups.root() + ": " + e.getMessage()
                            + "; nothing was written", null, e);
                }
            }
            AtomicInteger writes = new AtomicInteger();
            Path backupFolder = folder;
            try {
                write(state, accounts.get(0), writes, progress);
                Parallel.each(accounts.subList(1, accounts.size()), a -> write(state, a, writes, progress), "write the accounts");
            } catch (CancelledException e) {
                throw new CancelledException(e.getMessage() + afterWrites(backupFolder));
            } catch (RuntimeException e) {
                throw new ApplyException("apply stopped: " + describe(e) + afterWrites(backupFolder), backupFolder, e);
            }
            if (skipped.isEmpty()) {
                forget(backup);
            }
            return new Result(List.copyOf(changes), writes.get(), List.copyOf(skipped), folder, findings);
        } finally {
            accounts.forEach(a -> a.session.close());
        }
    }

    /** The end of every message after writes began: where the journal and the backup are, and what to do. */
    private String afterWrites(Path backupFolder) {
        return ". Every write so far is in the journal " + journal.file()
                + (backupFolder == null ? "" : "; the state before this apply is in " + backupFolder
                        + " (rolechain restore " + backupFolder + " puts it back)")
                + "; running apply again finishes the job.";
    }

    private static String describe(RuntimeException e) {
        if (e instanceof SdkException s) {
            return AwsErrors.describe(null, s);
        }
        return String.valueOf(e.getMessage());
    }

    private void checkFiles() {
        try {
            journal.checkWritable();
        } catch (IOException e) {
            throw new ApplyException("cannot write the journal " + journal.file() + ": " + e.getMessage()
                    + "; nothing was written. Make its folder writable (or set XDG_DATA_HOME) and run apply again.", null, e);
        }
        try {
            backups.checkWritable();
        } catch (IOException e) {
            throw new ApplyException("cannot write backups in " + backups.root() + ": " + e.getMessage()
                    + "; nothing was written. Make the folder writable (or set XDG_DATA_HOME) and run apply again.", null, e);
        }
    }

    /** One planned account with its profile's session and what it holds. */
    private static final class Account {
        final IamAccount planned;
        final String profile;
        AccountSession session;
        LiveAccount live;
        final List<RoleMerge> roles = new ArrayList<>();
        final List<OidcProvider> providers = new ArrayList<>();

        Account(IamAccount planned, String profile) {
            this.planned = planned;
            this.profile = profile;
        }

        String id() {
            return planned.accountId();
        }
    }

    /**
     * Opens every account's session and checks that its profile reaches that account, before anything
     * is written; a profile that fails or reaches another account stops apply with nothing written.
     */
    private List<Account> open(DesiredState state) {
        List<Account> accounts = new ArrayList<>();
        accounts.add(new Account(state.tooling(), state.profileFor(state.toolingAccountId())));
        for (IamAccount planned : state.liveAccounts()) {
            if (!planned.accountId().equals(state.toolingAccountId())) {
                accounts.add(new Account(planned, state.profileFor(planned.accountId())));
            }
        }
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        try {
            Parallel.each(accounts, a -> {
                String name = a.profile == null ? "the default credentials" : "profile " + a.profile;
                try {
                    a.session = sessions.apply(a.profile);
                    AccountSession.CallerIdentity who = a.session.identity();
                    if (!who.account().equals(a.id())) {
                        problems.add(name + " reaches account " + who.account() + " (" + who.arn()
                                + "), but the Setup plans account " + a.id());
                    }
                } catch (SdkException e) {
                    problems.add("account " + a.id() + ": " + AwsErrors.describe(a.profile, e));
                } catch (RuntimeException e) {
                    problems.add("account " + a.id() + ": " + name + ": " + e.getMessage());
                }
            }, "check the profiles of the accounts");
        } catch (RuntimeException e) {
            problems.add(String.valueOf(e.getMessage()));
        }
        if (!problems.isEmpty()) {
            accounts.stream().filter(a -> a.session != null).forEach(a -> a.session.close());
            throw new LivePlanner.AccountException(String.join("; ", problems)
                    + ". Nothing was written: every account's profile must reach it before apply writes to any. "
                    + "Set the profiles in the Setup (rolechain profiles lists them) and run apply again.", null);
        }
        return accounts;
    }

    /** Decides what to write in one account: asks for consent where needed, and lists what to back up. */
    private void decide(Account a, Confirmation confirmation, List<String> skipped, List<BackupEntry> backup,
            List<Change> changes) {
        IamAccount live = a.live.account();
        for (OidcProvider planned : a.planned.oidcProviders()) {
            OidcProvider existing = live.oidcProviders().stream().filter(p -> p.id().equals(planned.id())).findFirst()
                    .orElse(null);
            if (existing == null || !RoleMerge.provider(planned, existing).normalized().equals(existing.normalized())) {
                a.providers.add(planned);
                backup.add(BackupEntry.provider(a.id(), a.profile, planned.url(), existing));
            }
        }
        changes.addAll(differ.diff(new IamAccount(a.id(), a.planned.oidcProviders(), List.of()), live));
        for (Role planned : a.planned.roles()) {
            LiveRole liveRole = a.live.role(planned.name()).orElse(null);
            RoleMerge merge = RoleMerge.of(planned, liveRole == null ? null : liveRole.role());
            List<Change> roleChanges = differ.changes(a.id(), merge);
            changes.addAll(roleChanges);
            if (!merge.changes()) {
                continue;
            }
            List<String> reasons = merge.consentReasons();
            if (!reasons.isEmpty()) {
                List<String> kept = merge.kept();
                String why = String.join("; ", reasons) + (kept.isEmpty() ? "" : ". Kept as they are: "
                        + String.join("; ", kept));
                String diff = roleChanges.stream().map(Change::diff).filter(Objects::nonNull)
                        .reduce((x, y) -> x + y).orElse("");
                if (!confirmation.confirm(a.id(), planned.name(), why, diff)) {
                    skipped.add(a.id() + " role/" + planned.name() + ": " + String.join("; ", reasons)
                            + "; not changed (confirm to change it)");
                    continue;
                }
            }
            a.roles.add(merge);
            backup.add(BackupEntry.role(a.id(), a.profile, planned.name(), liveRole));
        }
    }

    private void forget(List<BackupEntry> backup) {
        try {
            backups.forget(backup);
        } catch (IOException e) {
            // the apply is complete; a stale marker only makes the next run save an older state
            journal.record("-", "ForgetBackup", backups.root().toString(), "failed: " + e.getMessage());
        }
    }

    private void write(DesiredState state, Account a, AtomicInteger writes, Progress progress) {
        Writer w = new Writer(a.session.iam(), a.id(), writes, progress);
        for (OidcProvider planned : a.providers) {
            provider(w, state, planned, a.live.account());
        }
        // the providers first (a role's trust names them); then the roles, which do not depend on one another
        Parallel.each(a.roles, merge -> role(w, merge, a.live.role(merge.planned().name()).orElse(null)),
                "write the roles of account " + a.id());
    }

    private void provider(Writer w, DesiredState state, OidcProvider planned, IamAccount live) {
        String arn = Arns.oidcProvider(state.partition(), w.account, planned.id());
        String resource = "oidc-provider/" + planned.id();
        OidcProvider existing = live.oidcProviders().stream().filter(p -> p.id().equals(planned.id())).findFirst().orElse(null);
        if (existing == null) {
            w.write("CreateOpenIDConnectProvider", resource, () -> w.iam.createOpenIDConnectProvider(
                    r -> r.url(planned.url()).clientIDList(planned.clientIds()).tags(tags(planned.tags()))));
            return;
        }
        for (String clientId : planned.clientIds()) {
            if (!existing.clientIds().contains(clientId)) {
                w.write("AddClientIDToOpenIDConnectProvider", resource, () -> w.iam
                        .addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID(clientId)));
            }
        }
        Map<String, String> missing = missing(RoleMerge.provider(planned, existing).tags(), existing.tags());
        if (!missing.isEmpty()) {
            w.write("TagOpenIDConnectProvider", resource, () -> w.iam.tagOpenIDConnectProvider(
                    r -> r.openIDConnectProviderArn(arn).tags(tags(missing))));
        }
    }

    /** The writes that take a role from what it is to its merged state. */
    private void role(Writer w, RoleMerge merge, LiveRole live) {
        Role planned = merge.planned();
        Role want = merge.merged();
        String name = planned.name();
        String resource = "role/" + name;
        if (merge.creates()) {
            w.write("CreateRole", resource, () -> w.iam.createRole(r -> r.roleName(name).path(planned.path())
                    .description(planned.description()).maxSessionDuration(planned.maxSessionDuration())
                    .permissionsBoundary(planned.permissionsBoundaryArn())
                    .assumeRolePolicyDocument(PolicyJson.print(planned.trustPolicy())).tags(tags(planned.tags()))));
        } else {
            Role have = live.role();
            if (merge.trustChanges()) {
                String trust = TrustMerge.mergeText(live.trustJson(), planned.trustPolicy());
                w.write("UpdateAssumeRolePolicy", resource, () -> w.iam.updateAssumeRolePolicy(
                        r -> r.roleName(name).policyDocument(trust)));
            }
            if (!Objects.equals(have.description(), want.description())
                    || have.maxSessionDuration() != want.maxSessionDuration()) {
                w.write("UpdateRole", resource, () -> w.iam.updateRole(r -> r.roleName(name)
                        .description(want.description()).maxSessionDuration(want.maxSessionDuration())));
            }
            if (!Objects.equals(have.permissionsBoundaryArn(), want.permissionsBoundaryArn())) {
                w.write("PutRolePermissionsBoundary", resource, () -> w.iam.putRolePermissionsBoundary(
                        r -> r.roleName(name).permissionsBoundary(want.permissionsBoundaryArn())));
            }
            Map<String, String> missing = missing(want.tags(), have.tags());
            if (!missing.isEmpty()) {
                w.write("TagRole", resource, () -> w.iam.tagRole(r -> r.roleName(name).tags(tags(missing))));
            }
        }
        Role have = live == null ? null : live.role();
        for (Map.Entry<String, PolicyDocument> policy : planned.inlinePolicies().entrySet()) {
            PolicyDocument existing = have == null ? null : have.inlinePolicies().get(policy.getKey());
            if (existing == null || !existing.normalized().equals(policy.getValue().normalized())) {
                w.write("PutRolePolicy", dev.rolechain.plan.Resource.inlinePolicy(name, policy.getKey()).toString(),
                        () -> w.iam.putRolePolicy(
                        r -> r.roleName(name).policyName(policy.getKey()).policyDocument(PolicyJson.print(policy.getValue()))));
            }
        }
        for (String arn : planned.managedPolicyArns()) {
            if (have == null || !have.managedPolicyArns().contains(arn)) {
                w.write("AttachRolePolicy", dev.rolechain.plan.Resource.attachment(name, arn).toString(),
                        () -> w.iam.attachRolePolicy(
                        r -> r.roleName(name).policyArn(arn)));
            }
        }
    }

    /** The entries of {@code want} that {@code have} lacks or holds with another value. */
    private static Map<String, String> missing(Map<String, String> want, Map<String, String> have) {
        Map<String, String> missing = new java.util.TreeMap<>();
        want.forEach((k, v) -> {
            if (!v.equals(have.get(k))) {
                missing.put(k, v);
            }
        });
        return missing;
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
                        + account + "; every write so far is complete");
            }
            progress.writing(account, action, resource);
            writes.incrementAndGet();
            try {
                call.run();
            } catch (RuntimeException e) {
                journal.record(account, action, resource, "failed: " + e.getMessage());
                throw new ApplyException(action + " on " + resource + " in account " + account + " failed: "
                        + describe(e), null, e);
            }
            journal.record(account, action, resource, "ok");
        }
    }
}
