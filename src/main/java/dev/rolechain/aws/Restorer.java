package dev.rolechain.aws;

import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code rolechain restore BACKUP}: returns every role and provider of an apply's backup to exactly the
 * state it was in: trust policy (as text), description, maximum session, permissions boundary (put back or
 * removed), tags (added ones removed, changed ones put back), attached policies (what apply attached is
 * detached) and inline policies (what apply added is deleted). What apply created is listed and left in
 * place unless removal is asked for and confirmed. Every profile must reach its account before the first
 * write; every write goes to the journal.
 */
public final class Restorer {
    private final Function<String, AccountSession> sessions;
    private final Journal journal;
    private final Backups backups;

    /**
     * What restore did: resources put back, resources already as backed up, resources apply created
     * (left in place, or removed), and problems (a resource that can no longer be restored, with why).
     */
    public record Result(List<String> restored, List<String> unchanged, List<String> createdKept, List<String> removed,
            List<String> problems, int writes) {
    }

    /** Asked, with their names, before what apply created is removed. */
    @FunctionalInterface
    public interface Removal {
        boolean confirm(List<String> created);
    }

    public Restorer(Function<String, AccountSession> sessions, Journal journal, Backups backups) {
        this.sessions = sessions;
        this.journal = journal;
        this.backups = backups;
    }

    /** Restores the backup folder; with {@code removeCreated}, and if confirmed, removes what apply created. */
    public Result restore(Path folder, boolean removeCreated, Removal removal) throws IOException {
        List<BackupEntry> entries = backups.readFolder(folder);
        try {
            journal.checkWritable();
        } catch (IOException e) {
            throw new IOException("cannot write the journal " + journal.file() + ": " + e.getMessage()
                    + "; nothing was restored", e);
        }
        Map<String, Session> open = open(entries);
        try {
            List<String> restored = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<BackupEntry> done = new ArrayList<>();
            int[] writes = {0};
            for (BackupEntry entry : entries) {
                if (!entry.existed()) {
                    continue;
                }
                Session s = open.get(key(entry));
                s.wrote = false;
                try {
                    Optional<String> problem = entry.kind() == BackupEntry.Kind.ROLE ? role(s, entry, writes)
                            : provider(s, entry, writes);
                    if (problem.isPresent()) {
                        problems.add(entry.label() + ": " + problem.get());
                        continue;
                    }
                } catch (SdkException e) {
                    problems.add(entry.label() + ": " + AwsErrors.describe(entry.profile(), e));
                    continue;
                }
                done.add(entry);
                (s.wrote ? restored : unchanged).add(entry.label());
            }
            List<BackupEntry> present = new ArrayList<>();
            for (BackupEntry entry : entries) {
                if (!entry.existed() && exists(open.get(key(entry)), entry)) {
                    present.add(entry);
                }
            }
            List<String> createdKept = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> labels = present.stream().map(BackupEntry::label).toList();
            if (removeCreated && !present.isEmpty() && removal.confirm(labels)) {
                // roles before the provider their trust names
                present.sort(java.util.Comparator.comparing(e -> e.kind() == BackupEntry.Kind.OIDC_PROVIDER));
                for (BackupEntry entry : present) {
                    try {
                        remove(open.get(key(entry)), entry, writes);
                        removed.add(entry.label());
                        done.add(entry);
                    } catch (SdkException e) {
                        problems.add(entry.label() + ": cannot remove it: " + AwsErrors.describe(entry.profile(), e));
                    }
                }
            } else {
                createdKept.addAll(labels);
            }
            if (problems.isEmpty()) {
                backups.forget(done);
            }
            return new Result(restored, unchanged, createdKept, removed, problems, writes[0]);
        } finally {
            open.values().forEach(s -> s.session.close());
        }
    }

    /** One account's session and the partition its identity is in. */
    private static final class Session {
        final AccountSession session;
        final String account;
        final String partition;
        boolean wrote;

        Session(AccountSession session, String account, String partition) {
            this.session = session;
            this.account = account;
            this.partition = partition;
        }

        IamClient iam() {
            return session.iam();
        }
    }

    private static String key(BackupEntry entry) {
        return entry.account() + "\n" + entry.profile();
    }

