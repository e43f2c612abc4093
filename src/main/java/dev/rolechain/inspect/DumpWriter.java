package dev.rolechain.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.util.Map;

/**
 * One account as {@code aws iam get-account-authorization-details} writes it (RoleDetailList and Policies, the
 * parts Inspect reads), so that a saved organization reopens with {@link DumpReader} offline, or is read by other
 * tools. The managed policies are those the account's roles attach, with their default version.
 */
public final class DumpWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DumpWriter() {
    }

    public static String write(AccountSnapshot account) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode roles = root.putArray("RoleDetailList");
        for (Role role : account.iam().roles()) {
            ObjectNode r = roles.addObject();
            r.put("Path", role.path());
            r.put("RoleName", role.name());
            r.put("Arn", role.arn(account.partition(), account.accountId()));
            if (role.description() != null) {
                r.put("Description", role.description());
            }
            r.put("MaxSessionDuration", role.maxSessionDuration());
            r.set("AssumeRolePolicyDocument", PolicyJson.toTree(role.trustPolicy()));
            ArrayNode inline = r.putArray("RolePolicyList");
            role.inlinePolicies().forEach((name, doc) -> inline.addObject().put("PolicyName", name)
                    .set("PolicyDocument", PolicyJson.toTree(doc)));
            ArrayNode attached = r.putArray("AttachedManagedPolicies");
            role.managedPolicyArns().forEach(arn -> attached.addObject().put("PolicyArn", arn)
                    .put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)));
            if (role.permissionsBoundaryArn() != null) {
                r.putObject("PermissionsBoundary").put("PermissionsBoundaryType", "Policy")
                        .put("PermissionsBoundaryArn", role.permissionsBoundaryArn());
            }
            ArrayNode tags = r.putArray("Tags");
            role.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        ArrayNode policies = root.putArray("Policies");
        for (Map.Entry<String, PolicyDocument> policy : account.managedPolicies().entrySet()) {
            ObjectNode p = policies.addObject();
            p.put("PolicyName", policy.getKey().substring(policy.getKey().lastIndexOf('/') + 1));
            p.put("Arn", policy.getKey());
            p.put("DefaultVersionId", "v1");
            p.putArray("PolicyVersionList").addObject().put("VersionId", "v1").put("IsDefaultVersion", true)
                    .set("Document", PolicyJson.toTree(policy.getValue()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
