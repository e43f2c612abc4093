package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Planner;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.SetupArbitraries;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Properties of the export for generated valid Setups. */
class ExportProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Services SERVICES = new Services();
    private static TerraformCli terraform;

    @BeforeContainer
    static void terraform() throws Exception {
        terraform = TerraformCli.plain();
    }

    @Provide
    Arbitrary<Setup> validSetups() {
        return SetupArbitraries.setups();
    }

    private static DesiredState plan(Setup setup) {
        Assume.that(SERVICES.validator().validate(setup).isEmpty());
        return new Planner().plan(setup);
    }

    @Property(tries = 200)
    void everyJsonDocumentParsesAsIamJsonAndEqualsThePlan(@ForAll("validSetups") Setup setup) {
        DesiredState state = plan(setup);
        Map<String, PolicyDocument> planned = new LinkedHashMap<>();
        for (IamAccount account : state.accounts()) {
            for (Role role : account.roles()) {
                // a target of OUs plans its deploy role once, for every member account
                String folder = setup.hasOrganizationTargets() && account.accountId().equals(Target.MEMBER_ACCOUNTS)
                        ? "member-accounts" : account.accountId();
                String dir = "policies/" + folder + "/" + role.name() + "/";
                planned.put(dir + "trust.json", role.trustPolicy());
                role.inlinePolicies().forEach((name, doc) -> planned.put(dir + "inline-" + name + ".json", doc));
            }
        }
        List<Artifact> json = new Renderer().render(state).stream().filter(a -> a.path().endsWith(".json")).toList();
        assertThat(json).extracting(Artifact::path).containsExactlyInAnyOrderElementsOf(planned.keySet());
        for (Artifact artifact : json) {
            PolicyDocument parsed = PolicyJson.parse(artifact.content());
            assertThat(parsed).as(artifact.path()).isEqualTo(planned.get(artifact.path()));
            assertThat(PolicyJson.print(parsed)).isEqualTo(artifact.content());
        }
    }

    @Property(tries = 40)
    void terraformIsAsTerraformFmtLeavesIt(@ForAll("validSetups") Setup setup) throws Exception {
        DesiredState state = plan(setup);
        String hcl = new Renderer().terraform(state).stream().map(Artifact::content).collect(Collectors.joining("\n"));
        Processes.Result fmt = terraform.runWithInput(null, Map.of(), hcl, "fmt", "-no-color", "-");
        assertThat(fmt.exitCode()).as(fmt.stderr()).isZero();
        if (!fmt.stdout().equals(hcl)) {
            Files.writeString(Path.of("target/fmt-expected.tf"), fmt.stdout());
            Files.writeString(Path.of("target/fmt-actual.tf"), hcl);
        }
        assertThat(fmt.stdout()).as("terraform fmt changes the HCL; diff target/fmt-expected.tf target/fmt-actual.tf")
                .isEqualTo(hcl);
    }

    @Provide
    Arbitrary<Setup> adversarialSetups() {
        return SetupArbitraries.adversarialSetups();
    }

    @Property(tries = 100)
    void theWorkflowOfAdversarialSetupsParsesToTheSameValues(@ForAll("adversarialSetups") Setup setup) {
        theWorkflowParsesAndHoldsTheChainForEveryTarget(setup);
    }

    @Property(tries = 200)
    @SuppressWarnings("unchecked")
    void theWorkflowParsesAndHoldsTheChainForEveryTarget(@ForAll("validSetups") Setup setup) {
        DesiredState state = plan(setup);
        String yaml = new Renderer().workflow(state);
        Map<String, Object> doc = new Yaml(new LoaderOptions()).load(yaml);
        assertThat((Map<String, Object>) doc.get("permissions")).containsEntry("id-token", "write")
                .containsEntry("contents", "read");
        Map<Object, Object> on = (Map<Object, Object>) doc.get(Boolean.TRUE) != null
                ? (Map<Object, Object>) doc.get(Boolean.TRUE) : (Map<Object, Object>) doc.get("on");
        assertThat(on).containsKey("workflow_dispatch");
        List<String> branches = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        setup.targets().forEach(t -> t.subjects().forEach(s -> {
            if (s.kind() instanceof Subject.Branch b && !branches.contains(Escape.githubFilter(b.pattern()))) {
                branches.add(Escape.githubFilter(b.pattern()));
            } else if (s.kind() instanceof Subject.Tag tag && !tags.contains(Escape.githubFilter(tag.pattern()))) {
                tags.add(Escape.githubFilter(tag.pattern()));
            }
        }));
        if (!branches.isEmpty() || !tags.isEmpty()) {
            Map<String, Object> push = (Map<String, Object>) on.get("push");
            assertThat(push.get("branches")).isEqualTo(branches.isEmpty() ? null : branches);
            assertThat(push.get("tags")).isEqualTo(tags.isEmpty() ? null : tags);
        }
        Map<String, Object> jobs = (Map<String, Object>) doc.get("jobs");
        assertThat(jobs).hasSize(state.chains().size());
        for (Chain chain : state.chains()) {
            Map<String, Object> job = (Map<String, Object>) jobs.get("deploy-" + chain.target().name());
            List<String> environments = chain.target().subjects().stream()
                    .filter(s -> s.kind() instanceof Subject.Environment)
                    .map(s -> ((Subject.Environment) s.kind()).name()).distinct().toList();
            if (environments.size() == 1) {
                assertThat(job.get("environment")).isEqualTo(environments.get(0));
            } else if (environments.size() > 1) {
                Map<String, Object> matrix = (Map<String, Object>) ((Map<String, Object>) job.get("strategy")).get("matrix");
                assertThat(matrix.get("environment")).isEqualTo(environments);
            } else {
                assertThat(job).doesNotContainKey("environment");
            }
            java.util.Set<String> repositories = new java.util.LinkedHashSet<>();
            chain.target().subjects().forEach(s -> repositories.add(s.repository()));
            if (!repositories.contains("*")) {
                // a copy of the workflow in another repository of the owner does not run the job
                for (String r : repositories) {
                    assertThat((String) job.get("if")).contains("github.repository == '" + setup.github().owner() + "/" + r + "'");
                }
            }
            List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
            Map<String, Object> first = (Map<String, Object>) steps.get(0).get("with");
            Map<String, Object> second = (Map<String, Object>) steps.get(1).get("with");
            assertThat(steps.get(0).get("uses")).isEqualTo(setup.workflow().actionRef());
            assertThat(steps.get(1).get("uses")).isEqualTo(setup.workflow().actionRef());
            assertThat(first.get("role-to-assume")).isEqualTo(chain.oidcRoleArn());
            assertThat(second.get("role-to-assume")).isEqualTo(deployRoleArn(chain));
            if (chain.target().organizational()) {
                // one job per member account, the accounts read from the repository variable of the target
                Map<String, Object> matrix = (Map<String, Object>) ((Map<String, Object>) job.get("strategy")).get("matrix");
                assertThat(String.valueOf(matrix.get("account"))).contains("vars.ROLECHAIN_ACCOUNTS_");
            }
            assertThat(second.get("role-chaining")).isEqualTo(true);
            assertThat(second.get("role-external-id")).isEqualTo(chain.target().externalId());
            assertThat(second.get("role-duration-seconds")).isEqualTo(setup.workflow().durationSeconds());
            assertThat(first.get("aws-region")).isEqualTo(setup.tooling().region());
        }
    }

    /** The deploy role's ARN as the workflow names it: a target of OUs names it in the matrix's account. */
    static String deployRoleArn(Chain chain) {
        return chain.target().organizational()
                ? chain.deployRoleArn().replace(":" + Target.MEMBER_ACCOUNTS + ":", ":${{ matrix.account }}:")
                : chain.deployRoleArn();
    }

    @Provide
    Arbitrary<List<String>> awkwardStrings() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(16)
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        Arbitrary<String> awkward = Arbitraries.of("${var.x}", "%{ if true }x%{ endif }", "$${", "\"", "\\", "\\n",
                "line\nbreak", "\r\n", "\t", "ü€", "'", "#", "//", "/*", "$", "%", "{}", "\u0001", "\u007f");
        return Arbitraries.oneOf(any, awkward, Combinators2.concat(awkward, any)).list().ofMinSize(1).ofMaxSize(12);
    }

    /**
     * HCL strings and jsonencode'd policies, evaluated by terraform itself, give back the exact values
     * (in Unicode NFC, the form Terraform keeps every string in; the Setup reader reads strings in NFC).
     */
    @Property(tries = 8)
    void userValuesSurviveHclEscapingAsTerraformReadsThem(@ForAll("awkwardStrings") List<String> values)
            throws Exception {
        Path dir = Files.createTempDirectory("hcl");
        StringBuilder tf = new StringBuilder();
        List<JsonNode> documents = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            tf.append("output \"s").append(i).append("\" {\n  value = ").append(Escape.hcl(values.get(i))).append("\n}\n\n");
            JsonNode document = PolicyJson.toTree(PolicyJson.parse(JSON.createObjectNode()
                    .put("Version", "2012-10-17")
                    .set("Statement", JSON.createArrayNode().add(JSON.createObjectNode()
                            .put("Sid", "S" + i).put("Effect", "Allow").put("Action", "s3:GetObject")
                            .put("Resource", "arn:aws:s3:::b/" + values.get(i))
                            .set("Condition", JSON.createObjectNode().set("StringLike",
                                    JSON.createObjectNode().put(values.get(i).isEmpty() ? "k" : "key:" + values.get(i),
                                            values.get(i))))))));
            documents.add(document);
            tf.append("output \"p").append(i).append("\" {\n  value = jsonencode(").append(Hcl.expression(document, 1))
                    .append(")\n}\n\n");
        }
        Files.writeString(dir.resolve("main.tf"), tf);
        Processes.Result init = terraform.run(dir, Map.of(), "init", "-input=false", "-no-color");
        assertThat(init.exitCode()).as(init.both()).isZero();
        Processes.Result apply = terraform.run(dir, Map.of(), "apply", "-auto-approve", "-input=false", "-no-color");
        assertThat(apply.exitCode()).as(apply.both() + "\n" + tf).isZero();
        Processes.Result output = terraform.run(dir, Map.of(), "output", "-json");
        JsonNode outputs = JSON.readTree(output.stdout());
        for (int i = 0; i < values.size(); i++) {
            assertThat(outputs.get("s" + i).get("value").asText()).isEqualTo(nfc(values.get(i)));
            assertThat(JSON.readTree(outputs.get("p" + i).get("value").asText()))
                    .isEqualTo(JSON.readTree(nfc(documents.get(i).toString())));
        }
    }

    private static String nfc(String value) {
        return java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
    }

    /** A small helper: one arbitrary string followed by another. */
    private static final class Combinators2 {
        static Arbitrary<String> concat(Arbitrary<String> a, Arbitrary<String> b) {
            return net.jqwik.api.Combinators.combine(a, b).as(String::concat);
        }
    }
}
