package dev.rolechain.inspect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a file saved by {@code aws iam get-account-authorization-details} (one account): its roles
 * with trust, inline and attached policies, boundary and tags, and the managed policies' default
 * versions. Policy documents may be JSON objects (as the AWS CLI writes them), JSON text, or
 * URL-encoded JSON text (as the API returns them). Users and groups are not read.
 */
public final class DumpReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A dump that cannot be read: the message names the file, the line and what is wrong. */
    public static final class DumpException extends RuntimeException {
        public DumpException(String message) {
            super(message);
        }
    }

    /** A dump of one account; a dump that holds several is refused (see {@link #readAll(Path)}). */
    public AccountSnapshot read(Path file) {
        return one(file.toString(), readAll(file));
    }

    public AccountSnapshot read(String name, Reader reader) throws IOException {
        return one(name, readAll(name, reader));
    }

    private static AccountSnapshot one(String name, List<AccountSnapshot> accounts) {
        if (accounts.size() != 1) {
            throw new DumpException(name + ": holds " + accounts.size() + " accounts ("
                    + String.join(", ", accounts.stream().map(AccountSnapshot::accountId).toList()) + ")");
        }
        return accounts.get(0);
    }

    /** Every account a dump holds (an organization's tools write one file for several), in the order they appear. */
    public List<AccountSnapshot> readAll(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readAll(file.toString(), reader);
        } catch (IOException e) {
            throw new DumpException(file + ": cannot read: " + e.getMessage());
        }
    }

    public List<AccountSnapshot> readAll(String name, Reader reader) throws IOException {
        List<Map.Entry<Integer, JsonNode>> roles = new ArrayList<>();
        List<Map.Entry<Integer, JsonNode>> policies = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new DumpException(name + ": line " + parser.currentLocation().getLineNr()
                        + ": expected the JSON object that get-account-authorization-details writes");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ((field.equals("RoleDetailList") || field.equals("Policies")) && value == JsonToken.START_ARRAY) {
                    List<Map.Entry<Integer, JsonNode>> target = field.equals("RoleDetailList") ? roles : policies;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        int line = parser.currentLocation().getLineNr();
                        target.add(Map.entry(line, parser.readValueAsTree()));
                    }
                } else if (field.equals("RoleDetailList") || field.equals("Policies")) {
                    throw new DumpException(name + ": line " + parser.currentLocation().getLineNr() + ": " + field
                            + " must be a list");
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new DumpException(name + ": line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": not JSON: " + e.getOriginalMessage());
        }
        Map<String, PolicyDocument> managed = new TreeMap<>();
        for (int i = 0; i < policies.size(); i++) {
            JsonNode policy = policies.get(i).getValue();
            String where = name + ": line " + policies.get(i).getKey() + ": Policies[" + i + "]";
            String arn = text(policy, "Arn", where);
            String defaultVersion = policy.path("DefaultVersionId").asText(null);
            for (JsonNode version : policy.path("PolicyVersionList")) {
                boolean isDefault = version.path("IsDefaultVersion").asBoolean(false)
                        || (defaultVersion != null && defaultVersion.equals(version.path("VersionId").asText()));
                if (isDefault) {
                    managed.put(arn, document(version.get("Document"), where + " (" + arn + ") Document"));
                }
            }
        }
        String partition = "aws";
        Map<String, List<Role>> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            JsonNode role = roles.get(i).getValue();
            String where = name + ": line " + roles.get(i).getKey() + ": RoleDetailList[" + i + "]";
            String roleName = text(role, "RoleName", where);
            where += " (" + roleName + ")";
            String arn = text(role, "Arn", where);
            String roleAccount = Principal.accountOf(arn);
            if (roleAccount == null || !arn.contains(":role/")) {
                throw new DumpException(where + ": Arn \"" + arn + "\" is not a role ARN");
            }
            if (byAccount.isEmpty()) {
                partition = arn.split(":")[1];
            }
            List<Role> parsed = byAccount.computeIfAbsent(roleAccount, k -> new ArrayList<>());
            PolicyDocument trust = document(role.get("AssumeRolePolicyDocument"), where + " AssumeRolePolicyDocument");
            Map<String, PolicyDocument> inline = new LinkedHashMap<>();
            for (JsonNode p : role.path("RolePolicyList")) {
                String policyName = text(p, "PolicyName", where + " RolePolicyList");
                inline.put(policyName, document(p.get("PolicyDocument"), where + " inline policy " + policyName));
            }
            List<String> attached = new ArrayList<>();
            for (JsonNode p : role.path("AttachedManagedPolicies")) {
                attached.add(text(p, "PolicyArn", where + " AttachedManagedPolicies"));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (JsonNode t : role.path("Tags")) {
                tags.put(t.path("Key").asText(), t.path("Value").asText());
            }
            String boundary = role.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText(null);
            // the Arn is the role's identity (trusts name it): its path and name come from there, so that the node is
            // the Arn even where Path is "" or RoleName says otherwise
            String resource = arn.substring(arn.indexOf(":role/") + ":role".length());
            String arnPath = resource.substring(0, resource.lastIndexOf('/') + 1);
            String arnName = resource.substring(resource.lastIndexOf('/') + 1);
            parsed.add(new Role(arnName, arnPath, role.path("Description").asText(null), trust, inline,
                    attached, role.path("MaxSessionDuration").asInt(3600), boundary, tags));
        }
        if (byAccount.isEmpty()) {
            // an account without roles: its customer policies say which it is, or the file name of a saved folder
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?:^|[/\\\\])(\\d{12})\\.json$").matcher(name);
            String account = managed.keySet().stream().map(Principal::accountOf).filter(a -> a != null)
                    .findFirst().or(() -> named.find() ? java.util.Optional.of(named.group(1)) : java.util.Optional.empty())
                    .orElseThrow(() -> new DumpException(name
                            + ": no role and no customer managed policy: cannot tell which account this dump is of"));
            byAccount.put(account, new ArrayList<>());
        }
        List<AccountSnapshot> accounts = new ArrayList<>();
        for (Map.Entry<String, List<Role>> e : byAccount.entrySet()) {
            // the managed policies of the dump are every account's to read (AWS's, and each customer policy by ARN)
            accounts.add(new AccountSnapshot(e.getKey(), partition, new IamAccount(e.getKey(), List.<OidcProvider>of(),
                    e.getValue()), List.of(), managed, byAccount.size() == 1 ? name : name + " (" + e.getKey() + ")", false));
        }
        return accounts;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new DumpException(where + ": " + field + " is missing (a non-empty string is required)");
        }
        return value.asText();
    }

    private static PolicyDocument document(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            throw new DumpException(where + ": missing (a policy document is required)");
        }
        try {
            return node.isTextual() ? PolicyJson.parse(node.asText()) : PolicyJson.parse(node);
        } catch (PolicyException e) {
            throw new DumpException(where + ": not a valid IAM policy: " + String.join("; ", e.problems()));
        }
    }
}
