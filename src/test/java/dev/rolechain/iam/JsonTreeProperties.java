package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonTree} reads the tree {@code ObjectMapper.readTree} reads and writes the text {@code JsonNode.toString} and an
 * {@code ObjectWriter} with a pretty printer write, for any JSON text: numbers of every size, escapes, keys given twice,
 * content after the value.
 */
class JsonTreeProperties {
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    @Property(tries = 2000)
    void readsTheTreeObjectMapperReadsAndWritesTheTextItWrites(@ForAll("json") String text) throws Exception {
        JsonNode ours = JsonTree.read(text, false);
        JsonNode theirs = LENIENT.readTree(text);
        assertThat(ours).isEqualTo(theirs);
        // the same node classes, not only equal values: a number read as an int stays an int
        assertThat(ours.toString()).isEqualTo(theirs.toString());
        assertThat(JsonTree.write(theirs)).isEqualTo(theirs.toString());
        // the indented form the plan, the backups and canonical policies are written in
        assertThat(JsonTree.writePretty(theirs, PolicyJson.prettyPrinter()))
                .isEqualTo(LENIENT.writer(PolicyJson.prettyPrinter()).writeValueAsString(theirs));
        boolean strictOk;
        try {
            STRICT.readTree(text);
            strictOk = true;
        } catch (JsonProcessingException e) {
            strictOk = false;
        }
        if (strictOk) {
            assertThat(JsonTree.read(text, true)).isEqualTo(theirs);
        } else {
            assertThatThrownBy(() -> JsonTree.read(text, true)).isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining("Duplicate field");
        }
    }

    @Example
    void emptyTextIsAMissingNodeAsObjectMapperReadsIt() throws Exception {
        for (String text : List.of("", "   ", "\n")) {
            assertThat(JsonTree.read(text, true)).isEqualTo(LENIENT.readTree(text));
            assertThat(JsonTree.read(text, true).isMissingNode()).isTrue();
        }
    }

    @Example
    void malformedTextFailsWithTheParsersMessage() {
        for (String text : List.of("{\"a\":", "[1,,2]", "{'a':1}", "tru")) {
            assertThatThrownBy(() -> JsonTree.read(text, false)).isInstanceOf(JsonProcessingException.class)
                    .hasMessageContaining(messageOf(text));
        }
    }

    private static String messageOf(String text) {
        try {
            LENIENT.readTree(text);
            throw new AssertionError(text + " was read");
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> whitespace = Arbitraries.of("", " ", "\n", "\t ");
        return Arbitraries.lazyOf(() -> value(3)).flatMap(v -> whitespace.flatMap(before -> Arbitraries.of("", " ", " {}", " 7", "\n")
                .map(after -> before + v + after)));
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(string(), number(), Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> field = Arbitraries.of("a", "b", "Statement", "é", "a\\u0062")
                .flatMap(key -> value(depth - 1).map(v -> "\"" + key + "\" : " + v));
        Arbitrary<String> object = field.list().ofMaxSize(4).map(fields -> "{" + String.join(", ", fields) + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(2, object));
    }

    private Arbitrary<String> string() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\u2028', '😀')
                .excludeChars('"', '\\').ofMaxLength(8);
        Arbitrary<String> escape = Arbitraries.of("\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0001", "\\u00e9", "\\ud83d\\ude00",
                "\\u007f", "\\u2028");
        return Arbitraries.oneOf(plain, escape).list().ofMaxSize(3).map(parts -> "\"" + String.join("", parts) + "\"");
    }

    private Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(19), java.math.BigInteger.TEN.pow(30))
                        .map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("Infinity") && !s.contains("NaN")),
                Arbitraries.of("0", "-0", "-0.0", "1e400", "-1E-400", "1.5e3", "0.1", "12345678901234567890.5"));
    }
}
