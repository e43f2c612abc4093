package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.setup.Tooling;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ExportedTerraform;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The exported Terraform, run for real: fmt, init (provider from the local mirror), validate, apply
 * against moto's IAM and STS with one profile per account; the IAM state read back through the SDK
 * equals the planned IamAccounts, and a second plan shows no changes.
 */
class TerraformOnMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private static TerraformCli terraform;
    private static final Services SERVICES = new Services();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        terraform = TerraformCli.withAwsProvider();
    }

    @BeforeEach
    void resetAccounts() throws Exception {
        moto.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"article", "three-targets"})
    void exportedTerraformCreatesExactlyThePlannedStateAndReplansClean(String example) throws Exception {
        applyAndCompare(Examples.load(example), List.of());
    }

    @Test
    void anExistingProviderIsReusedAsADataSource() throws Exception {
        Setup base = Examples.load("three-targets");
        Tooling t = base.tooling();
        Setup setup = new Setup(base.github(), new Tooling(t.accountId(), t.region(), t.profile(), false,
                t.oidcRoleName(), t.oidcRoles(), t.maxSessionSeconds()), base.targets(), base.workflow());
        OidcProvider existing = new OidcProvider("https://token.actions.githubusercontent.com",
                List.of("sts.amazonaws.com"), List.of(), Map.of("owner", "platform-team"));
        try (IamClient iam = moto.iam(t.accountId())) {
            iam.createOpenIDConnectProvider(r -> r.url(existing.url()).clientIDList(existing.clientIds())
                    .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("owner").value("platform-team").build()));
        }
        // The provider is neither planned nor changed: it reads back exactly as it was made.
        Path dir = applyAndCompare(setup, List.of(existing));
        assertThat(Files.readString(dir.resolve("terraform/tooling.tf")))
                .contains("data \"aws_iam_openid_connect_provider\" \"github\"")
                .doesNotContain("resource \"aws_iam_openid_connect_provider\"");
    }

    /** Exports, applies and compares; {@code existing} are the tooling account's providers made before. */
    private Path applyAndCompare(Setup setup, List<OidcProvider> existing) throws Exception {
        // Export through the CLI path, from a saved Setup file.
        Path setupFile = temp.resolve("setup.json");
        Files.writeString(setupFile, SetupJson.write(setup));
        DesiredState state = SERVICES.planner().plan(SERVICES.loader().load(setupFile));
        ExportedTerraform tf = ExportedTerraform.export(SERVICES, state, moto, temp, terraform);

        expectSuccess(tf.run("fmt", "-check", "-recursive", "-diff"), "terraform fmt -check");
        expectSuccess(tf.run("init", "-input=false", "-no-color"), "terraform init");
        expectSuccess(tf.run("validate", "-no-color"), "terraform validate");
        expectSuccess(tf.run("apply", "-auto-approve", "-input=false", "-no-color"), "terraform apply");

        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                IamAccount read = new IamAccountReader(iam).read(planned.accountId(),
                        planned.roles().stream().map(Role::name).toList());
                IamAccount expected = planned;
                if (planned.accountId().equals(state.toolingAccountId())) {
                    List<OidcProvider> providers = new ArrayList<>(planned.oidcProviders());
                    providers.addAll(existing);
                    expected = new IamAccount(planned.accountId(), providers, planned.roles());
                }
                assertThat(read.normalized()).as("IAM state of account %s", planned.accountId())
                        .isEqualTo(expected.normalized());
            }
        }

        Processes.Result plan = tf.run("plan", "-detailed-exitcode", "-input=false", "-no-color");
        assertThat(plan.exitCode()).as("second plan (0 = no changes)\n" + plan.both()).isZero();
        assertThat(plan.stdout()).contains("No changes");
        return tf.exportFolder();
    }

    private static void expectSuccess(Processes.Result result, String what) {
        assertThat(result.exitCode()).as(what + " failed:\n" + result.both()).isZero();
    }
}
