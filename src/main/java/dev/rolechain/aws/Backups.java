package dev.rolechain.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.JsonTree;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The backups of apply runs, under one root folder: each run writes a folder of its own (one file per
 * resource it is about to write, before its first write), and {@code pending/} keeps the first backup
 * of each resource until that run's work is complete (an apply that converged) or restored, so that a
 * re-run after a failure saves the state from before the first run, not a half-applied one. Folders
 * are 0700 and files 0600 from creation.
 */
public final class Backups {
    static final int FORMAT = 1;
    private static final DateTimeFormatter RUN = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path root;

    /** A backup file that restore cannot use, with the file and field it is about. */
    public static final class BackupException extends IOException {
        public BackupException(String message) {
            super(message);
        }
    }

    public Backups(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Fails with the reason when backups cannot be written: checked before the first AWS write. */
    public void checkWritable() throws IOException {
        PrivateFiles.checkWritable(root);
        PrivateFiles.checkWritable(root.resolve("pending"));
    }

    /**
     * Saves one apply run's backup and returns its folder. A resource whose first backup is still pending
     * (an earlier run did not complete) is saved as that first backup says it was.
     */
    public Path save(List<BackupEntry> entries) throws IOException {
        PrivateFiles.folder(root);
        Path pending = PrivateFiles.folder(root.resolve("pending"));
        Path folder = newRunFolder();
        for (BackupEntry entry : entries) {
            Path marker = pending.resolve(entry.fileName());
            BackupEntry first;
            if (Files.isRegularFile(marker)) {
                first = read(marker);
            } else {
                first = entry.firstSavedIn(folder.toString());
                PrivateFiles.writeNew(marker, write(first));
            }
            PrivateFiles.writeNew(folder.resolve(entry.fileName()), write(first));
        }
        return folder;
    }

    /** The run's work is complete or restored: the next apply backs these resources up afresh. */
    public void forget(List<BackupEntry> entries) throws IOException {
        for (BackupEntry entry : entries) {
            Files.deleteIfExists(root.resolve("pending").resolve(entry.fileName()));
        }
    }

    private Path newRunFolder() throws IOException {
        String name = RUN.format(Instant.now());
        for (int i = 1; ; i++) {
            Path folder = root.resolve(i == 1 ? name : name + "-" + i);
            try {
                return PrivateFiles.create(folder);
            } catch (FileAlreadyExistsException e) {
                // two runs in one millisecond: the next name
            }
        }
    }

    /** Every entry of a backup folder, checked: a file restore cannot use is an error naming it. */
    public List<BackupEntry> readFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BackupException(folder + " is not a folder; give a backup folder that rolechain apply wrote (under "
                    + root + ")");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new BackupException(folder + " holds no backup files (*.json); give a backup folder that rolechain apply "
                    + "wrote (under " + root + ")");
        }
        List<BackupEntry> entries = new ArrayList<>();
        for (Path file : files) {
            entries.add(read(file));
        }
        return entries;
    }

    static String write(BackupEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("format", FORMAT);
        node.put("account", entry.account());
        node.put("profile", entry.profile());
        node.put("kind", entry.kind().json());
        node.put("name", entry.name());
        node.put("existed", entry.existed());
        node.put("firstBackup", entry.firstBackup());
        if (entry.existed() && entry.kind() == BackupEntry.Kind.ROLE) {
            Role role = entry.role().role();
            ObjectNode r = node.putObject("role");
            r.put("path", role.path());
            r.put("description", role.description());
            r.put("maxSessionDuration", role.maxSessionDuration());
            r.put("permissionsBoundaryArn", role.permissionsBoundaryArn());
            ObjectNode tags = r.putObject("tags");
            role.tags().forEach(tags::put);
            role.managedPolicyArns().forEach(r.putArray("attachedPolicyArns")::add);
            r.put("trustPolicy", entry.role().trustJson());
            ObjectNode inline = r.putObject("inlinePolicies");
            entry.role().inlineJson().forEach(inline::put);
        } else if (entry.existed()) {
            OidcProvider p = entry.provider();
            ObjectNode r = node.putObject("provider");
            r.put("url", p.url());
            p.clientIds().forEach(r.putArray("clientIds")::add);
            p.thumbprints().forEach(r.putArray("thumbprints")::add);
            ObjectNode tags = r.putObject("tags");
            p.tags().forEach(tags::put);
        }
        return JsonTree.writePretty(node, PolicyJson.prettyPrinter()) + "\n";
    }

    /** Reads one backup file; every problem names the file and the field. */
    static BackupEntry read(Path file) throws BackupException {
        JsonNode node;
        try {
            node = JsonTree.read(Files.readString(file, StandardCharsets.UTF_8), false);
        } catch (MalformedInputException e) {
            throw new BackupException(file + ": not UTF-8 text; a backup file is JSON written by rolechain apply");
        } catch (JsonProcessingException e) {
            throw new BackupException(file + ": not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); a backup file is JSON written by rolechain apply");
        } catch (NoSuchFileException e) {
            throw new BackupException(file + ": no such file");
        } catch (IOException e) {
            throw new BackupException(file + ": cannot be read: " + e.getMessage());
        }
        Fields f = new Fields(file, node);
        if (node == null || !node.isObject()) {
            throw f.error("", "a backup file is a JSON object written by rolechain apply");
        }
        if (!node.has("format")) {
            throw f.error("format", node.has("roleName")
                    ? "missing: this backup was written by an earlier Rolechain that saved only part of a role; put it back "
                            + "by hand (its trustPolicy and inlinePolicies are plain IAM JSON)"
                    : "missing: this is not a backup written by rolechain apply");
        }
        if (node.get("format").asInt(-1) != FORMAT || !node.get("format").isInt()) {
            throw f.error("format", "must be " + FORMAT + " (a newer Rolechain wrote it?), got " + node.get("format"));
        }
        String account = f.text(node, "account", true);
        if (!account.matches("\\d{12}")) {
            throw f.error("account", "must be a 12-digit AWS account id, got \"" + account + "\"");
        }
        String profile = f.text(node, "profile", false);
        String kindText = f.text(node, "kind", true);
        BackupEntry.Kind kind = switch (kindText) {
            case "role" -> BackupEntry.Kind.ROLE;
            case "oidc-provider" -> BackupEntry.Kind.OIDC_PROVIDER;
            default -> throw f.error("kind", "must be \"role\" or \"oidc-provider\", got \"" + kindText + "\"");
        };
        String name = f.text(node, "name", true);
        JsonNode existedNode = node.get("existed");
        if (existedNode == null || !existedNode.isBoolean()) {
            throw f.error("existed", "must be true or false");
        }
        boolean existed = existedNode.asBoolean();
        String firstBackup = f.text(node, "firstBackup", false);
        if (!existed) {
            return new BackupEntry(account, profile, kind, name, false, null, null, firstBackup);
        }
        if (kind == BackupEntry.Kind.OIDC_PROVIDER) {
            JsonNode p = f.object(node, "provider");
            OidcProvider provider = new OidcProvider(f.text(p, "provider.url", "url", true),
                    f.strings(p, "provider.clientIds", "clientIds"), f.strings(p, "provider.thumbprints", "thumbprints"),
                    f.stringMap(p, "provider.tags", "tags"));
            return new BackupEntry(account, profile, kind, name, true, null, provider, firstBackup);
        }
        JsonNode r = f.object(node, "role");
        String trustJson = f.text(r, "role.trustPolicy", "trustPolicy", true);
        PolicyDocument trust = f.policy("role.trustPolicy", trustJson);
        Map<String, String> inlineJson = f.stringMap(r, "role.inlinePolicies", "inlinePolicies");
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : inlineJson.entrySet()) {
            inline.put(e.getKey(), f.policy("role.inlinePolicies." + e.getKey(), e.getValue()));
        }
        JsonNode max = r.get("maxSessionDuration");
        if (max == null || !max.isInt() || max.asInt() < 3600 || max.asInt() > 43200) {
            throw f.error("role.maxSessionDuration", "must be a whole number of seconds from 3600 to 43200, got " + max);
        }
        String path = f.text(r, "role.path", "path", true);
        Role role = new Role(name, path, f.text(r, "role.description", "description", false), trust, inline,
                f.strings(r, "role.attachedPolicyArns", "attachedPolicyArns"), max.asInt(),
                f.text(r, "role.permissionsBoundaryArn", "permissionsBoundaryArn", false), f.stringMap(r, "role.tags", "tags"));
        return new BackupEntry(account, profile, kind, name, true, new LiveRole(role, trustJson, inlineJson), null,
                firstBackup);
    }

    /** Reads fields of one backup file, each problem an error naming the file and the field. */
    private record Fields(Path file, JsonNode root) {
        BackupException error(String field, String what) {
            return new BackupException(file + (field.isEmpty() ? "" : ": " + field) + ": " + what);
        }

        String text(JsonNode node, String field, boolean required) throws BackupException {
            return text(node, field, field, required);
        }

        String text(JsonNode node, String path, String field, boolean required) throws BackupException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw error(path, "missing");
                }
                return null;
            }
            if (!value.isTextual() || required && value.asText().isEmpty()) {
                throw error(path, "must be " + (required ? "a non-empty " : "a ") + "string, got " + value);
            }
            return value.asText();
        }

        JsonNode object(JsonNode node, String field) throws BackupException {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                throw error(field, "missing or not an object; it holds the state that restore puts back");
            }
            return value;
        }

        List<String> strings(JsonNode node, String path, String field) throws BackupException {
            JsonNode value = node.get(field);
            if (value == null || !value.isArray()) {
                throw error(path, "must be an array of strings");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw error(path, "must be an array of strings, got " + item);
                }
                list.add(item.asText());
            }
            return list;
        }

        Map<String, String> stringMap(JsonNode node, String path, String field) throws BackupException {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                throw error(path, "must be an object of names to strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw error(path + "." + e.getKey(), "must be a string, got " + e.getValue());
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            return map;
        }

        PolicyDocument policy(String path, String text) throws BackupException {
            try {
                return PolicyJson.parse(text);
            } catch (PolicyException e) {
                throw error(path, "not a valid policy document: " + String.join("; ", e.problems()));
            }
        }
    }
}
