package dev.rolechain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.aws.DataFolder;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data training's live part: the stand-in answers apply and plan as IAM and STS would (apply creates
 * everything, plan and a second apply find nothing to do), and the training, whatever AWS settings its environment
 * holds, talks to no other endpoint and writes nothing in HOME.
 */
class CdsTrainingTest {
    @Test
    void applyAndPlanAgainstTheStandInCreateEverythingOnceAndThenFindNothingToDo(@TempDir Path work) throws Exception {
        String setup = Examples.path("three-targets").toAbsolutePath().toString();
        Map<String, String> profiles = Map.of("acme-tooling", "111111111111", "acme-dev", "333333333333",
                "acme-staging", "444444444444", "acme-prod", "555555555555");
        List<String> keys = List.of("aws.configFile", "aws.sharedCredentialsFile", DataFolder.PROPERTY);
        try (TrainingAws aws = TrainingAws.start()) {
            System.setProperty("aws.configFile", Files.writeString(work.resolve("config"), aws.sharedConfig(profiles)).toString());
            System.setProperty("aws.sharedCredentialsFile", Files.writeString(work.resolve("credentials"), "").toString());
            System.setProperty(DataFolder.PROPERTY, work.resolve("data").toString());
            Cli cli = new Cli();
            assertThat(cli.run("apply", "--setup", setup, "--yes")).as(cli.err()).isZero();
            assertThat(cli.out()).contains("create 111111111111 oidc-provider/token.actions.githubusercontent.com",
                    "create 333333333333 role/gha-deploy", "create 555555555555 role/gha-deploy/attached/");
            cli.clear();
            assertThat(cli.run("plan", "--setup", setup)).as(cli.err()).isZero();
            assertThat(cli.out()).contains("Nothing to change.");
            cli.clear();
            assertThat(cli.run("apply", "--setup", setup, "--yes")).as(cli.err()).isZero();
            assertThat(cli.out()).contains("no write calls made");
            // the journal went to the data folder the property names
            assertThat(work.resolve("data/journal.jsonl")).isRegularFile();
        } finally {
            keys.forEach(System::clearProperty);
        }
    }

    @Test
    void theTrainingTalksToNoOtherEndpointAndWritesNothingInHome(@TempDir Path home) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                while (!trap.isClosed()) {
                    try {
                        trap.accept().close();
                        calls.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            String elsewhere = "http://127.0.0.1:" + trap.getLocalPort();
            Path config = Files.writeString(home.resolve("elsewhere-config"), "[profile acme-dev]\nendpoint_url = " + elsewhere
                    + "\naws_access_key_id = x\naws_secret_access_key = y\nregion = us-east-1\n");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.rolechain.CdsTraining");
            builder.environment().putAll(Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", elsewhere,
                    "AWS_ENDPOINT_URL_IAM", elsewhere, "AWS_ENDPOINT_URL_STS", elsewhere, "AWS_CONFIG_FILE", config.toString(),
                    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_PROFILE", "acme-dev"));
            builder.environment().remove("XDG_DATA_HOME");
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            // every command trained, the live ones included: the training says which one failed otherwise
            assertThat(output).doesNotContain("class-data training");
            assertThat(calls).as("connections to the endpoint the environment names").hasValue(0);
            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(config);
            }
        }
    }
}
