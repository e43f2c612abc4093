package dev.rolechain.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Signs in to IAM Identity Center with the device authorization flow (RegisterClient,
 * StartDeviceAuthorization, then CreateToken polled until the user approves) and writes the token
 * where and as the AWS CLI does: {@code ~/.aws/sso/cache/<sha1 of the sso-session name>.json}, mode
 * 0600, so the CLI and the SDK use it. Rolechain keeps nothing else.
 */
public final class SsoSignIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the user must do: open the URL and check the code. */
    public record DeviceCode(String userCode, String verificationUri, String verificationUriComplete) {
    }

    /** An sso-session as the shared config describes it. */
    public record Session(String name, String startUrl, String region, List<String> scopes) {
    }

    /** The sso-session of a profile, or empty when the profile does not use IAM Identity Center with one. */
    public static Optional<Session> sessionOf(String profileName) {
        ProfileFile file = ProfileFile.defaultProfileFile();
        Optional<Profile> profile = file.profile(profileName);
        if (profile.isEmpty()) {
            throw new IllegalArgumentException("no profile " + profileName + " in the AWS config");
        }
        Optional<String> sessionName = profile.get().property("sso_session");
        if (sessionName.isEmpty()) {
            return Optional.empty();
        }
        Profile session = file.getSection("sso-session", sessionName.get()).orElseThrow(() ->
                new IllegalArgumentException("profile " + profileName + " names sso-session " + sessionName.get()
                        + ", which the AWS config does not define"));
        List<String> scopes = session.property("sso_registration_scopes")
                .map(s -> List.of(s.split("\\s*,\\s*"))).orElse(List.of());
        return Optional.of(new Session(sessionName.get(), required(session, sessionName.get(), "sso_start_url",
                "the portal URL, e.g. https://my-company.awsapps.com/start"),
                required(session, sessionName.get(), "sso_region", "the region of IAM Identity Center, e.g. eu-west-1"),
                scopes));
    }

    private static String required(Profile session, String name, String key, String what) {
        return session.property(key).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "[sso-session " + name + "] in the AWS config (~/.aws/config) has no " + key + "; add " + key + " = "
                        + what + " (aws configure sso-session writes it)"));
    }

    /** Where the AWS CLI caches the token of an sso-session. */
    public static Path cacheFile(String sessionName) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(sessionName.getBytes(StandardCharsets.UTF_8));
            String home = System.getenv("HOME") != null ? System.getenv("HOME") : System.getProperty("user.home");
            return Path.of(home, ".aws", "sso", "cache", HexFormat.of().formatHex(sha1) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the device flow for the profile's sso-session. {@code show} is told the code to confirm and
     * the URL to open; polling waits as the service asks. Returns the cache file written.
     */
    public Path signIn(String profileName, Consumer<DeviceCode> show, Duration timeout) throws IOException, InterruptedException {
        Session session = sessionOf(profileName).orElseThrow(() -> new IllegalArgumentException("profile " + profileName
                + " has no sso-session; sign-in is for IAM Identity Center profiles"));
        try (SsoOidcClient oidc = SsoOidcClient.builder().region(Region.of(session.region()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().defaultProfileName(profileName).build())
                .build()) {
            RegisterClientResponse client = oidc.registerClient(r -> r.clientName("rolechain").clientType("public")
                    .scopes(session.scopes().isEmpty() ? null : session.scopes()));
            StartDeviceAuthorizationResponse device = oidc.startDeviceAuthorization(r -> r.clientId(client.clientId())
                    .clientSecret(client.clientSecret()).startUrl(session.startUrl()));
            show.accept(new DeviceCode(device.userCode(), device.verificationUri(), device.verificationUriComplete()));
            long interval = Math.max(1, device.interval() == null ? 5 : device.interval());
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                try {
                    CreateTokenResponse token = oidc.createToken(r -> r.clientId(client.clientId())
                            .clientSecret(client.clientSecret()).deviceCode(device.deviceCode())
                            .grantType("urn:ietf:params:oauth:grant-type:device_code"));
                    return writeCache(session, client, token);
                } catch (AuthorizationPendingException e) {
                    // the user has not approved yet
                } catch (SlowDownException e) {
                    interval += 5;
                }
                if (Instant.now().plusSeconds(interval).isAfter(deadline)) {
                    throw new IOException("sign-in was not approved within " + timeout.toSeconds() + " s; start it again");
                }
                Thread.sleep(interval * 1000);
            }
        }
    }

    private static Path writeCache(Session session, RegisterClientResponse client, CreateTokenResponse token)
            throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("startUrl", session.startUrl());
        node.put("region", session.region());
        node.put("accessToken", token.accessToken());
        node.put("expiresAt", Instant.now().plusSeconds(token.expiresIn()).truncatedTo(ChronoUnit.SECONDS).toString());
        node.put("clientId", client.clientId());
        node.put("clientSecret", client.clientSecret());
        node.put("registrationExpiresAt", Instant.ofEpochSecond(client.clientSecretExpiresAt()).toString());
        if (token.refreshToken() != null) {
            node.put("refreshToken", token.refreshToken());
        }
        Path file = cacheFile(session.name());
        Files.createDirectories(file.getParent());
        PrivateFiles.replace(file, node.toString());
        return file;
    }
}
