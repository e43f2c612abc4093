package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organization profile that cannot do its part: apply and inspect say so in one line and write nothing; the
 * Organizations endpoint is found in the profile's {@code services} section, as the SDK finds the others'.
 */
class OrganizationProfileProblemsOnMotoTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    @Test
    void aProfileOutsideAnyOrganizationStopsApplyBeforeAnyWriteAndInspectSaysWhy(@TempDir Path temp) throws Exception {
        moto.reset();
        // the organization profile reaches moto through a services section, not endpoint_url
        TestHome.awsConfig(moto.sharedConfig(Map.of("tooling", "111111111111")) + "[profile org-management]\n"
                + "aws_access_key_id = " + MotoServer.ACCESS_KEY + "\naws_secret_access_key = " + MotoServer.SECRET_KEY
                + "\nregion = us-east-1\nservices = local\n\n[services local]\norganizations =\n  endpoint_url = "
                + moto.endpoint() + "\ncloudformation =\n  endpoint_url = " + moto.endpoint() + "\nsts =\n  endpoint_url = "
                + moto.endpoint() + "\n");
        String json = Files.readString(Examples.path("organization"))
                .replace("\"oidcRoleName\": \"github-actions-oidc\"", "\"oidcRoleName\": \"github-actions-oidc\", \"profile\": \"tooling\"");
        int prod = json.indexOf(",\n    { \"name\": \"prod\"");
        Path setup = Files.writeString(temp.resolve("organization.json"), json.substring(0, prod) + "\n  ]\n}\n");

        moto.startRecording();
        Cli apply = new Cli();
        assertThat(apply.run("apply", "--setup", setup.toString())).isEqualTo(1);
        List<String> actions = moto.stopRecording();
        assertThat(apply.err()).contains("profile org-management (organizations.profile) cannot read the organization",
                "AWSOrganizationsNotInUseException", "management or a delegated administrator account")
                .doesNotContain("\tat ");
        assertThat(actions).filteredOn(a -> MotoServer.writes(a) && !a.startsWith("Describe")).isEmpty();

        Cli inspect = new Cli();
        assertThat(inspect.run("inspect", "--organization", "org-management")).isEqualTo(1);
        assertThat(inspect.err()).contains("--organization org-management: Organizations DescribeOrganization: "
                + "AWSOrganizationsNotInUseException").doesNotContain("\tat ");
    }
}
