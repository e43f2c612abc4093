package dev.rolechain.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The IAM documents of a CloudFormation template (JSON, or YAML already turned into long forms by {@link LocatedTree}):
 * each {@code AWS::IAM::Role}'s trust and inline policies, and the documents of {@code AWS::IAM::ManagedPolicy},
 * {@code AWS::IAM::Policy} and {@code AWS::IAM::RolePolicy}. Intrinsic functions are resolved where the template fixes
 * the value (a parameter's Default, {@code AWS::Partition}, a literal {@code Fn::Join} or {@code Fn::FindInMap}) and
 * stand as {@code {{…}}} text where it does not; never as {@code ${…}}, which in IAM is a policy variable.
 * {@code Fn::If} takes its first branch (its second where the first is {@code AWS::NoValue}), recorded as
 * {@code Condition=true}.
 */
final class CloudFormation {
    static final String ACCOUNT = "{{AWS::AccountId}}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final String file;
    private final LocatedTree tree;
    private final JsonNode parameters;
    private final JsonNode mappings;

    CloudFormation(String file, LocatedTree tree) {
        this.file = file;
        this.tree = tree;
        this.parameters = tree.root().path("Parameters");
        this.mappings = tree.root().path("Mappings");
    }

    List<PolicyInputs.Found> read() throws PolicyInputs.InputException {
        List<PolicyInputs.Found> found = new ArrayList<>();
        JsonNode resources = tree.root().path("Resources");
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            JsonNode properties = resource.path("Properties");
            String where = "Resources." + id;
            switch (resource.path("Type").asText("")) {
                case "AWS::IAM::Role" -> {
                    Set<String> naming = new LinkedHashSet<>();
                    String name = text(properties.get("RoleName"), naming);
                    String path = properties.has("RoleName") && properties.has("Path")
                            ? text(properties.get("Path"), naming) : "/";
                    String arn = name == null ? null : "arn:aws:iam::" + ACCOUNT + ":role" + path + name;
                    String who = "role " + (name == null ? id : name);
                    found.add(document(where + ".AssumeRolePolicyDocument", properties, "AssumeRolePolicyDocument",
                            name, arn, PolicyInputs.Kind.TRUST, who, naming));
                    JsonNode policies = properties.path("Policies");
                    for (int i = 0; i < policies.size(); i++) {
                        JsonNode policy = policies.get(i);
                        String policyName = policy.path("PolicyName").asText("Policies[" + i + "]");
                        found.add(document(where + ".Policies[" + i + "].PolicyDocument", policy, "PolicyDocument",
                                name, arn, PolicyInputs.Kind.IDENTITY, who + " inline policy " + policyName, naming));
                    }
                }
                case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy" -> found.add(document(where + ".PolicyDocument",
                        properties, "PolicyDocument", null, null, PolicyInputs.Kind.IDENTITY, "policy " + id, Set.of()));
                case "AWS::IAM::RolePolicy" -> {
                    Set<String> naming = new LinkedHashSet<>();
                    String roleName = text(properties.get("RoleName"), naming);
                    found.add(document(where + ".PolicyDocument", properties, "PolicyDocument", roleName, null,
                            PolicyInputs.Kind.IDENTITY, "policy " + id, naming));
                }
                default -> {
                }
            }
        }
        return found;
    }

    private PolicyInputs.Found document(String where, JsonNode holder, String field, String roleName, String roleArn,
            PolicyInputs.Kind kind, String who, Set<String> naming) throws PolicyInputs.InputException {
        int line = tree.line(holder, field, tree.line(holder, 1));
        JsonNode raw = holder.get(field);
        if (raw == null || raw.isNull()) {
            throw new PolicyInputs.InputException(file, line, who + ": " + where + " is missing (a policy document is "
                    + "required)");
        }
        Set<String> placeholders = new LinkedHashSet<>(naming);
        JsonNode resolved = resolve(raw, placeholders);
        if (resolved == null) {
            throw new PolicyInputs.InputException(file, line, who + ": " + where + " is AWS::NoValue");
        }
        PolicyDocument document = PolicyInputs.document(file, resolved, line, who + " (" + where + ")");
        return new PolicyInputs.Found(file + ":" + line + " (" + where + ")", line, roleName, roleArn, ACCOUNT, kind,
                document, List.copyOf(placeholders));
    }

    /** A scalar property's value with intrinsics resolved, or null when the template does not give it. */
    private String text(JsonNode value, Set<String> placeholders) {
        if (value == null) {
            return null;
        }
        JsonNode resolved = resolve(value, placeholders);
        return resolved == null || resolved.isContainerNode() ? null : resolved.asText();
    }

    /** The node with every intrinsic function resolved, or null for {@code AWS::NoValue}. */
    private JsonNode resolve(JsonNode node, Set<String> placeholders) {
        if (node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            JsonNode argument = node.get(name);
            if (name.equals("Ref") || name.startsWith("Fn::") || (name.equals("Condition") && argument.isTextual())) {
                return intrinsic(name, argument, placeholders);
            }
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = resolve(field.getValue(), placeholders);
                if (value != null) {
                    object.set(field.getKey(), value);
                }
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode value = resolve(item, placeholders);
                if (value != null) {
                    array.add(value);
                }
            }
            return array;
        }
        return node;
    }

    private JsonNode intrinsic(String name, JsonNode argument, Set<String> placeholders) {
        switch (name) {
            case "Ref":
                return ref(argument.asText(), placeholders);
            case "Fn::Sub":
                return TextNode.valueOf(sub(argument, placeholders));
            case "Fn::GetAtt": {
                String attribute = argument.isArray()
                        ? StreamSupport.stream(argument.spliterator(), false)
                                .map(part -> describe(resolve(part, placeholders))).collect(Collectors.joining("."))
                        : argument.asText();
                return placeholder("Fn::GetAtt " + attribute, placeholders);
            }
            case "Fn::Join": {
                JsonNode parts = argument.size() == 2 ? resolve(argument.get(1), placeholders) : null;
                if (parts != null && parts.isArray() && StreamSupport.stream(parts.spliterator(), false)
                        .allMatch(JsonNode::isValueNode)) {
                    return TextNode.valueOf(StreamSupport.stream(parts.spliterator(), false).map(JsonNode::asText)
                            .collect(Collectors.joining(argument.get(0).asText())));
                }
                return placeholder("Fn::Join", placeholders);
            }
            case "Fn::Select": {
                JsonNode list = argument.size() == 2 ? resolve(argument.get(1), placeholders) : null;
                JsonNode index = argument.size() == 2 ? resolve(argument.get(0), placeholders) : null;
                if (list != null && list.isArray() && index != null && index.asText().matches("\\d+")
                        && Integer.parseInt(index.asText()) < list.size()) {
                    return list.get(Integer.parseInt(index.asText()));
                }
                return placeholder("Fn::Select", placeholders);
            }
            case "Fn::Split": {
                JsonNode source = argument.size() == 2 ? resolve(argument.get(1), placeholders) : null;
                if (source != null && source.isValueNode()) {
                    ArrayNode parts = NODES.arrayNode();
                    for (String part : source.asText().split(Pattern.quote(argument.get(0).asText()), -1)) {
                        parts.add(part);
                    }
                    return parts;
                }
                return placeholder("Fn::Split", placeholders);
            }
            case "Fn::If": {
                if (!argument.isArray() || argument.size() != 3) {
                    return placeholder("Fn::If", placeholders);
                }
                String condition = argument.get(0).asText();
                JsonNode first = resolve(argument.get(1), new LinkedHashSet<>());
                boolean taken = first != null;
                placeholders.add(condition + "=" + taken);
                return resolve(argument.get(taken ? 1 : 2), placeholders);
            }
            case "Fn::FindInMap": {
                List<String> keys = new ArrayList<>();
                for (JsonNode key : argument) {
                    keys.add(describe(resolve(key, placeholders)));
                }
                JsonNode value = mappings;
                for (String key : keys) {
                    value = key.contains("{{") ? null : value == null ? null : value.get(key);
                }
                return value != null && keys.size() == 3 ? resolve(value, placeholders)
                        : placeholder("Fn::FindInMap " + String.join(" ", keys), placeholders);
            }
            default:
                JsonNode resolved = resolve(argument, placeholders);
                return placeholder(resolved != null && resolved.isValueNode() ? name + " " + resolved.asText() : name,
                        placeholders);
        }
    }

    /** What {@code Ref} gives: a pseudo parameter, a parameter's Default (a list for list types), or a placeholder. */
    private JsonNode ref(String name, Set<String> placeholders) {
        switch (name) {
            case "AWS::NoValue":
                return null;
            case "AWS::Partition":
                placeholders.add("AWS::Partition=aws");
                return TextNode.valueOf("aws");
            case "AWS::URLSuffix":
                placeholders.add("AWS::URLSuffix=amazonaws.com");
                return TextNode.valueOf("amazonaws.com");
            default:
                break;
        }
        if (name.startsWith("AWS::")) {
            return placeholder(name, placeholders);
        }
        JsonNode parameter = parameters.get(name);
        if (parameter == null) {
            return placeholder("Ref " + name, placeholders);
        }
        JsonNode fallback = parameter.get("Default");
        if (fallback == null || fallback.isContainerNode() || fallback.isNull()) {
            return placeholder(name, placeholders);
        }
        placeholders.add(name + "=" + fallback.asText());
        String type = parameter.path("Type").asText("");
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            ArrayNode list = NODES.arrayNode();
            for (String item : fallback.asText().split(",", -1)) {
                list.add(item.strip());
            }
            return list;
        }
        return TextNode.valueOf(fallback.asText());
    }

    /** {@code Fn::Sub} text: {@code ${Name}} resolved, {@code ${!Literal}} kept as the literal {@code ${Literal}}. */
    private String sub(JsonNode argument, Set<String> placeholders) {
        String template = argument.isArray() ? argument.path(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() ? argument.path(1) : NODES.missingNode();
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value;
            if (variable.startsWith("!")) {
                value = "${" + variable.substring(1) + "}";
            } else if (variables.has(variable)) {
                value = describe(resolve(variables.get(variable), placeholders));
            } else if (variable.contains(".") && !parameters.has(variable)) {
                value = placeholder("Fn::GetAtt " + variable, placeholders).asText();
            } else {
                value = describe(ref(variable, placeholders));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static TextNode placeholder(String what, Set<String> placeholders) {
        String text = "{{" + what + "}}";
        placeholders.add(text);
        return TextNode.valueOf(text);
    }

    /** A resolved value as text: scalars as they are, a list joined by commas, anything else as {{…}}. */
    private static String describe(JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(CloudFormation::describe)
                    .collect(Collectors.joining(","));
        }
        return value.isContainerNode() ? "{{value}}" : value.asText();
    }
}
