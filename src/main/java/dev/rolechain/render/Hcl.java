package dev.rolechain.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree as an HCL expression laid out the way {@code terraform fmt} leaves it: objects one
 * attribute a line, the {@code =} of consecutive one-line attributes aligned, a line that opens a
 * multi-line value breaking the alignment run.
 */
public final class Hcl {
    private static final String INDENT = "  ";

    private Hcl() {
    }

    /** The expression for a JSON value; nested lines are indented {@code level} steps deeper than the first. */
    public static String expression(JsonNode node, int level) {
        StringBuilder sb = new StringBuilder();
        write(node, level, sb);
        return sb.toString();
    }

    /** An object of the given keys and (already written) one-line expressions. */
    public static String object(Map<String, String> expressions, int level) {
        if (expressions.isEmpty()) {
            return "{}";
        }
        List<String[]> lines = new ArrayList<>();
        expressions.forEach((key, value) -> lines.add(new String[] {Escape.hclKey(key), value}));
        StringBuilder sb = new StringBuilder("{\n");
        appendAligned(lines, level + 1, sb);
        return sb.append(indent(level)).append('}').toString();
    }

    private static void write(JsonNode node, int level, StringBuilder sb) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            List<String[]> run = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = Escape.hclKey(field.getKey());
                if (isMultiLine(field.getValue())) {
                    appendAligned(run, level + 1, sb);
                    run.clear();
                    sb.append(indent(level + 1)).append(key).append(" = ");
                    write(field.getValue(), level + 1, sb);
                    sb.append('\n');
                } else {
                    run.add(new String[] {key, expression(field.getValue(), level + 1)});
                }
            }
            appendAligned(run, level + 1, sb);
            sb.append(indent(level)).append('}');
        } else if (node.isArray()) {
            if (!isMultiLine(node)) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(expression(item, level)));
                sb.append('[').append(String.join(", ", items)).append(']');
                return;
            }
            sb.append("[\n");
            for (JsonNode item : node) {
                sb.append(indent(level + 1));
                write(item, level + 1, sb);
                sb.append(",\n");
            }
            sb.append(indent(level)).append(']');
        } else if (node.isTextual()) {
            sb.append(Escape.hcl(node.asText()));
        } else if (node.isNull()) {
            sb.append("null");
        } else {
            sb.append(node.asText());
        }
    }

    /** Non-empty objects, and arrays that hold one, take several lines. */
    private static boolean isMultiLine(JsonNode node) {
        if (node.isObject()) {
            return !node.isEmpty();
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (isMultiLine(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void appendAligned(List<String[]> lines, int level, StringBuilder sb) {
        int width = 0;
        for (String[] line : lines) {
            width = Math.max(width, columns(line[0]));
        }
        for (String[] line : lines) {
            sb.append(indent(level)).append(line[0]).append(" ".repeat(width - columns(line[0]) + 1))
                    .append("= ").append(line[1]).append('\n');
        }
    }

    private static final java.util.regex.Pattern GRAPHEME = java.util.regex.Pattern.compile("\\X");

    /** terraform fmt measures a key in user-perceived characters (grapheme clusters), not UTF-16 units. */
    private static int columns(String key) {
        if (key.chars().allMatch(c -> c < 0x80)) {
            return key.length();
        }
        java.util.regex.Matcher m = GRAPHEME.matcher(key);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    static String indent(int level) {
        return INDENT.repeat(level);
    }
}
