package dev.rolechain.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the output of {@code aws iam get-account-authorization-details}: each role with its trust, inline and
 * attached policies, boundary and tags, and the managed policies' default versions, with the line each stands on.
 * The file is streamed: users and groups are skipped, not held. Policy documents may be JSON objects (as the AWS
 * CLI writes them), JSON text, or URL-encoded JSON text (as the API returns them).
 */
public final class AuthorizationDetails {
    private static final JsonFactory JSON = new JsonFactory();

    private AuthorizationDetails() {
    }

    /** The roles and the managed policies' default versions (by ARN, in the order they appear). */
    public record Details(List<RoleDetail> roles, Map<String, PolicyDocument> managedPolicies) {
        public Details {
            roles = List.copyOf(roles);
            managedPolicies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(managedPolicies));
        }
    }

    /**
     * One entry of RoleDetailList. {@code where} names it in messages ({@code RoleDetailList[0] (deploy)}),
     * {@code line} is where it starts and {@code trustLine} where its AssumeRolePolicyDocument is.
     */
    public record RoleDetail(String where, int line, String name, String arn, String accountId, String description,
            int trustLine, PolicyDocument trust, List<InlinePolicy> inlinePolicies, List<String> attachedPolicyArns,
            int maxSessionDuration, String permissionsBoundaryArn, Map<String, String> tags) {
        public RoleDetail {
            inlinePolicies = List.copyOf(inlinePolicies);
            attachedPolicyArns = List.copyOf(attachedPolicyArns);
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    /** A role's inline policy and the line of its document. */
    public record InlinePolicy(String name, int line, PolicyDocument document) {
    }

    /**
     * Reads the dump; a dump that is not JSON, or whose roles or policies lack what IAM always writes, is refused with
     * the file, the line and what is wrong.
     */
    public static Details read(String file, Reader reader) throws IOException, PolicyInputs.InputException {
        List<LocatedTree> roles = new ArrayList<>();
        List<LocatedTree> policies = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PolicyInputs.InputException(file, parser.currentLocation().getLineNr(),
                        "expected the JSON object that get-account-authorization-details writes");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean listed = field.equals("RoleDetailList") || field.equals("Policies");
                if (listed && value == JsonToken.START_ARRAY) {
                    List<LocatedTree> target = field.equals("RoleDetailList") ? roles : policies;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        target.add(LocatedTree.json(parser));
                    }
                } else if (listed) {
                    throw new PolicyInputs.InputException(file, parser.currentLocation().getLineNr(),
                            field + " must be a list");
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new PolicyInputs.InputException(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(),
                    "not JSON: " + e.getOriginalMessage());
        }
        Map<String, PolicyDocument> managed = new LinkedHashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            LocatedTree tree = policies.get(i);
            JsonNode policy = tree.root();
            int line = tree.line(policy, 1);
            String arn = text(file, line, policy, "Arn", "Policies[" + i + "]");
            String defaultVersion = policy.path("DefaultVersionId").asText(null);
            for (JsonNode version : policy.path("PolicyVersionList")) {
                boolean isDefault = version.path("IsDefaultVersion").asBoolean(false)
                        || (defaultVersion != null && defaultVersion.equals(version.path("VersionId").asText()));
                if (isDefault) {
                    managed.put(arn, document(file, tree.line(version, "Document", line), version.get("Document"),
                            "Policies[" + i + "] (" + arn + ") Document"));
                }
            }
        }
        List<RoleDetail> details = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            details.add(role(file, roles.get(i), "RoleDetailList[" + i + "]"));
        }
        return new Details(details, managed);
    }

    private static RoleDetail role(String file, LocatedTree tree, String where) throws PolicyInputs.InputException {
        JsonNode role = tree.root();
        int line = tree.line(role, 1);
        String roleName = text(file, line, role, "RoleName", where);
        where += " (" + roleName + ")";
        String arn = text(file, line, role, "Arn", where);
        String account = Principal.accountOf(arn);
        if (account == null || !arn.contains(":role/")) {
            throw new PolicyInputs.InputException(file, line, where + ": Arn \"" + arn + "\" is not a role ARN");
        }
        int trustLine = tree.line(role, "AssumeRolePolicyDocument", line);
        PolicyDocument trust = document(file, trustLine, role.get("AssumeRolePolicyDocument"),
                where + " AssumeRolePolicyDocument");
        List<InlinePolicy> inline = new ArrayList<>();
        for (JsonNode p : role.path("RolePolicyList")) {
            int policyLine = tree.line(p, line);
            String policyName = text(file, policyLine, p, "PolicyName", where + " RolePolicyList");
            int documentLine = tree.line(p, "PolicyDocument", policyLine);
            inline.add(new InlinePolicy(policyName, documentLine,
                    document(file, documentLine, p.get("PolicyDocument"), where + " inline policy " + policyName)));
        }
        List<String> attached = new ArrayList<>();
        for (JsonNode p : role.path("AttachedManagedPolicies")) {
            attached.add(text(file, tree.line(p, line), p, "PolicyArn", where + " AttachedManagedPolicies"));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : role.path("Tags")) {
            tags.put(t.path("Key").asText(), t.path("Value").asText());
        }
        return new RoleDetail(where, line, roleName, arn, account, role.path("Description").asText(null), trustLine,
                trust, inline, attached, role.path("MaxSessionDuration").asInt(3600),
                role.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText(null), tags);
    }

    private static String text(String file, int line, JsonNode node, String field, String where)
            throws PolicyInputs.InputException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new PolicyInputs.InputException(file, line, where + ": " + field
                    + " is missing (a non-empty string is required)");
        }
        return value.asText();
    }

    private static PolicyDocument document(String file, int line, JsonNode node, String where)
            throws PolicyInputs.InputException {
        if (node == null || node.isNull()) {
            throw new PolicyInputs.InputException(file, line, where + ": missing (a policy document is required)");
        }
        return PolicyInputs.document(file, node, line, where);
    }
}
