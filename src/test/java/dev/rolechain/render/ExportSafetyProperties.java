package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.FileTree;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.SetupArbitraries;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid Setups with names that meet once made identifiers and values that HCL, YAML and JSON treat
 * specially export files that Terraform accepts and that say what the plan says; invalid Setups export
 * nothing and name the field.
 */
class ExportSafetyProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Services SERVICES = new Services();
    private static TerraformCli terraform;
    private static TerraformCli plain;

    @BeforeContainer
    static void terraform() throws Exception {
        terraform = TerraformCli.withAwsProvider();
        plain = TerraformCli.plain();
    }

    @Provide
    Arbitrary<Setup> adversarial() {
        return SetupArbitraries.adversarialSetups();
    }

    private static DesiredState plan(Setup setup) {
        Assume.that(SERVICES.validator().validate(setup).isEmpty());
        return SERVICES.planner().plan(setup);
    }

    @Property(tries = 150)
    void everyValidSetupExportsDistinctFilesAndTerraformNames(@ForAll("adversarial") Setup setup) throws Exception {
        DesiredState state = plan(setup);
        List<Artifact> artifacts = SERVICES.renderer().render(state);
        Path out = Files.createTempDirectory("export").resolve("out");
        SERVICES.exportWriter().write(artifacts, out, false);
        Map<String, String> files = FileTree.read(out);
        assertThat(files).hasSize(artifacts.size() + 1);
        for (Artifact a : artifacts) {
            assertThat(files.get(a.path())).as(a.path()).isEqualTo(a.content());
        }
        String hcl = artifacts.stream().filter(a -> a.path().endsWith(".tf")).map(Artifact::content)
                .reduce("", String::concat);
        for (String kind : List.of("variable", "resource \"aws_iam_role\"", "resource \"aws_iam_role_policy\"",
                "resource \"aws_iam_role_policy_attachment\"")) {
            List<String> names = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(kind)
                    + " \"([^\"]+)\"").matcher(hcl);
            while (m.find()) {
                names.add(m.group(1));
            }
            assertThat(names).as(kind).doesNotHaveDuplicates();
        }
    }

    /**
     * A sample, run through terraform: fmt -check and validate pass, and every jsonencode(…) in the
     * Terraform evaluates to one of the policies/*.json documents (and each document is there).
     */
    @Property(tries = 4)
    void terraformAcceptsTheExportAndItsPoliciesAreThePlainJsonFiles(@ForAll("adversarial") Setup setup)
            throws Exception {
        DesiredState state = plan(setup);
        Path out = Files.createTempDirectory("export").resolve("out");
        List<Artifact> artifacts = SERVICES.renderer().render(state);
        SERVICES.exportWriter().write(artifacts, out, false);
        Path tf = out.resolve("terraform");
        expect(terraform.run(tf, Map.of(), "fmt", "-check", "-recursive", "-no-color"), "fmt -check");
        expect(terraform.run(tf, Map.of(), "init", "-input=false", "-no-color", "-backend=false"), "init");
        expect(terraform.run(tf, Map.of(), "validate", "-no-color"), "validate");

        List<String> expressions = new ArrayList<>();
        for (Artifact a : artifacts) {
            if (a.path().endsWith(".tf")) {
                expressions.addAll(jsonencodes(a.content()));
            }
        }
        Path scratch = Files.createTempDirectory("jsonencode");
        StringBuilder outputs = new StringBuilder();
        for (int i = 0; i < expressions.size(); i++) {
            outputs.append("output \"p").append(i).append("\" {\n  value = ").append(expressions.get(i)).append("\n}\n\n");
        }
        Files.writeString(scratch.resolve("main.tf"), outputs);
        expect(plain.run(scratch, Map.of(), "init", "-input=false", "-no-color"), "init (outputs)");
        expect(plain.run(scratch, Map.of(), "apply", "-auto-approve", "-input=false", "-no-color"), "apply (outputs)");
        JsonNode values = JSON.readTree(plain.run(scratch, Map.of(), "output", "-json").stdout());
        List<JsonNode> fromTerraform = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            fromTerraform.add(JSON.readTree(values.get("p" + i).get("value").asText()));
        }
        List<JsonNode> fromJson = new ArrayList<>();
        for (Artifact a : artifacts) {
            // a target of OUs: its deploy role's documents are in its CloudFormation template, not in Terraform
            if (a.path().startsWith("policies/") && !a.path().startsWith("policies/member-accounts/")) {
                fromJson.add(JSON.readTree(a.content()));
            }
        }
        assertThat(fromTerraform).containsExactlyInAnyOrderElementsOf(fromJson);
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> breakages() {
        return Arbitraries.of(
                Map.entry("targets[1].roleName", ".."), Map.entry("targets[0].accountId", "12"),
                Map.entry("targets[1].externalId", "x"), Map.entry("targets[0].name", "Bad_Name"),
                Map.entry("targets[1].profile", "two words"), Map.entry("targets[0].roleName", "a/b"),
                Map.entry("targets[1].acceptRisk.RC999", "why not"), Map.entry("tooling.region", "mars-1"));
    }

    @Property(tries = 40)
    void anInvalidSetupExportsNothingAndNamesTheField(@ForAll("adversarial") Setup setup,
            @ForAll("breakages") Map.Entry<String, String> breakage) throws Exception {
        Assume.that(SERVICES.validator().validate(setup).isEmpty());
        ObjectNode root = (ObjectNode) JSON.readTree(SetupJson.write(setup));
        String path = breakage.getKey();
        ObjectNode node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            if (part.endsWith("]")) {
                int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
                node = (ObjectNode) node.get(part.substring(0, part.indexOf('['))).get(index);
            } else {
                node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
            }
        }
        node.put(parts[parts.length - 1], breakage.getValue());
        Path dir = Files.createTempDirectory("invalid");
        Path file = Files.writeString(dir.resolve("setup.json"), root.toPrettyString());
        Path out = dir.resolve("out");
        Cli cli = new Cli();
        assertThat(cli.run("export", "--setup", file.toString(), "--out", out.toString())).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains(path + ": ");
        assertThat(out).doesNotExist();
    }

    /** Every {@code jsonencode(…)} expression of an HCL text, parentheses matched outside strings. */
    static List<String> jsonencodes(String hcl) {
        List<String> found = new ArrayList<>();
        int at = 0;
        while ((at = hcl.indexOf("jsonencode(", at)) >= 0) {
            int depth = 0;
            boolean string = false;
            int i = at + "jsonencode".length();
            for (; i < hcl.length(); i++) {
                char c = hcl.charAt(i);
                if (string) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        string = false;
                    }
                } else if (c == '"') {
                    string = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            found.add(hcl.substring(at, i + 1));
            at = i + 1;
        }
        return found;
    }

    private static void expect(Processes.Result result, String what) {
        assertThat(result.exitCode()).as("terraform " + what + ":\n" + result.both()).isZero();
    }
}