    /** Every account's profile must reach it before anything is restored. */
    private Map<String, Session> open(List<BackupEntry> entries) throws IOException {
        Map<String, Session> open = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BackupEntry entry : entries) {
            if (!seen.add(key(entry))) {
                continue;
            }
            String name = entry.profile() == null ? "the default credentials" : "profile " + entry.profile();
            AccountSession session = null;
            try {
                session = sessions.apply(entry.profile());
                AccountSession.CallerIdentity who = session.identity();
                if (!who.account().equals(entry.account())) {
                    problems.add(name + " reaches account " + who.account() + ", but the backup is of account "
                            + entry.account());
                    session.close();
                    continue;
                }
                open.put(key(entry), new Session(session, entry.account(), who.arn().split(":")[1]));
            } catch (SdkException e) {
                problems.add("account " + entry.account() + ": " + AwsErrors.describe(entry.profile(), e));
                if (session != null) {
                    session.close();
                }
            } catch (RuntimeException e) {
                problems.add("account " + entry.account() + ": " + name + ": " + e.getMessage());
                if (session != null) {
                    session.close();
                }
            }
        }
        if (!problems.isEmpty()) {
            open.values().forEach(s -> s.session.close());
            throw new IOException(String.join("; ", problems) + "; nothing was restored");
        }
        return open;
    }

    /** Puts one role back as it was; a problem when it cannot be. */
    private Optional<String> role(Session s, BackupEntry entry, int[] writes) {
        LiveRole was = entry.role();
        Role before = was.role();
        String name = entry.name();
        Optional<LiveRole> current = new IamAccountReader(s.iam()).live(name);
        if (current.isEmpty()) {
            return Optional.of("the role no longer exists; restore does not create roles (its saved state is in the "
                    + "backup file " + entry.fileName() + ")");
        }
        LiveRole now = current.get();
        Role is = now.role();
        if (!Objects.equals(is.path(), before.path())) {
            return Optional.of("the role's path is " + is.path() + ", it was " + before.path()
                    + " (the role was made again): restore it by hand from " + entry.fileName());
        }
        IamClient iam = s.iam();
        if (!now.trustJson().equals(was.trustJson())) {
            write(s, writes, "UpdateAssumeRolePolicy", "role/" + name, () -> iam.updateAssumeRolePolicy(
                    r -> r.roleName(name).policyDocument(was.trustJson())));
        }
        if (!Objects.equals(is.description(), before.description()) || is.maxSessionDuration() != before.maxSessionDuration()) {
            write(s, writes, "UpdateRole", "role/" + name, () -> iam.updateRole(r -> r.roleName(name)
                    .description(before.description() == null ? "" : before.description())
                    .maxSessionDuration(before.maxSessionDuration())));
        }
        if (!Objects.equals(is.permissionsBoundaryArn(), before.permissionsBoundaryArn())) {
            if (before.permissionsBoundaryArn() == null) {
                write(s, writes, "DeleteRolePermissionsBoundary", "role/" + name,
                        () -> iam.deleteRolePermissionsBoundary(r -> r.roleName(name)));
            } else {
                write(s, writes, "PutRolePermissionsBoundary", "role/" + name, () -> iam.putRolePermissionsBoundary(
                        r -> r.roleName(name).permissionsBoundary(before.permissionsBoundaryArn())));
            }
        }
        List<String> extraTags = is.tags().keySet().stream().filter(k -> !before.tags().containsKey(k)).toList();
        if (!extraTags.isEmpty()) {
            write(s, writes, "UntagRole", "role/" + name, () -> iam.untagRole(r -> r.roleName(name).tagKeys(extraTags)));
        }
        List<Tag> changedTags = before.tags().entrySet().stream().filter(t -> !t.getValue().equals(is.tags().get(t.getKey())))
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        if (!changedTags.isEmpty()) {
            write(s, writes, "TagRole", "role/" + name, () -> iam.tagRole(r -> r.roleName(name).tags(changedTags)));
        }
        for (String arn : is.managedPolicyArns()) {
            if (!before.managedPolicyArns().contains(arn)) {
                write(s, writes, "DetachRolePolicy", dev.rolechain.plan.Resource.attachment(name, arn).toString(),
                        () -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(arn)));
            }
        }
        for (String arn : before.managedPolicyArns()) {
            if (!is.managedPolicyArns().contains(arn)) {
                write(s, writes, "AttachRolePolicy", dev.rolechain.plan.Resource.attachment(name, arn).toString(),
                        () -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn)));
            }
        }
        for (String policy : now.inlineJson().keySet()) {
            if (!was.inlineJson().containsKey(policy)) {
                write(s, writes, "DeleteRolePolicy", dev.rolechain.plan.Resource.inlinePolicy(name, policy).toString(),
                        () -> iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy)));
            }
        }
        was.inlineJson().forEach((policy, text) -> {
            if (!text.equals(now.inlineJson().get(policy))) {
                write(s, writes, "PutRolePolicy", dev.rolechain.plan.Resource.inlinePolicy(name, policy).toString(),
                        () -> iam.putRolePolicy(r -> r.roleName(name).policyName(policy).policyDocument(text)));
            }
        });
        return Optional.empty();
    }

    /** Puts one OIDC provider's audiences, thumbprints and tags back as they were. */
    private Optional<String> provider(Session s, BackupEntry entry, int[] writes) {
        OidcProvider before = entry.provider();
        Optional<OidcProvider> current = new IamAccountReader(s.iam()).providers().stream()
                .filter(p -> p.id().equals(before.id())).findFirst();
        if (current.isEmpty()) {
            return Optional.of("the OIDC provider no longer exists; restore does not create it");
        }
        OidcProvider is = current.get();
        String arn = dev.rolechain.iam.Arns.oidcProvider(s.partition, s.account, before.id());
        String resource = "oidc-provider/" + before.id();
        IamClient iam = s.iam();
        for (String id : is.clientIds()) {
            if (!before.clientIds().contains(id)) {
                write(s, writes, "RemoveClientIDFromOpenIDConnectProvider", resource, () -> iam
                        .removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID(id)));
            }
        }
        for (String id : before.clientIds()) {
            if (!is.clientIds().contains(id)) {
                write(s, writes, "AddClientIDToOpenIDConnectProvider", resource, () -> iam
                        .addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID(id)));
            }
        }
        if (!before.thumbprints().isEmpty() && !new HashSet<>(before.thumbprints()).equals(new HashSet<>(is.thumbprints()))) {
            write(s, writes, "UpdateOpenIDConnectProviderThumbprint", resource, () -> iam
                    .updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(before.thumbprints())));
        }
        List<String> extraTags = is.tags().keySet().stream().filter(k -> !before.tags().containsKey(k)).toList();
        if (!extraTags.isEmpty()) {
            write(s, writes, "UntagOpenIDConnectProvider", resource, () -> iam.untagOpenIDConnectProvider(
                    r -> r.openIDConnectProviderArn(arn).tagKeys(extraTags)));
        }
        List<Tag> changedTags = before.tags().entrySet().stream().filter(t -> !t.getValue().equals(is.tags().get(t.getKey())))
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        if (!changedTags.isEmpty()) {
            write(s, writes, "TagOpenIDConnectProvider", resource, () -> iam.tagOpenIDConnectProvider(
                    r -> r.openIDConnectProviderArn(arn).tags(changedTags)));
        }
        return Optional.empty();
    }

    private static boolean exists(Session s, BackupEntry entry) {
        if (entry.kind() == BackupEntry.Kind.ROLE) {
            return new IamAccountReader(s.iam()).live(entry.name()).isPresent();
        }
        String id = entry.name().replaceFirst("^https://", "");
        return new IamAccountReader(s.iam()).providers().stream().anyMatch(p -> p.id().equals(id));
    }

    /** Removes a role or provider that apply created: a role's policies are detached and deleted first. */
    private void remove(Session s, BackupEntry entry, int[] writes) {
        IamClient iam = s.iam();
        String name = entry.name();
        if (entry.kind() == BackupEntry.Kind.OIDC_PROVIDER) {
            String id = name.replaceFirst("^https://", "");
            String arn = dev.rolechain.iam.Arns.oidcProvider(s.partition, s.account, id);
            write(s, writes, "DeleteOpenIDConnectProvider", "oidc-provider/" + id,
                    () -> iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
            return;
        }
        LiveRole now = new IamAccountReader(iam).live(name).orElseThrow();
        for (String arn : now.role().managedPolicyArns()) {
            write(s, writes, "DetachRolePolicy", dev.rolechain.plan.Resource.attachment(name, arn).toString(),
                    () -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(arn)));
        }
        for (String policy : now.inlineJson().keySet()) {
            write(s, writes, "DeleteRolePolicy", dev.rolechain.plan.Resource.inlinePolicy(name, policy).toString(),
                    () -> iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy)));
        }
        write(s, writes, "DeleteRole", "role/" + name, () -> iam.deleteRole(r -> r.roleName(name)));
    }

    private void write(Session s, int[] writes, String action, String resource, Runnable call) {
        s.wrote = true;
        writes[0]++;
        try {
            call.run();
        } catch (RuntimeException e) {
            journal.record(s.account, action, resource, "failed (restore): " + e.getMessage());
            throw e;
        }
        journal.record(s.account, action, resource, "ok (restore)");
    }
}
