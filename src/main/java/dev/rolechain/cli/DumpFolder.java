package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.DumpWriter;
import dev.rolechain.inspect.OrganizationMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dump folder: one get-account-authorization-details file per account ({@code <account>.json}) and, for an
 * organization, {@code organization.json} with its OUs. Written by {@code inspect --save}; {@code inspect --dump
 * FOLDER} (and the Inspect window) reopen it.
 */
final class DumpFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DumpFolder() {
    }

    /** Writes the folder (created if missing; files of the same names replaced). */
    static void write(Path folder, List<AccountSnapshot> accounts, OrganizationMap organization) throws IOException {
        Files.createDirectories(folder);
        for (AccountSnapshot account : accounts) {
            Files.writeString(folder.resolve(account.accountId() + ".json"), DumpWriter.write(account));
        }
        if (organization != null) {
            Files.writeString(folder.resolve(OrganizationMap.FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(organization.toJson()) + "\n");
        }
    }
}
