package dev.rolechain.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM documents of {@code terraform show -json} output, of a plan ({@code planned_values}) or of state
 * ({@code values}): each {@code aws_iam_role}'s {@code assume_role_policy} and {@code inline_policy} blocks, and the
 * {@code policy} of {@code aws_iam_role_policy} and {@code aws_iam_policy}, in the root module and every child module.
 * A value the plan knows only after apply ({@code resource_changes[].change.after_unknown}) is {@code {{unknown}}};
 * a document that is unknown cannot be linted and is refused.
 */
final class TerraformShow {
    static final String UNKNOWN = "{{unknown}}";

    private final String file;
    private final LocatedTree tree;
    private final Map<String, JsonNode> afterUnknown = new HashMap<>();
    private final List<PolicyInputs.Found> found = new ArrayList<>();

    TerraformShow(String file, LocatedTree tree) {
        this.file = file;
        this.tree = tree;
        for (JsonNode change : tree.root().path("resource_changes")) {
            afterUnknown.put(change.path("address").asText(), change.path("change").path("after_unknown"));
        }
    }

    List<PolicyInputs.Found> read() throws PolicyInputs.InputException {
        JsonNode root = tree.root();
        JsonNode values = root.has("planned_values") ? root.get("planned_values") : root.path("values");
        module(values.path("root_module"));
        return found;
    }

    private void module(JsonNode module) throws PolicyInputs.InputException {
        for (JsonNode resource : module.path("resources")) {
            if (!resource.path("mode").asText("managed").equals("managed")) {
                continue;
            }
            String address = resource.path("address").asText();
            JsonNode values = resource.path("values");
            JsonNode unknown = afterUnknown.getOrDefault(address, MissingNode.getInstance());
            switch (resource.path("type").asText()) {
                case "aws_iam_role" -> role(address, values, unknown);
                case "aws_iam_role_policy" -> add(address, values, unknown, "policy", address, value(values, unknown, "role"),
                        null, PolicyInputs.Kind.IDENTITY);
                case "aws_iam_policy" -> add(address, values, unknown, "policy", address, null, null,
                        PolicyInputs.Kind.IDENTITY);
                default -> {
                }
            }
        }
        for (JsonNode child : module.path("child_modules")) {
            module(child);
        }
    }

    private void role(String address, JsonNode values, JsonNode unknown) throws PolicyInputs.InputException {
        String name = value(values, unknown, "name");
        String arn = value(values, unknown, "arn");
        add(address, values, unknown, "assume_role_policy", address, name, arn, PolicyInputs.Kind.TRUST);
        JsonNode inline = values.path("inline_policy");
        for (int i = 0; i < inline.size(); i++) {
            JsonNode block = inline.get(i);
            JsonNode blockUnknown = unknown.path("inline_policy").path(i);
            String policyName = value(block, blockUnknown, "name");
            if (block.path("policy").asText("").isBlank() && !blockUnknown.path("policy").asBoolean(false)) {
                continue;
            }
            add(address, block, blockUnknown, "policy", address + " inline_policy "
                    + (policyName == null || policyName.isEmpty() ? "[" + i + "]" : policyName), name, arn,
                    PolicyInputs.Kind.IDENTITY);
        }
    }

    private void add(String address, JsonNode values, JsonNode unknown, String field, String where, String roleName,
            String roleArn, PolicyInputs.Kind kind) throws PolicyInputs.InputException {
        int line = tree.line(values, field, tree.line(values, 1));
        JsonNode policy = values.get(field);
        if (unknown.path(field).asBoolean(false) || policy == null || policy.isNull()) {
            throw new PolicyInputs.InputException(file, line, address + ": " + field + " is known only after apply: "
                    + "lint the state (`terraform show -json > state.json`) once it is applied, or the policy's own JSON");
        }
        List<String> placeholders = new ArrayList<>();
        if (UNKNOWN.equals(roleName) || UNKNOWN.equals(roleArn)) {
            placeholders.add(UNKNOWN);
        }
        String account = roleArn == null || UNKNOWN.equals(roleArn) ? null : Principal.accountOf(roleArn);
        found.add(new PolicyInputs.Found(file + " (" + where + ")", line, roleName, roleArn, account, kind,
                PolicyInputs.document(file, policy, line, where + " " + field), placeholders));
    }

    /** A string value: {@code {{unknown}}} when known only after apply, null when not given. */
    private static String value(JsonNode values, JsonNode unknown, String field) {
        if (unknown.path(field).asBoolean(false)) {
            return UNKNOWN;
        }
        JsonNode value = values.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
