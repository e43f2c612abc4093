package dev.rolechain.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A real moto server (IAM and STS) on a free loopback port, with AWS's managed policies loaded. STS
 * AssumeRole into a role ARN of another account gives credentials that act in that account.
 *
 * <p>A test class registers one with {@code @RegisterExtension static final MotoServer moto =
 * MotoServer.perTestClass();}: it starts before the class's {@code @BeforeAll} methods and stops after
 * its tests. {@link #start()} starts one at once, for a test that wants its own.
 */
public final class MotoServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";

    private Process process;
    private int port;
    private Path log;

    private MotoServer() {
    }

    /** A server that starts before a test class and stops after it (a JUnit extension). */
    public static MotoServer perTestClass() {
        return new MotoServer();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            close();
        }
    }

    public static boolean available() {
        return ExternalTools.runs(List.of("python3", "-c", "import moto.server, flask"));
    }

    /** Starts moto, or skips (fails in CI) when it is not installed. */
    public static MotoServer start() throws IOException, InterruptedException {
        MotoServer server = new MotoServer();
        server.launch();
        return server;
    }

    /**
     * Starts moto without AWS's managed policies (each account's GetAccountAuthorizationDetails then lists only its
     * own policies, as a real account's does for the policies it uses), for benchmarks of many accounts.
     */
    public static MotoServer startWithoutManagedPolicies() throws IOException, InterruptedException {
        MotoServer server = new MotoServer();
        server.managedPolicies = false;
        server.launch();
        return server;
    }

    private boolean managedPolicies = true;

    private void launch() throws IOException, InterruptedException {
        ExternalTools.require("moto", available(), "python3 -m moto.server; install moto[server] or Debian's python3-moto");
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        log = Files.createTempFile("moto", ".log");
        ProcessBuilder builder = new ProcessBuilder("python3", launcher().toString(), "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", String.valueOf(managedPolicies));
        builder.environment().put("MOTO_RECORDER_FILEPATH", Files.createTempFile("moto-recording", ".jsonl").toString());
        process = builder.start();
        awaitReady(Duration.ofSeconds(90));
    }

    /**
     * moto's server started through {@code moto/moto_server.py}, which fills moto 5.2.1's one gap the tests meet:
     * CreateStackInstances' AccountFilterType, honoured as AWS documents it.
     */
    private static Path launcher() throws IOException {
        try {
            return Path.of(MotoServer.class.getResource("/moto/moto_server.py").toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IOException("moto/moto_server.py is not on the test classpath", e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("moto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("moto did not answer within " + timeout + ": " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets every account's state. */
    public void reset() throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Starts moto's recorder afresh: from now on every request is recorded. */
    public void startRecording() throws IOException, InterruptedException {
        post("/moto-api/recorder/reset-recording");
        post("/moto-api/recorder/start-recording");
    }

    /**
     * Stops the recorder and returns the API actions it recorded (IAM and STS use the query protocol:
     * the action is in the form body), in order.
     */
    public List<String> stopRecording() throws IOException, InterruptedException {
        List<String> actions = new java.util.ArrayList<>();
        for (String body : stopRecordingBodies()) {
            for (String pair : body.split("&")) {
                if (pair.startsWith("Action=")) {
                    actions.add(java.net.URLDecoder.decode(pair.substring(7), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return actions;
    }

    /** Stops the recorder and returns the bodies of the requests it recorded, decoded, in order. */
    public List<String> stopRecordingBodies() throws IOException, InterruptedException {
        post("/moto-api/recorder/stop-recording");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoint() + "/moto-api/recorder/download-recording")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> actions = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode entry = json.readTree(line);
            String body = entry.path("body").asText("");
            if (entry.path("body_encoded").asBoolean()) {
                body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            }
            actions.add(body);
        }
        return actions;
    }

    /** Whether an IAM or STS action writes (everything but Get…, List…, Simulate… and STS's sign-ins). */
    public static boolean writes(String action) {
        return !(action.startsWith("Get") || action.startsWith("List") || action.startsWith("Simulate")
                || action.startsWith("AssumeRole"));
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("moto " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Credentials that act in the given account (moto scopes accounts by STS AssumeRole). */
    public Credentials credentials(String accountId) {
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            return sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId + ":role/rolechain-test")
                    .roleSessionName("rolechain-test")).credentials();
        }
    }

    /** An IAM client acting in the given account (through STS AssumeRole, as moto scopes accounts). */
    public IamClient iam(String accountId) {
        Credentials c = credentials(accountId);
        return IamClient.builder().endpointOverride(URI.create(endpoint())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                .build();
    }

    /** A shared-config profile section that acts in the account through this server. */
    public String profile(String name, String accountId) {
        return "[profile " + name + "]\n"
                + "source_profile = rolechain-test-base\n"
                + "role_arn = arn:aws:iam::" + accountId + ":role/rolechain-test\n"
                + "region = us-east-1\n\n";
    }

    /** The base profile the account profiles start from. */
    public String baseProfile() {
        return "[profile rolechain-test-base]\naws_access_key_id = " + ACCESS_KEY + "\naws_secret_access_key = "
                + SECRET_KEY + "\nregion = us-east-1\n\n";
    }

    /**
     * A shared AWS config where every profile reaches this server through {@code endpoint_url}: a
     * default section, a base profile with static test keys, and one assume-role profile per account.
     */
    public String sharedConfig(java.util.Map<String, String> accountByProfile) {
        String endpoint = "endpoint_url = " + endpoint() + "\n";
        StringBuilder config = new StringBuilder("[default]\nregion = us-east-1\n" + endpoint + "\n");
        config.append(baseProfile().replace("region = us-east-1\n", "region = us-east-1\n" + endpoint));
        accountByProfile.forEach((name, account) -> config.append(profile(name, account)
                .replace("region = us-east-1\n", "region = us-east-1\n" + endpoint)));
        return config.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
