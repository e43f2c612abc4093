package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ExportedTerraform;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TerraformCli;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/** For the same Setup, rolechain apply against one moto and the exported Terraform against another leave identical IAM. */
class ApplyEquivalenceTest {
    @TempDir
    Path temp;

    @Test
    void applyAndTheExportedTerraformLeaveIdenticalIamState() throws Exception {
        TerraformCli terraform = TerraformCli.withAwsProvider();
        Services services = new Services();
        DesiredState state = services.planner().plan(Examples.load("three-targets"));
        try (MotoServer viaApply = MotoServer.start(); MotoServer viaTerraform = MotoServer.start()) {
            TestHome.awsConfig(viaApply.sharedConfig(Examples.THREE_TARGET_PROFILES));
            Cli cli = new Cli();
            assertThat(cli.run("apply", "--setup", Examples.path("three-targets").toString())).as(cli.err()).isZero();

            ExportedTerraform.export(services, state, viaTerraform, temp, terraform).initAndApply();

            for (IamAccount planned : state.accounts()) {
                assertThat(read(viaApply, planned)).as("account %s", planned.accountId())
                        .isEqualTo(read(viaTerraform, planned));
            }
        }
    }

    private static IamAccount read(MotoServer moto, IamAccount planned) {
        try (IamClient iam = moto.iam(planned.accountId())) {
            return new IamAccountReader(iam).read(planned.accountId(), planned.roles().stream().map(Role::name).toList())
                    .normalized();
        }
    }
}
