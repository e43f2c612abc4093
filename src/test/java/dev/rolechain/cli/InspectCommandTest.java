package dev.rolechain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rolechain inspect} on the example dumps and on a Setup: formats, query, errors. */
class InspectCommandTest {
    static final String TOOLING = "examples/dumps/tooling-111111111111.json";
    static final String TARGET = "examples/dumps/target-222222222222.json";
    private final Cli cli = new Cli();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        assertThat(cli.run("inspect", "--dump", TOOLING, "--dump", TARGET)).isZero();
        JsonNode graph = json.readTree(cli.out());
        Set<String> ids = new HashSet<>();
        Set<String> kinds = Set.of("role", "oidc-provider", "saml-provider", "github-subject", "service", "account", "principal");
        for (JsonNode n : graph.get("nodes")) {
            assertThat(n.get("id").isTextual()).isTrue();
            assertThat(kinds).contains(n.get("kind").asText());
            assertThat(n.get("label").isTextual()).isTrue();
            assertThat(n.has("account")).isTrue();
            ids.add(n.get("id").asText());
        }
        assertThat(ids).contains("arn:aws:iam::222222222222:role/deploy");
        for (JsonNode e : graph.get("edges")) {
            assertThat(ids).contains(e.get("from").asText(), e.get("to").asText());
            assertThat(e.get("actions").isArray()).isTrue();
            assertThat(e.get("conditions").isObject()).isTrue();
        }
        for (JsonNode f : graph.get("findings")) {
            assertThat(f.get("rule").asText()).matches("RC\\d{3}");
            assertThat(ids).contains(f.get("node").asText());
            assertThat(f.get("severity").asText()).isIn("error", "warning", "info");
            assertThat(f.get("message").asText()).isNotEmpty();
        }
        assertThat(graph.get("risky").size()).isPositive();
    }

    @Test
    void aQueryPrintsWhatIsReachedWithEachPath() throws Exception {
        assertThat(cli.run("inspect", "--dump", TOOLING, "--dump", TARGET, "--query",
                "arn:aws:iam::222222222222:role/prod-admin")).isZero();
        JsonNode answer = json.readTree(cli.out());
        assertThat(answer.get("direction").asText()).isEqualTo("reached-by");
        List<String> path = new ArrayList<>();
        for (JsonNode r : answer.get("reached")) {
            if (r.get("node").asText().equals("arn:aws:iam::111111111111:role/gha-oidc")) {
                r.get("paths").get(0).forEach(id -> path.add(id.asText()));
            }
        }
        assertThat(path).containsExactly("arn:aws:iam::111111111111:role/gha-oidc", "arn:aws:iam::111111111111:role/hop",
                "arn:aws:iam::222222222222:role/prod-admin");
    }

    @Test
    void dotAndMermaidHighlightTheQuerysPaths(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("trust.dot");
        assertThat(cli.run("inspect", "--dump", TOOLING, "--dump", TARGET, "--format", "dot", "--out", dot.toString(),
                "--query", "repo:myorg/app:ref:refs/heads/main")).isZero();
        String text = Files.readString(dot);
        assertThat(text).startsWith("digraph trust {").endsWith("}\n").contains("rankdir=LR");
        assertThat(text).contains("\"arn:aws:iam::222222222222:role/prod-admin\" [label=\"prod-admin\\n222222222222\", shape=box, "
                + "color=red, style=\"filled,bold\"");
        assertThat(text).contains("\"arn:aws:iam::111111111111:role/hop\" -> \"arn:aws:iam::222222222222:role/prod-admin\" "
                + "[label=\"AssumeRole [MultiFactorAuthPresent, ExternalId]\", penwidth=2.5];");
        cli.clear();
        assertThat(cli.run("inspect", "--dump", TOOLING, "--dump", TARGET, "--format", "mermaid")).isZero();
        assertThat(cli.out()).startsWith("flowchart LR\n").contains("[\"prod-admin (222222222222)\"]")
                .contains("|\"AssumeRole [ExternalId]\"|").contains(" production\n");
    }

    @Test
    void aSetupsPlannedStateCanBeInspected() throws Exception {
        assertThat(cli.run("inspect", "--setup", "examples/three-targets.json")).isZero();
        JsonNode graph = json.readTree(cli.out());
        List<String> kinds = new ArrayList<>();
        graph.get("nodes").forEach(n -> kinds.add(n.get("kind").asText()));
        assertThat(kinds).contains("role", "oidc-provider", "github-subject");
        assertThat(graph.get("edges").size()).isGreaterThan(3);
    }

    @Test
    void badInputIsRefusedWithWhatIsAllowed(@TempDir Path dir) throws Exception {
        assertThat(cli.run("inspect")).isEqualTo(2);
        assertThat(cli.err()).contains("inspect needs a source: --profile PROFILE, --dump FILE, --setup FILE or "
                + "--organization PROFILE");
        cli.clear();
        assertThat(cli.run("inspect", "--dump", TOOLING, "--threads", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("--threads 0: allowed are 1–64");
        cli.clear();
        assertThat(cli.run("inspect", "--organization", "x", "--access-role", "no spaces")).isEqualTo(2);
        assertThat(cli.err()).contains("--access-role \"no spaces\" is not an IAM role name");
        cli.clear();
        assertThat(cli.run("inspect", "--dump", TOOLING, "--format", "svg")).isEqualTo(2);
        assertThat(cli.err()).contains("--format svg: allowed are json, dot, mermaid");
        cli.clear();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n\"RoleDetailList\": [\n {\"RoleName\": \"x\"}\n]}\n");
        Path out = dir.resolve("out.json");
        assertThat(cli.run("inspect", "--dump", bad.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(cli.err()).contains(bad + ": line 3: RoleDetailList[0] (x): Arn is missing");
        assertThat(out).doesNotExist();
        cli.clear();
        assertThat(cli.run("inspect", "--dump", TOOLING, "--dump", TOOLING)).isEqualTo(2);
        assertThat(cli.err()).contains("account 111111111111 comes from two sources");
        cli.clear();
        assertThat(cli.run("inspect", "--dump", TOOLING, "--production-account", "12345")).isEqualTo(2);
        assertThat(cli.err()).contains("\"12345\" is not an AWS account id");
    }
}
