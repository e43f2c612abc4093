package dev.rolechain.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A JSON tree read from JSON or YAML text that remembers the line each object and array starts on and the line of
 * each object key, so that a reader can say where in the file a document is. Scalars are not located: Jackson
 * shares their nodes. YAML's CloudFormation short forms ({@code !Sub x}) become their long forms
 * ({@code {"Fn::Sub": x}}), and every YAML scalar but null is kept as the text it was written as (an account id
 * {@code 012345678901} stays that, not an octal number).
 */
final class LocatedTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IdentityHashMap<JsonNode, Integer> starts = new IdentityHashMap<>();
    private final IdentityHashMap<JsonNode, Map<String, Integer>> keys = new IdentityHashMap<>();
    private JsonNode root;

    private LocatedTree() {
    }

    JsonNode root() {
        return root;
    }

    /** The line an object or array starts on, or {@code fallback} when the node was not read from the text. */
    int line(JsonNode node, int fallback) {
        Integer line = starts.get(node);
        return line == null ? fallback : line;
    }

    /** The line of an object's key, else where the object starts, else {@code fallback}. */
    int line(JsonNode object, String key, int fallback) {
        Map<String, Integer> lines = keys.get(object);
        Integer line = lines == null ? null : lines.get(key);
        return line != null ? line : line(object, fallback);
    }

    /** The parser's current value (the parser on its first token) and all inside it; the parser ends on its last token. */
    static LocatedTree json(JsonParser parser) throws IOException {
        LocatedTree tree = new LocatedTree();
        tree.root = tree.value(parser);
        return tree;
    }

    /** A composed YAML node tree. */
    static LocatedTree yaml(Node node) {
        LocatedTree tree = new LocatedTree();
        tree.root = tree.value(node);
        return tree;
    }

    private JsonNode value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                Map<String, Integer> keyLines = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    keyLines.put(name, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    object.replace(name, value(p));
                }
                starts.put(object, line);
                keys.put(object, keyLines);
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                starts.put(array, line);
                return array;
            }
            default:
                return JsonTree.scalar(p);
        }
    }

    private JsonNode value(Node node) {
        String tag = node.getTag().getValue();
        JsonNode plain = plainValue(node);
        if (!tag.startsWith("!") || tag.startsWith("!!")) {
            return plain;
        }
        String name = tag.substring(1);
        ObjectNode intrinsic = NODES.objectNode();
        intrinsic.set(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, plain);
        starts.put(intrinsic, node.getStartMark().getLine() + 1);
        return intrinsic;
    }

    private JsonNode plainValue(Node node) {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode map) {
            ObjectNode object = NODES.objectNode();
            Map<String, Integer> keyLines = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                String name = tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : String.valueOf(value(tuple.getKeyNode()));
                keyLines.put(name, tuple.getKeyNode().getStartMark().getLine() + 1);
                object.replace(name, value(tuple.getValueNode()));
            }
            starts.put(object, line);
            keys.put(object, keyLines);
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            sequence.getValue().forEach(item -> array.add(value(item)));
            starts.put(array, line);
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.getTag().equals(Tag.NULL) ? NODES.nullNode() : NODES.textNode(scalar.getValue());
    }
}
