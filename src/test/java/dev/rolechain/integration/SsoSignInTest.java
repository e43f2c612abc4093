package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.AwsErrors;
import dev.rolechain.aws.SsoSignIn;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.SsoStub;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;

/** IAM Identity Center profiles: sign-in with the device flow against a local stub, then credentials through the portal stub. */
class SsoSignInTest {
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    private static void config(SsoStub stub) throws Exception {
        // The SDK's internal SSO client reads the default profile's endpoint settings: the stub goes there
        // (services section), and the SSO profile's own endpoint_url sends IAM and STS to moto.
        TestHome.awsConfig("""
                [default]
                region = us-east-1
                services = stubs

                [services stubs]
                sso =
                  endpoint_url = %1$s
                sso_oidc =
                  endpoint_url = %1$s

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access

                [profile corp-admin]
                sso_session = corp
                sso_account_id = 777777777777
                sso_role_name = Admin
                region = us-east-1
                endpoint_url = %2$s
                services = stubs
                """.formatted(stub.endpoint(), moto.endpoint()));
    }

    @Test
    void theDeviceFlowWritesTheCliCacheAndTheSdkThenReachesTheAccount() throws Exception {
        try (SsoStub stub = new SsoStub(1)) {
            config(stub);
            Files.deleteIfExists(SsoSignIn.cacheFile("corp"));
            stub.serve(moto.credentials("777777777777"));

            SdkException before = null;
            try (AccountSession session = AccountSession.open("corp-admin")) {
                session.identity();
            } catch (SdkException e) {
                before = e;
            }
            assertThat(before).as("no token yet").isNotNull();
            assertThat(AwsErrors.describe("corp-admin", before)).contains("rolechain login --profile corp-admin");

            Cli cli = new Cli();
            assertThat(cli.run("login", "--profile", "corp-admin", "--timeout", "30")).as(cli.err()).isZero();
            assertThat(cli.out()).contains("https://device.sso.example/?user_code=ABCD-EFGH", "ABCD-EFGH", "Signed in");
            assertThat(stub.requests()).containsSubsequence("POST /client/register", "POST /device_authorization",
                    "POST /token", "POST /token");

            Path cache = SsoSignIn.cacheFile("corp");
            // As the AWS CLI names it: the SHA-1 of the sso-session name ("corp").
            assertThat(cache).hasFileName("ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
            assertThat(cache.getParent().toString()).endsWith("target/test-home/.aws/sso/cache");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
            JsonNode token = new ObjectMapper().readTree(Files.readString(cache));
            assertThat(token.get("accessToken").asText()).isEqualTo(SsoStub.ACCESS_TOKEN);
            assertThat(token.get("startUrl").asText()).isEqualTo("https://corp.awsapps.com/start");
            assertThat(token.has("expiresAt") && token.has("clientId") && token.has("clientSecret")
                    && token.has("registrationExpiresAt") && token.has("refreshToken")).isTrue();

            try (AccountSession session = AccountSession.open("corp-admin")) {
                assertThat(session.identity().account()).isEqualTo("777777777777");
            }
            assertThat(stub.requests()).contains("GET /federation/credentials");
        }
    }

    @Test
    void anExpiredTokenGivesTheSignInMessage() throws Exception {
        try (SsoStub stub = new SsoStub(0)) {
            config(stub);
            stub.serve(moto.credentials("777777777777"));
            Path cache = SsoSignIn.cacheFile("corp");
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, "{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\","
                    + "\"accessToken\":\"" + SsoStub.ACCESS_TOKEN + "\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
            SdkException failure = null;
            try (AccountSession session = AccountSession.open("corp-admin")) {
                session.identity();
            } catch (SdkException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(AwsErrors.describe("corp-admin", failure))
                    .contains("IAM Identity Center session of profile corp-admin has expired", "rolechain login --profile corp-admin");
        }
    }
}
