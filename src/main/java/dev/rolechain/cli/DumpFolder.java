package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.inspect.AccountSnapshot;
import dev.rolechain.inspect.DumpReader;
import dev.rolechain.inspect.DumpWriter;
import dev.rolechain.inspect.OrganizationMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dump folder: one get-account-authorization-details file per account ({@code <account>.json}) and, for an
 * organization, {@code organization.json} with its OUs. Written by {@code inspect --save}, read by
 * {@code inspect --dump FOLDER}.
 */
record DumpFolder(List<Path> files, OrganizationMap organization) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static DumpFolder read(Path folder) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals(OrganizationMap.FILE)).sorted().toList();
        } catch (IOException e) {
            throw new DumpReader.DumpException(folder + ": cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new DumpReader.DumpException(folder + ": no .json dump in this folder");
        }
        Path map = folder.resolve(OrganizationMap.FILE);
        OrganizationMap organization = null;
        if (Files.isRegularFile(map)) {
            try {
                organization = OrganizationMap.fromJson(JSON.readTree(map.toFile()), map.toString());
            } catch (IOException e) {
                throw new DumpReader.DumpException(map + ": not JSON: " + e.getMessage());
            }
        }
        return new DumpFolder(files, organization);
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
