package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code lint --workflow W --profile P…} checks a workflow against the trusts that exist in the accounts (moto): the
 * chained step's missing ExternalId and the session tags the deploy role's trust does not allow are found from the
 * roles read live, and a workflow that fits the trusts gets neither.
 */
class LintWorkflowOnMotoTest {
    static final String TOOLING = "111111111111";
    static final String TARGET = "222222222222";
    static final String GH = "token.actions.githubusercontent.com";
    static final String OIDC_ROLE = "arn:aws:iam::" + TOOLING + ":role/gha-app";
    static final String DEPLOY = "arn:aws:iam::" + TARGET + ":role/deploy";
    static final String TAGGED = "arn:aws:iam::" + TARGET + ":role/deploy-tagged";

    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        TestHome.awsConfig(moto.sharedConfig(Map.of("tooling", TOOLING, "target", TARGET)));
        try (IamClient iam = moto.iam(TOOLING)) {
            iam.createOpenIDConnectProvider(r -> r.url("https://" + GH).clientIDList("sts.amazonaws.com")
                    .thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"));
            iam.createRole(r -> r.roleName("gha-app").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":
                     "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
                     "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{
                     "token.actions.githubusercontent.com:aud":"sts.amazonaws.com",
                     "token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}}]}"""));
            iam.putRolePolicy(r -> r.roleName("gha-app").policyName("assume").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],
                     "Resource":"arn:aws:iam::222222222222:role/deploy*"}]}"""));
        }
        try (IamClient iam = moto.iam(TARGET)) {
            String assumeOnly = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":
                     "arn:aws:iam::111111111111:role/gha-app"},"Action":"sts:AssumeRole",
                     "Condition":{"StringEquals":{"sts:ExternalId":"acme-deploy-7f3a9c1e55"}}}]}""";
            iam.createRole(r -> r.roleName("deploy").assumeRolePolicyDocument(assumeOnly));
            iam.createRole(r -> r.roleName("deploy-tagged").assumeRolePolicyDocument(assumeOnly
                    .replace("\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]")));
        }
    }

    private Path workflow(String deployRole, String externalId) throws Exception {
        return Files.writeString(temp.resolve("deploy.yml"), """
                name: deploy
                on:
                  push:
                    branches: [main]
                permissions:
                  id-token: write
                  contents: read
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - name: OIDC role
                        uses: aws-actions/configure-aws-credentials@v6
                        with:
                          role-to-assume: %s
                          aws-region: eu-west-1
                      - name: Deploy role
                        uses: aws-actions/configure-aws-credentials@v6
                        with:
                          role-to-assume: %s
                          role-chaining: true
                          aws-region: eu-west-1%s
                """.formatted(OIDC_ROLE, deployRole, externalId == null ? "" : "\n          role-external-id: " + externalId));
    }

    private List<String> rules(Cli cli, Path workflow) throws Exception {
        int exit = cli.run("lint", "--workflow", workflow.toString(), "--profile", "tooling", "--profile", "target",
                "--format", "json");
        assertThat(exit).as(cli.err()).isIn(0, 1);
        List<String> rules = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(cli.out()).get("findings")) {
            rules.add(f.get("rule").asText() + " " + f.get("severity").asText());
        }
        return rules;
    }

    @Test
    void theChainIsCheckedAgainstTheRolesReadFromTheAccounts() throws Exception {
        Cli cli = new Cli();
        List<String> missing = rules(cli, workflow(DEPLOY, null));
        // the assume itself is denied without the ExternalId: that is what to fix first
        assertThat(missing).contains("RC303 error");

        cli = new Cli();
        List<String> untagged = rules(cli, workflow(DEPLOY, "acme-deploy-7f3a9c1e55"));
        assertThat(untagged).contains("RC204 error").noneMatch(r -> r.startsWith("RC303"));

        cli = new Cli();
        List<String> fits = rules(cli, workflow(TAGGED, "acme-deploy-7f3a9c1e55"));
        assertThat(fits).noneMatch(r -> r.startsWith("RC303") || r.startsWith("RC204") || r.startsWith("RC306"));
    }

    @Test
    void profilesWithoutAWorkflowAreRefused() {
        Cli cli = new Cli();
        assertThat(cli.run("lint", "--setup", "examples/article.json", "--profile", "tooling")).isEqualTo(2);
        assertThat(cli.err()).contains("--profile reads the roles a workflow assumes, so it needs --workflow");
    }
}
