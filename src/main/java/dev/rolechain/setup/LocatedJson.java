package dev.rolechain.setup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree together with the line and column of every value, keyed by the path Rolechain uses in
 * its messages ({@code targets[0].accountId}). Duplicate keys are problems, not silently merged.
 */
final class LocatedJson {
    /** Jackson, loaded on the first read: the field paths of the wizard's messages do not need it (start-up). */
    private static final class Jackson {
        static final JsonFactory FACTORY = new JsonFactory();
        static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    }

    private final Map<String, int[]> locations = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private JsonNode root;

    private LocatedJson() {
    }

    /** Reads JSON text; a malformed file gives one problem with its line and column and no tree. */
    static LocatedJson read(String text) {
        LocatedJson json = new LocatedJson();
        try (JsonParser parser = Jackson.FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                json.problems.add(new Problem("", "the file is empty; a Setup is a JSON object", 1, 1));
                return json;
            }
            json.root = json.readValue(parser, "");
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                json.problems.add(new Problem("", "unexpected content after the Setup object",
                        at.getLineNr(), at.getColumnNr()));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            json.root = null;
            json.problems.add(new Problem("", "malformed JSON: " + e.getOriginalMessage(),
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()));
        } catch (IOException e) {
            json.problems.add(new Problem("", "cannot read: " + e.getMessage()));
        }
        return json;
    }

    /**
     * Compact JSON text of a tree, as {@code JsonNode.toString} writes it, copied token by token through Jackson's tree
     * parser: {@code toString} would build an ObjectMapper (about 120 ms in a fresh JVM) to read a Setup.
     */
    static String text(JsonNode node) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonParser tokens = node.traverse(); com.fasterxml.jackson.core.JsonGenerator g = Jackson.FACTORY.createGenerator(out)) {
            tokens.nextToken();
            g.copyCurrentStructure(tokens);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    JsonNode root() {
        return root;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The problem with the location of its path, or of the nearest enclosing path that has one. */
    Problem locate(Problem problem) {
        if (problem.line() > 0) {
            return problem;
        }
        String path = problem.path();
        while (path != null) {
            int[] at = locations.get(path);
            if (at != null) {
                return problem.at(at[0], at[1]);
            }
            path = parent(path);
        }
        return problem;
    }

    static String child(String parent, String name) {
        boolean plain = name.matches("[A-Za-z_][A-Za-z0-9_-]*");
        String part = plain ? name : "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        if (parent.isEmpty()) {
            return part;
        }
        return plain ? parent + "." + part : parent + part;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private void remember(String path, JsonLocation at) {
        locations.putIfAbsent(path, new int[] {at.getLineNr(), at.getColumnNr()});
    }

    /** The index of the first UTF-16 surrogate without its pair, or -1. */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode readValue(JsonParser p, String path) throws IOException {
        remember(path, p.currentTokenLocation());
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = Jackson.NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String childPath = child(path, name);
                    JsonLocation at = p.currentTokenLocation();
                    if (loneSurrogate(name) >= 0) {
                        problems.add(new Problem(childPath, "the name holds a lone surrogate, which is not a Unicode "
                                + "character; remove it", at.getLineNr(), at.getColumnNr()));
                    }
                    if (object.has(name)) {
                        problems.add(new Problem(childPath, "appears twice; give each field once",
                                at.getLineNr(), at.getColumnNr()));
                    }
                    remember(childPath, at);
                    p.nextToken();
                    object.set(name, readValue(p, childPath));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = Jackson.NODES.arrayNode();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(p, element(path, index++)));
                }
                return array;
            }
            case VALUE_STRING: {
                String text = p.getText();
                int bad = loneSurrogate(text);
                if (bad >= 0) {
                    JsonLocation at = p.currentTokenLocation();
                    problems.add(new Problem(path, String.format("holds a lone surrogate (\\u%04X at character %d), which "
                            + "is not a Unicode character and cannot be written as UTF-8; remove it", (int) text.charAt(bad),
                            bad + 1), at.getLineNr(), at.getColumnNr()));
                }
                return Jackson.NODES.textNode(text);
            }
            case VALUE_NUMBER_INT:
                return Jackson.NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return Jackson.NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return Jackson.NODES.booleanNode(true);
            case VALUE_FALSE:
                return Jackson.NODES.booleanNode(false);
            case VALUE_NULL:
                return Jackson.NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }
}
