package dev.rolechain.aws;

import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code rolechain restore BACKUP}: puts the saved trust, settings and inline policies of each role back. */
public final class Restorer {
    private final Function<String, AccountSession> sessions;
    private final Journal journal;

    public Restorer(Function<String, AccountSession> sessions, Journal journal) {
        this.sessions = sessions;
        this.journal = journal;
    }

    /** Restores every role backup in the folder; returns the roles put back. */
    public List<String> restore(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder + " holds no role backups (*.json)");
        }
        List<String> restored = new ArrayList<>();
        for (Path file : files) {
            RoleBackup backup = RoleBackup.read(file);
            Role role = backup.role();
            try (AccountSession session = sessions.apply(backup.profile())) {
                String account = session.identity().account();
                if (!account.equals(backup.account())) {
                    throw new IOException(file + ": the profile reaches account " + account + ", the backup is of account "
                            + backup.account() + "; nothing was restored from it");
                }
                IamClient iam = session.iam();
                write(account, "UpdateAssumeRolePolicy", role.name(), () -> iam.updateAssumeRolePolicy(
                        r -> r.roleName(role.name()).policyDocument(PolicyJson.print(role.trustPolicy()))));
                write(account, "UpdateRole", role.name(), () -> iam.updateRole(r -> r.roleName(role.name())
                        .description(role.description()).maxSessionDuration(role.maxSessionDuration())));
                role.inlinePolicies().forEach((name, doc) -> write(account, "PutRolePolicy", role.name() + "/policy/" + name,
                        () -> iam.putRolePolicy(r -> r.roleName(role.name()).policyName(name)
                                .policyDocument(PolicyJson.print(doc)))));
                restored.add(account + " role/" + role.name());
            }
        }
        return restored;
    }

    private void write(String account, String action, String resource, Runnable call) {
        try {
            call.run();
            journal.record(account, action, "role/" + resource, "ok (restore)");
        } catch (RuntimeException e) {
            journal.record(account, action, "role/" + resource, "failed (restore): " + e.getMessage());
            throw e;
        }
    }
}
