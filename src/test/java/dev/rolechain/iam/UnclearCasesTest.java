package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases where Rolechain and an independent IAM simulator differed (docs/decisions/0010): each with the
 * decision Rolechain makes, whether it is flagged as uncertain and why, and the documentation it rests on.
 */
class UnclearCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<Arguments> cases() throws IOException {
        return StreamSupport.stream(table().spliterator(), false).map(c -> Arguments.of(c.get("name").asText(), c));
    }

    private static JsonNode table() throws IOException {
        try (InputStream in = UnclearCasesTest.class.getResourceAsStream("/evaluator/cases.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseIsDecidedAsTheDecisionRecordSaysAndFlaggedWhenItRestsOnAGuess(String name, JsonNode c) {
        assertThat(c.path("source").asText()).as("every case names its source").startsWith("https://docs.aws.amazon.com/");
        PolicyDocument policy = c.hasNonNull("policy") ? PolicyJson.parse(c.get("policy").toString()) : null;
        List<PolicyDocument> identity = new ArrayList<>();
        c.path("identityPolicies").forEach(d -> identity.add(PolicyJson.parse(d.toString())));
        Map<String, List<String>> context = new LinkedHashMap<>();
        c.path("context").fields().forEachRemaining(e -> context.put(e.getKey(), e.getValue().isArray()
                ? StreamSupport.stream(e.getValue().spliterator(), false).map(JsonNode::asText).toList()
                : List.of(e.getValue().asText())));
        Request request = new Request(c.get("principal").asText(), c.get("action").asText(), c.get("resource").asText(),
                RequestContext.of(context));

        Evaluation explained = evaluator.evaluate(policy, identity, request);
        Evaluation judged = evaluator.judge(policy, identity, request);

        assertThat(explained.decision().json()).isEqualTo(c.get("decision").asText());
        Set<String> expected = c.hasNonNull("uncertain") ? Set.of(c.get("uncertain").asText()) : Set.of();
        assertThat(explained.uncertain()).extracting(Unclear::id).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(judged.decision()).as("judged without explanation alike").isEqualTo(explained.decision());
        assertThat(judged.uncertain()).isEqualTo(explained.uncertain());
        assertThat(evaluator.decide(policy, identity, request)).isEqualTo(explained.decision());
    }

    @Test
    void everyUnclearCaseHasARowInTheTable() throws IOException {
        Set<String> covered = StreamSupport.stream(table().spliterator(), false).filter(c -> c.hasNonNull("uncertain"))
                .map(c -> c.get("uncertain").asText()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.stream(Unclear.values()).map(Unclear::id).toList());
    }
}
