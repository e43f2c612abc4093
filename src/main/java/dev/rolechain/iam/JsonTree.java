package dev.rolechain.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON text to a Jackson tree and back with Jackson's streaming parser and generator only, the trees and text
 * {@code ObjectMapper.readTree}, {@code JsonNode.toString} and an {@code ObjectWriter} give: an {@code ObjectMapper}
 * takes about 120 ms to build in a fresh JVM, more than {@code rolechain eval} needs for 3,000 cases (issue #18), and
 * apply, plan and eval build none.
 */
public final class JsonTree {
    private static final JsonFactory LENIENT = new JsonFactory();
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /**
     * The first JSON value of {@code text} as a tree (content after it is not read), or a missing node when the text
     * holds none. With {@code strictDuplicates} a key given twice in an object is an error; without, the last wins.
     */
    public static JsonNode read(String text, boolean strictDuplicates) throws IOException {
        try (JsonParser parser = (strictDuplicates ? STRICT : LENIENT).createParser(text)) {
            return parser.nextToken() == null ? MissingNode.getInstance() : value(parser);
        }
    }

    /** Compact JSON text, as {@code JsonNode.toString} writes it. */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LENIENT.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Indented JSON text through {@code printer}, as {@code ObjectMapper.writer(printer).writeValueAsString} writes it
     * (a printer that keeps state is copied first, as the ObjectWriter copies it).
     */
    public static String writePretty(JsonNode node, PrettyPrinter printer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LENIENT.createGenerator(out)) {
            g.setPrettyPrinter(printer instanceof Instantiatable<?> i ? (PrettyPrinter) i.createInstance() : printer);
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static JsonNode value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.replace(name, value(p));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                return array;
            }
            default:
                return scalar(p);
        }
    }

    /** The parser's current scalar token as a node, as {@code ObjectMapper.readTree} makes it. */
    static JsonNode scalar(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** Copies the node's tokens to the generator, walking the tree with Jackson's tree parser (no ObjectMapper). */
    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        try (JsonParser tokens = node.traverse()) {
            tokens.nextToken();
            g.copyCurrentStructure(tokens);
        }
    }
}
