package dev.rolechain.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A role's documents as they were before Rolechain changed them, saved to a file and read back by restore. */
public record RoleBackup(String account, String profile, Role role) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path file) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("account", account);
        node.put("profile", profile);
        node.put("roleName", role.name());
        node.put("description", role.description());
        node.put("maxSessionDuration", role.maxSessionDuration());
        node.set("trustPolicy", PolicyJson.toTree(role.trustPolicy()));
        ObjectNode inline = node.putObject("inlinePolicies");
        role.inlinePolicies().forEach((name, doc) -> inline.set(name, PolicyJson.toTree(doc)));
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writer(PolicyJson.prettyPrinter()).writeValueAsString(node) + "\n",
                StandardCharsets.UTF_8);
    }

    public static RoleBackup read(Path file) throws IOException {
        JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("inlinePolicies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            inline.put(e.getKey(), PolicyJson.parse(e.getValue()));
        }
        Role role = new Role(node.get("roleName").asText(), "/", node.hasNonNull("description")
                ? node.get("description").asText() : null, PolicyJson.parse(node.get("trustPolicy")), inline,
                java.util.List.of(), node.get("maxSessionDuration").asInt(), null, Map.of());
        return new RoleBackup(node.get("account").asText(), node.hasNonNull("profile") ? node.get("profile").asText() : null,
                role);
    }
}
