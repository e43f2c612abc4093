package dev.rolechain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rolechain.Version;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Rule;
import dev.rolechain.lint.Severity;
import dev.rolechain.testsupport.Cli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @TempDir
    Path temp;
    private final Cli cli = new Cli();

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }

    /** What the SARIF 2.1.0 schema says is wrong with {@code log}: nothing, for a valid log. */
    private static List<String> schemaErrors(String log) {
        return schema.validate(log, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private JsonNode lint(int exitCode, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("lint"));
        all.addAll(List.of(args));
        all.addAll(List.of("--format", "sarif"));
        assertThat(cli.run(all.toArray(String[]::new))).as(cli.err()).isEqualTo(exitCode);
        assertThat(schemaErrors(cli.out())).as(cli.out()).isEmpty();
        return JSON.readTree(cli.out());
    }

    private static JsonNode result(JsonNode log, String ruleId) {
        for (JsonNode r : log.get("runs").get(0).get("results")) {
            if (r.get("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + ruleId + " in " + log.toPrettyString());
    }

    private static JsonNode physical(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation");
    }

    @Test
    void aSetupsLintIsValidSarifAndExitsZeroWithoutErrors() throws Exception {
        JsonNode log = lint(0, "--setup", "examples/article.json");
        assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode rc104 = result(log, "RC104");
        assertThat(rc104.get("level").asText()).isEqualTo("warning");
        // The planned trust policy is no file on disk: the result points at the Setup, and names the planned file.
        assertThat(physical(rc104).get("artifactLocation").get("uri").asText()).isEqualTo("examples/article.json");
        assertThat(rc104.get("message").get("text").asText())
                .contains("accepted risk", "(at policies/111111111111/github-actions-oidc/trust.json: Statement[0])",
                        "\nFix: " + Rule.RC104.fix());
    }

    @Test
    void aWorkflowFindingHasItsFileAndLineAndAnErrorExitsOne() throws Exception {
        JsonNode log = lint(1, "--workflow", "examples/article-workflow.yml", "--setup", "examples/article.json");
        JsonNode rc303 = result(log, "RC303");
        assertThat(rc303.get("level").asText()).isEqualTo("error");
        assertThat(rc303.get("ruleIndex").asInt()).isEqualTo(Rule.RC303.ordinal());
        assertThat(physical(rc303).get("artifactLocation").get("uri").asText()).isEqualTo("examples/article-workflow.yml");
        assertThat(physical(rc303).get("region").get("startLine").asInt()).isEqualTo(13);
    }

    @Test
    void aFindingsOwnLevelIsKeptWhereItDiffersFromTheRulesDefault() throws Exception {
        // Without a Setup RC303 is a warning, while the rule's default is an error.
        JsonNode log = lint(0, "--workflow", "examples/article-workflow.yml");
        assertThat(result(log, "RC303").get("level").asText()).isEqualTo("warning");
        JsonNode rule = log.get("runs").get(0).get("tool").get("driver").get("rules").get(Rule.RC303.ordinal());
        assertThat(rule.get("id").asText()).isEqualTo("RC303");
        assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo("error");
        assertThat(result(log, "RC304").get("level").asText()).isEqualTo("note");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            ERROR,   error
            WARNING, warning
            INFO,    note
            """)
    void severitiesMapToSarifLevels(Severity severity, String level) {
        assertThat(SarifReport.level(severity)).isEqualTo(level);
    }

    @Test
    void aTrustFindingPointsAtTheLineOfItsStatement() throws Exception {
        Path trust = Files.writeString(temp.resolve("trust.json"), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111111111111:role/oidc"},
                      "Action": "sts:AssumeRole",
                      "Condition": {"StringEquals": {"sts:ExternalId": "a-long-random-external-id"}}
                    },
                    {
                      "Effect": "Allow",
                      "Principal": "*",
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
                """);
        JsonNode log = lint(1, "--policy", trust.toString(), "--type", "trust");
        JsonNode rc203 = result(log, "RC203");
        assertThat(physical(rc203).get("region").get("startLine").asInt()).isEqualTo(10);
        // Outside the folder lint runs in, the file is an absolute file: URI.
        assertThat(physical(rc203).get("artifactLocation").get("uri").asText()).isEqualTo(trust.toUri().toASCIIString());

        // Inside it, a relative URI.
        ObjectNode relative = new SarifReport(temp, null).log(List.of(Rule.RC203.at("trust.json: Statement[1]", "m")));
        JsonNode location = physical(relative.get("runs").get(0).get("results").get(0));
        assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("trust.json");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(10);
    }

    @Test
    void aStatementThatIsOneObjectIsFoundToo() throws Exception {
        Path trust = Files.writeString(temp.resolve("one.json"), "{\"Version\": \"2012-10-17\",\n\"Other\": [1, {\"a\": 2}],\n"
                + "  \"Statement\":\n   {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}}");
        assertThat(SarifReport.statementLines(trust)).containsExactly(4);
    }

    @Test
    void aSetupFieldPointsAtTheSetupFileAndTheFieldsLine() throws Exception {
        Path setup = Files.writeString(temp.resolve("setup.json"), Files.readString(Path.of("examples/article.json"))
                .replace("\"myorg-prod-deploy\"", "\"short\""));
        JsonNode log = lint(0, "--setup", setup.toString());
        JsonNode rc209 = result(log, "RC209");
        assertThat(physical(rc209).get("artifactLocation").get("uri").asText()).isEqualTo(setup.toUri().toASCIIString());
        assertThat(physical(rc209).get("region").get("startLine").asInt()).isEqualTo(7);
        assertThat(rc209.get("message").get("text").asText()).contains("(at targets[0].externalId)");

        ObjectNode relative = new SarifReport(temp, Path.of("setup.json"))
                .log(List.of(Rule.RC403.at("tooling.oidcRoles", "m"), Rule.RC209.at("targets", "shared")));
        JsonNode results = relative.get("runs").get(0).get("results");
        assertThat(physical(results.get(0)).get("artifactLocation").get("uri").asText()).isEqualTo("setup.json");
        assertThat(physical(results.get(0)).get("region").get("startLine").asInt()).isEqualTo(4);
        assertThat(physical(results.get(1)).get("region").get("startLine").asInt()).isEqualTo(5);
    }

    @Test
    void everyRuleIsDescribedWithItsFixDocsAndDefaultLevel() throws Exception {
        JsonNode log = lint(0, "--setup", "examples/article.json");
        JsonNode driver = log.get("runs").get(0).get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("Rolechain");
        assertThat(driver.get("semanticVersion").asText()).isEqualTo(Version.get());
        assertThat(driver.has("informationUri")).as("no address that leads nowhere").isFalse();
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(Rule.values().length);
        List<String> headings = Files.readAllLines(Path.of("docs/lint-rules.md")).stream().filter(l -> l.startsWith("#"))
                .map(l -> SarifReport.anchor(l.replaceFirst("^#+ ", ""))).toList();
        for (Rule rule : Rule.values()) {
            JsonNode r = rules.get(rule.ordinal());
            assertThat(r.get("id").asText()).isEqualTo(rule.name());
            assertThat(r.get("name").asText()).as(rule.name() + ".name in sarif-rules.properties").matches("[A-Z][A-Za-z0-9]+")
                    .isNotEqualTo(rule.name());
            assertThat(r.get("shortDescription").get("text").asText()).as(rule.name() + ".short").isNotEqualTo(rule.fix())
                    .isNotBlank();
            assertThat(r.get("fullDescription").get("text").asText()).isEqualTo(rule.fix());
            assertThat(r.get("help").get("text").asText()).startsWith(rule.fix()).contains("docs/lint-rules.md, section");
            String markdown = r.get("help").get("markdown").asText();
            assertThat(headings).as(rule.name() + ".section is a heading of docs/lint-rules.md")
                    .contains(markdown.substring(markdown.lastIndexOf('#') + 1, markdown.lastIndexOf(')')));
            assertThat(r.get("defaultConfiguration").get("level").asText()).isEqualTo(SarifReport.level(rule.severity()));
        }
        assertThat(SarifReport.anchor("Cross-account trust")).isEqualTo("cross-account-trust");
    }

    @Test
    void aRuleThatTheDocsListIsListedUnderItsSection() throws Exception {
        List<String> docs = Files.readAllLines(Path.of("docs/lint-rules.md"));
        String section = "";
        for (String line : docs) {
            if (line.startsWith("## ")) {
                section = line.substring(3);
            }
            for (Rule rule : Rule.values()) {
                if (line.startsWith("| " + rule.name() + " |")) {
                    assertThat(SarifReport.section(rule)).as(rule.name()).isEqualTo(section);
                }
            }
        }
    }

    @Test
    void urisAreRelativeWithForwardSlashesAndPercentEncoded() {
        SarifReport report = new SarifReport(temp, null);
        assertThat(report.uri("a dir/wörk#1.json")).isEqualTo("a%20dir/w%C3%B6rk%231.json");
        assertThat(report.uri("./.github/workflows/../workflows/x.yml")).isEqualTo(".github/workflows/x.yml");
        assertThat(report.uri(temp.resolve("sub/c:d.yml").toString())).isEqualTo("sub/c%3Ad.yml");
        assertThat(report.uri("../elsewhere.json")).startsWith("file:///").endsWith("/elsewhere.json");
    }

    @Test
    void fingerprintsAreStableAndTellFindingsApart() throws Exception {
        Finding a = Rule.RC304.at(".github/workflows/deploy.yml:9 (jobs.deploy, step x)", "not pinned");
        String first = SarifReport.fingerprint(a);
        assertThat(SarifReport.fingerprint(Rule.RC304.at(a.location(), a.message()))).isEqualTo(first).hasSize(64);
        assertThat(SarifReport.fingerprint(Rule.RC304.at(a.location(), "other"))).isNotEqualTo(first);
        assertThat(SarifReport.fingerprint(Rule.RC302.at(a.location(), a.message()))).isNotEqualTo(first);

        JsonNode once = lint(1, "--workflow", "examples/article-workflow.yml", "--setup", "examples/article.json");
        cli.clear();
        JsonNode twice = lint(1, "--workflow", "examples/article-workflow.yml", "--setup", "examples/article.json");
        JsonNode fingerprints = once.get("runs").get(0).get("results").get(0).get("partialFingerprints");
        assertThat(fingerprints.get(SarifReport.FINGERPRINT).asText()).hasSize(64);
        assertThat(twice.get("runs").get(0).get("results").get(0).get("partialFingerprints")).isEqualTo(fingerprints);
    }

    @Test
    void everyLocationFormReadsBack() {
        java.util.Set<String> setup = java.util.Set.of("targets", "tooling", "workflow");
        assertThat(FindingLocation.parse(".github/workflows/deploy.yml:12 (jobs.deploy, step \"x: 3 (y)\")", setup))
                .isEqualTo(new FindingLocation.FileLine(".github/workflows/deploy.yml", 12));
        assertThat(FindingLocation.parse("d.yml:4 (on.push, jobs.a)", setup)).isEqualTo(new FindingLocation.FileLine("d.yml", 4));
        assertThat(FindingLocation.parse("policies/111111111111/role/trust.json: Statement[1]", setup))
                .isEqualTo(new FindingLocation.Statement("policies/111111111111/role/trust.json", 1));
        assertThat(FindingLocation.parse("targets[0].externalId", setup)).isEqualTo(new FindingLocation.SetupField(
                dev.rolechain.setup.FieldPath.target(0).child("externalId")));
        assertThat(FindingLocation.parse("trust.json", setup)).isEqualTo(new FindingLocation.Other("trust.json"));
        assertThat(FindingLocation.parse("targets[0].externalId", java.util.Set.of()))
                .isEqualTo(new FindingLocation.Other("targets[0].externalId"));
        assertThat(FindingLocation.parse("policies/1/r/ (role r)", setup)).isEqualTo(new FindingLocation.Other("policies/1/r/"));
    }

    @Test
    void aLogThatBreaksTheSchemaIsCaught() throws Exception {
        // The schema check is no formality: the same log with a level SARIF does not have, or without a result's
        // message, fails it.
        ObjectNode log = new SarifReport(temp, null).log(List.of(Rule.RC304.at("w.yml:3 (jobs.a)", "m")));
        assertThat(schemaErrors(log.toString())).isEmpty();
        ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
        result.put("level", "info");
        assertThat(schemaErrors(log.toString())).isNotEmpty();
        result.put("level", "note").remove("message");
        assertThat(schemaErrors(log.toString())).isNotEmpty();
    }

    @Test
    void lintsUsageNamesSarifAndOtherCommandsRefuseIt() {
        assertThat(cli.run("lint", "--help")).isZero();
        assertThat(cli.out()).contains("--format=text|json|sarif", "Output format: text, json or sarif.");
        cli.clear();
        for (String command : List.of("check", "plan", "eval")) {
            assertThat(cli.run(command, "--format", "sarif")).as(command).isEqualTo(2);
            assertThat(cli.err()).as(command).contains("Invalid value for option '--format': sarif is not a format of "
                    + "rolechain " + command + " (expected one of text, json)");
            cli.clear();
            assertThat(cli.run(command, "--help")).isZero();
            assertThat(cli.out()).contains("--format=text|json").doesNotContain("sarif");
            cli.clear();
        }
    }

    @Test
    void theRulesTableCoversEveryRule() {
        assertThat(Arrays.stream(Rule.values()).map(SarifReport::name).collect(Collectors.toSet())).hasSize(Rule.values().length);
    }
}
