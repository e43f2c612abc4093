package dev.rolechain.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Chain;
import java.util.Iterator;
import java.util.Map;

/**
 * The CloudFormation template of an organization target's deploy role, the one its StackSet puts in every
 * member account: an {@code AWS::IAM::Role} with the planned trust, inline and managed policies, boundary and
 * tags. What a reviewer may want to vary per deployment (the role name, the OIDC role it trusts, the
 * ExternalId) are parameters whose defaults are the plan's. Written as YAML with every string double-quoted
 * (a JSON string is a YAML double-quoted scalar), so no value is read as anything but text.
 */
public final class CloudFormationTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationTemplate() {
    }

    /** The template as a tree (what apply sends and compares, as JSON). */
    public static ObjectNode tree(Chain chain, Role role, String owner) {
        ObjectNode root = NODES.objectNode();
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        root.put("Description", "Rolechain: deploy role " + role.name() + " for GitHub Actions of " + owner + ", target "
                + chain.targetName() + ", in each member account of " + String.join(", ",
                chain.target().organizationalUnitIds()));
        ObjectNode parameters = root.putObject("Parameters");
        parameter(parameters, "RoleName", role.name(), "Name of the deploy role in each member account.");
        parameter(parameters, "OidcRoleArn", chain.oidcRoleArn(), "The OIDC role in the tooling account that the "
                + "deploy role trusts.");
        parameter(parameters, "ExternalId", chain.externalId(), "The ExternalId the chained AssumeRole must pass.");
        ObjectNode resource = root.putObject("Resources").putObject("DeployRole");
        resource.put("Type", "AWS::IAM::Role");
        ObjectNode properties = resource.putObject("Properties");
        properties.set("RoleName", ref("RoleName"));
        properties.put("Path", role.path());
        properties.put("Description", role.description());
        properties.put("MaxSessionDuration", role.maxSessionDuration());
        if (role.permissionsBoundaryArn() != null) {
            properties.put("PermissionsBoundary", role.permissionsBoundaryArn());
        }
        properties.set("AssumeRolePolicyDocument", parameterized(PolicyJson.toTree(role.trustPolicy()), chain));
        if (!role.managedPolicyArns().isEmpty()) {
            ArrayNode arns = properties.putArray("ManagedPolicyArns");
            role.managedPolicyArns().forEach(arns::add);
        }
        if (!role.inlinePolicies().isEmpty()) {
            ArrayNode policies = properties.putArray("Policies");
            for (Map.Entry<String, PolicyDocument> inline : role.inlinePolicies().entrySet()) {
                ObjectNode p = policies.addObject();
                p.put("PolicyName", inline.getKey());
                p.set("PolicyDocument", PolicyJson.toTree(inline.getValue()));
            }
        }
        ArrayNode tags = properties.putArray("Tags");
        new java.util.TreeMap<>(role.tags()).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        ObjectNode output = root.putObject("Outputs").putObject("DeployRoleArn");
        output.put("Description", "The deploy role in this account.");
        output.set("Value", NODES.objectNode().set("Fn::GetAtt", NODES.arrayNode().add("DeployRole").add("Arn")));
        return root;
    }

    /** The template as the exported YAML file. */
    public static String yaml(Chain chain, Role role, String owner) {
        StringBuilder out = new StringBuilder("# Rolechain: the StackSet template of target ").append(chain.targetName())
                .append(" (review it; apply and the Terraform root deploy it unchanged).\n");
        write(tree(chain, role, owner), 0, out);
        return out.toString();
    }

    /** The template as the JSON body apply sends. */
    public static String json(Chain chain, Role role, String owner) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(chain, role, owner)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parameter(ObjectNode parameters, String name, String fallback, String description) {
        ObjectNode p = parameters.putObject(name);
        p.put("Type", "String");
        p.put("Default", fallback);
        p.put("Description", description);
    }

    private static ObjectNode ref(String name) {
        return NODES.objectNode().put("Ref", name);
    }

    /** The trust with the OIDC role's ARN and the ExternalId replaced by references to the parameters. */
    private static JsonNode parameterized(JsonNode node, Chain chain) {
        if (node.isTextual()) {
            if (node.asText().equals(chain.oidcRoleArn())) {
                return ref("OidcRoleArn");
            }
            if (node.asText().equals(chain.externalId())) {
                return ref("ExternalId");
            }
            return node;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(parameterized(item, chain)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), parameterized(e.getValue(), chain));
            }
            return copy;
        }
        return node;
    }

    /** Block YAML: mappings and sequences indented by two, every key and string JSON-quoted. */
    private static void write(JsonNode node, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(pad).append(key(e.getKey())).append(':');
                value(e.getValue(), indent, out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                out.append(pad).append('-');
                if (item.isObject() && item.size() > 0) {
                    StringBuilder nested = new StringBuilder();
                    write(item, indent + 2, nested);
                    out.append(nested.substring(indent + 1));
                } else {
                    value(item, indent, out);
                }
            }
        }
    }

    private static void value(JsonNode v, int indent, StringBuilder out) {
        if (v.isObject() && v.size() > 0 || v.isArray() && v.size() > 0) {
            out.append('\n');
            write(v, indent + 2, out);
        } else if (v.isObject()) {
            out.append(" {}\n");
        } else if (v.isArray()) {
            out.append(" []\n");
        } else {
            out.append(' ').append(v.isTextual() ? quote(v.asText()) : v.toString()).append('\n');
        }
    }

    private static String key(String key) {
        return key.matches("[A-Za-z][A-Za-z0-9]*") ? key : quote(key);
    }

    /**
     * A YAML double-quoted scalar: JSON's quoting (which escapes the C0 controls), and escaped besides what YAML
     * does not allow in a stream or reads as a line break: DEL and the C1 controls (YAML 1.2's printable set leaves
     * out #x7F-#x84 and #x86-#x9F), NEL, U+2028, U+2029 (line breaks in YAML 1.1, folded to a space inside a
     * quoted scalar) and U+FFFE, U+FFFF.
     */
    static String quote(String text) {
        String json;
        try {
            json = JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean escape = (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFFFE || c == 0xFFFF;
            if (escape && out == null) {
                out = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (out != null) {
                if (escape) {
                    out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }
}
