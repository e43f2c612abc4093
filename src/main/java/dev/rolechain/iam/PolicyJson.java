package dev.rolechain.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads any valid IAM policy JSON (single values or arrays everywhere, every Principal form,
 * NotPrincipal / NotAction / NotResource, Sid, Version) into a {@link PolicyDocument}, and prints
 * documents in one canonical layout: keys in AWS's documented order, a list of one value printed as
 * that value, Statement always an array, condition values as strings.
 */
public final class PolicyJson {


    private static final Set<String> TOP_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private PolicyJson() {
    }

    /** Parses policy JSON text; AWS's URL-encoded form (as GetRole returns it) is accepted too. */
    public static PolicyDocument parse(String text) {
        String json = decode(text).strip();
        JsonNode node;
        try {
            node = JsonTree.read(json, true);
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new PolicyException(List.of("not JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading a string failed", e);
        }
        if (node == null) {
            throw new PolicyException(List.of("empty document"));
        }
        return parse(node);
    }

    /**
     * The JSON text of a document as IAM returns it: URL-encoded as RFC 3986 says (a {@code +} is a plus
     * sign, not a space), or plain text, which is returned as it is.
     */
    public static String decode(String text) {
        String stripped = text.strip();
        return stripped.startsWith("%7B") || stripped.startsWith("%7b")
                ? URLDecoder.decode(stripped.replace("+", "%2B"), StandardCharsets.UTF_8) : text;
    }

    /** Parses an already-read JSON tree. */
    public static PolicyDocument parse(JsonNode node) {
        List<String> problems = new ArrayList<>();
        PolicyDocument document = readDocument(node, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return document;
    }

    /** The problems of a document's JSON text, empty when it is valid IAM JSON. */
    public static List<String> problems(String text) {
        try {
            parse(text);
            return List.of();
        } catch (PolicyException e) {
            return e.problems();
        }
    }

    private static PolicyDocument readDocument(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("$: a policy document is a JSON object, got " + kind(node));
            return null;
        }
        unknownKeys(node, TOP_KEYS, "$", problems);
        String version = null;
        JsonNode v = node.get("Version");
        if (v != null) {
            if (!v.isTextual() || !VERSIONS.contains(v.asText())) {
                problems.add("$.Version: must be \"2012-10-17\" or \"2008-10-17\", got " + v);
            } else {
                version = v.asText();
            }
        }
        String id = null;
        JsonNode idNode = node.get("Id");
        if (idNode != null) {
            if (!idNode.isTextual()) {
                problems.add("$.Id: must be a string, got " + kind(idNode));
            } else {
                id = idNode.asText();
            }
        }
        JsonNode st = node.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (st == null) {
            problems.add("$.Statement: required");
        } else if (st.isObject()) {
            statements.add(readStatement(st, "$.Statement", problems));
        } else if (st.isArray()) {
            if (st.isEmpty()) {
                problems.add("$.Statement: must hold at least one statement");
            }
            for (int i = 0; i < st.size(); i++) {
                statements.add(readStatement(st.get(i), "$.Statement[" + i + "]", problems));
            }
        } else {
            problems.add("$.Statement: must be an object or an array of objects, got " + kind(st));
        }
        return problems.isEmpty() ? new PolicyDocument(version, id, statements) : null;
    }

    private static Statement readStatement(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": a statement is a JSON object, got " + kind(node));
            return null;
        }
        unknownKeys(node, STATEMENT_KEYS, path, problems);
        String sid = null;
        if (node.has("Sid")) {
            if (node.get("Sid").isTextual()) {
                sid = node.get("Sid").asText();
            } else {
                problems.add(path + ".Sid: must be a string");
            }
        }
        Effect effect = null;
        JsonNode e = node.get("Effect");
        if (e == null) {
            problems.add(path + ".Effect: required, \"Allow\" or \"Deny\"");
        } else if ("Allow".equals(e.asText()) && e.isTextual()) {
            effect = Effect.ALLOW;
        } else if ("Deny".equals(e.asText()) && e.isTextual()) {
            effect = Effect.DENY;
        } else {
            problems.add(path + ".Effect: must be \"Allow\" or \"Deny\", got " + e);
        }
        exclusive(node, "Principal", "NotPrincipal", path, problems, false);
        exclusive(node, "Action", "NotAction", path, problems, true);
        exclusive(node, "Resource", "NotResource", path, problems, false);
        Principals principal = readPrincipal(node.get("Principal"), path + ".Principal", problems);
        Principals notPrincipal = readPrincipal(node.get("NotPrincipal"), path + ".NotPrincipal", problems);
        List<String> actions = stringList(node.get("Action"), path + ".Action", problems);
        List<String> notActions = stringList(node.get("NotAction"), path + ".NotAction", problems);
        List<String> resources = stringList(node.get("Resource"), path + ".Resource", problems);
        List<String> notResources = stringList(node.get("NotResource"), path + ".NotResource", problems);
        checkActions(actions, path + ".Action", problems);
        checkActions(notActions, path + ".NotAction", problems);
        List<Condition> conditions = readConditions(node.get("Condition"), path + ".Condition", problems);
        return new Statement(sid, effect, principal, notPrincipal, actions, notActions, resources, notResources,
                conditions);
    }

    private static void checkActions(List<String> actions, String path, List<String> problems) {
        if (actions == null) {
            return;
        }
        for (String action : actions) {
            if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]*")) {
                problems.add(path + ": \"" + action + "\" is not an action; write service:Action (wildcards * and ? allowed) or *");
            }
        }
    }

    private static void exclusive(JsonNode node, String a, String b, String path, List<String> problems,
            boolean required) {
        if (node.has(a) && node.has(b)) {
            problems.add(path + ": has both " + a + " and " + b + "; a statement takes one of them");
        } else if (required && !node.has(a) && !node.has(b)) {
            problems.add(path + ": needs " + a + " or " + b);
        }
    }

    private static Principals readPrincipal(JsonNode node, String path, List<String> problems) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            if (node.asText().equals("*")) {
                return Principals.wildcard();
            }
            problems.add(path + ": a string principal must be \"*\"; otherwise write {\"AWS\": …}, {\"Service\": …}, "
                    + "{\"Federated\": …} or {\"CanonicalUser\": …}");
            return null;
        }
        if (!node.isObject() || node.isEmpty()) {
            problems.add(path + ": must be \"*\" or an object keyed by AWS, CanonicalUser, Federated or Service");
            return null;
        }
        TreeMap<String, List<String>> byType = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!Principals.TYPES.contains(entry.getKey())) {
                problems.add(path + "." + entry.getKey() + ": unknown principal type; allowed: "
                        + String.join(", ", Principals.TYPES));
                continue;
            }
            List<String> values = stringList(entry.getValue(), path + "." + entry.getKey(), problems);
            if (values != null) {
                byType.put(entry.getKey(), values);
            }
        }
        return new Principals(false, byType);
    }

    private static List<Condition> readConditions(JsonNode node, String path, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object of operator → {key: value(s)}");
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPath = path + "." + op.getKey();
            String operator = ConditionOperators.canonical(op.getKey()).orElse(null);
            if (operator == null) {
                problems.add(opPath + ": unknown condition operator; allowed: " + ConditionOperators.allowedDescription());
                continue;
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                problems.add(opPath + ": must be an object of condition key → value(s)");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = scalarList(key.getValue(), opPath + "." + key.getKey(), problems);
                if (values != null) {
                    conditions.add(new Condition(operator, key.getKey(), values));
                }
            }
        }
        return conditions;
    }

    private static List<String> stringList(JsonNode node, String path, List<String> problems) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    problems.add(path + ": every value must be a string, got " + kind(item));
                    return null;
                }
                values.add(item.asText());
            }
            return values;
        }
        problems.add(path + ": must be a string or a non-empty array of strings, got " + kind(node));
        return null;
    }

    private static List<String> scalarList(JsonNode node, String path, List<String> problems) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    problems.add(path + ": condition values are strings, numbers or booleans, got " + kind(item));
                    return null;
                }
                values.add(item.asText());
            }
            return values;
        }
        problems.add(path + ": must be a value or a non-empty array of values, got " + kind(node));
        return null;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String path, List<String> problems) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problems.add(path + "." + name + ": unknown element; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
    }

    private static String kind(JsonNode node) {
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------- printing

    /** The canonical JSON tree of a document. */
    public static ObjectNode toTree(PolicyDocument document) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        if (document.version() != null) {
            root.put("Version", document.version());
        }
        if (document.id() != null) {
            root.put("Id", document.id());
        }
        ArrayNode statements = root.putArray("Statement");
        for (Statement s : document.statements()) {
            ObjectNode node = statements.addObject();
            if (s.sid() != null) {
                node.put("Sid", s.sid());
            }
            node.put("Effect", s.effect().json());
            putPrincipal(node, "Principal", s.principal());
            putPrincipal(node, "NotPrincipal", s.notPrincipal());
            putValues(node, "Action", s.actions());
            putValues(node, "NotAction", s.notActions());
            putValues(node, "Resource", s.resources());
            putValues(node, "NotResource", s.notResources());
            if (!s.conditions().isEmpty()) {
                ObjectNode condition = node.putObject("Condition");
                for (Condition c : s.conditions()) {
                    ObjectNode op = condition.has(c.operator())
                            ? (ObjectNode) condition.get(c.operator())
                            : condition.putObject(c.operator());
                    putValues(op, c.key(), c.values());
                }
            }
        }
        return root;
    }

    private static void putPrincipal(ObjectNode node, String name, Principals principals) {
        if (principals == null) {
            return;
        }
        if (principals.anyone()) {
            node.put(name, "*");
            return;
        }
        ObjectNode p = node.putObject(name);
        principals.byType().forEach((type, values) -> putValues(p, type, values));
    }

    private static void putValues(ObjectNode node, String name, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.size() == 1) {
            node.put(name, values.get(0));
        } else {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        }
    }

    /** Two-space indentation, one value a line, {@code "key": value}, LF line ends. */
    public static com.fasterxml.jackson.core.util.DefaultPrettyPrinter prettyPrinter() {
        var indenter = new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n");
        var printer = new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    /** Canonical, indented JSON text. */
    public static String print(PolicyDocument document) {
        return JsonTree.writePretty(toTree(document), prettyPrinter()) + "\n";
    }
}
