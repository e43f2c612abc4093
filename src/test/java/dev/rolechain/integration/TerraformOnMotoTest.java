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
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.Processes;
import dev.rolechain.testsupport.TerraformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    private static MotoServer moto;
    private static TerraformCli terraform;
    private static final Services SERVICES = new Services();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        terraform = TerraformCli.withAwsProvider();
        moto = MotoServer.start();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
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
        Path out = temp.resolve("export");
        Setup loaded = SERVICES.loader().load(setupFile);
        DesiredState state = SERVICES.planner().plan(loaded);
        SERVICES.exportWriter().write(SERVICES.renderer().render(state), out, false);
        Path tf = out.resolve("terraform");

        // One profile per account, named as the Setup names them, or given with -var when it names none.
        StringBuilder config = new StringBuilder(moto.baseProfile());
        List<String> vars = new ArrayList<>();
        List<ProfileVariable> variables = new ArrayList<>();
        variables.add(new ProfileVariable("profile_tooling", setup.tooling().accountId(), setup.tooling().profile()));
        for (Target target : setup.targets()) {
            variables.add(new ProfileVariable("profile_" + target.name().replace('-', '_'), target.accountId(),
                    target.profile()));
        }
        for (ProfileVariable v : variables) {
            String name = v.profile() != null ? v.profile() : "acct-" + v.accountId() + "-" + v.variable();
            config.append(moto.profile(name, v.accountId()));
            if (v.profile() == null) {
                vars.add("-var");
                vars.add(v.variable() + "=" + name);
            }
        }
        Path awsConfig = temp.resolve("aws-config");
        Files.writeString(awsConfig, config);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-credentials").toString());
        env.put("AWS_ENDPOINT_URL_IAM", moto.endpoint());
        env.put("AWS_ENDPOINT_URL_STS", moto.endpoint());
        for (String inherited : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION")) {
            env.put(inherited, null);
        }

        expectSuccess(terraform.run(tf, env, "fmt", "-check", "-recursive", "-diff"), "terraform fmt -check");
        expectSuccess(terraform.run(tf, env, "init", "-input=false", "-no-color"), "terraform init");
        expectSuccess(terraform.run(tf, env, "validate", "-no-color"), "terraform validate");
        expectSuccess(terraform.run(tf, env, concat(List.of("apply", "-auto-approve", "-input=false", "-no-color"), vars)),
                "terraform apply");

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

        Processes.Result plan = terraform.run(tf, env,
                concat(List.of("plan", "-detailed-exitcode", "-input=false", "-no-color"), vars));
        assertThat(plan.exitCode()).as("second plan (0 = no changes)\n" + plan.both()).isZero();
        assertThat(plan.stdout()).contains("No changes");
        return out;
    }

    /** A Terraform profile variable, the account it must reach, and the Setup's profile (null: none). */
    private record ProfileVariable(String variable, String accountId, String profile) {
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    private static void expectSuccess(Processes.Result result, String what) {
        assertThat(result.exitCode()).as(what + " failed:\n" + result.both()).isZero();
    }
}
