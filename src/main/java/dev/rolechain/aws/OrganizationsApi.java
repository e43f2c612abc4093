package dev.rolechain.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The read-only AWS Organizations calls Rolechain makes (the organization, the OU tree, the accounts), under one
 * profile of the user's shared config. The SDK's Organizations client is not among Rolechain's dependencies, so
 * this speaks the service's JSON protocol itself, signed with the SDK's SigV4 signer and the profile's
 * credentials; the endpoint is found as the SDK finds one ({@code AWS_ENDPOINT_URL_ORGANIZATIONS}, the profile's
 * {@code services} section, {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url}), else AWS's global one.
 */
public final class OrganizationsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final String SIGNING_REGION = "us-east-1";

    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final HttpClient http;

    OrganizationsApi(AwsCredentialsProvider credentials, URI endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The client for a profile (null: the default credential chain). */
    public static OrganizationsApi forProfile(String profile) {
        return new OrganizationsApi(AccountSession.credentials(profile), endpoint(profile));
    }

    /** Where Organizations calls go for a profile. */
    static URI endpoint(String profile) {
        if (!"true".equalsIgnoreCase(System.getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            String service = System.getenv("AWS_ENDPOINT_URL_ORGANIZATIONS");
            if (service != null && !service.isBlank()) {
                return URI.create(service.strip());
            }
            ProfileFile file = ProfileFile.defaultProfileFile();
            String name = profile != null ? profile
                    : Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default");
            Optional<Profile> p = file.profile(name);
            Optional<String> services = p.flatMap(x -> x.property("services"));
            if (services.isPresent()) {
                Optional<String> fromSection = file.getSection("services", services.get())
                        .flatMap(s -> s.property("organizations.endpoint_url"));
                if (fromSection.isPresent()) {
                    return URI.create(fromSection.get().strip());
                }
            }
            String global = System.getenv("AWS_ENDPOINT_URL");
            if (global != null && !global.isBlank()) {
                return URI.create(global.strip());
            }
            Optional<String> own = p.flatMap(x -> x.property("endpoint_url"));
            if (own.isPresent()) {
                return URI.create(own.get().strip());
            }
        }
        return URI.create("https://organizations.us-east-1.amazonaws.com");
    }

    /** The organization the profile's account belongs to: its id and management account. */
    public record Organization(String id, String managementAccountId) {
    }

    /** An account of the organization. */
    public record Account(String id, String name, String status) {
    }

    /** An organizational unit. */
    public record Unit(String id, String name) {
    }

    public Organization describeOrganization() {
        JsonNode o = call("DescribeOrganization", JSON.createObjectNode()).path("Organization");
        return new Organization(o.path("Id").asText(), o.path("MasterAccountId").asText());
    }

    public List<Unit> roots() {
        List<Unit> roots = new ArrayList<>();
        paged("ListRoots", JSON.createObjectNode(), "Roots", n -> roots.add(new Unit(n.path("Id").asText(),
                n.path("Name").asText())));
        return roots;
    }

    /** The OUs directly under a root or OU. */
    public List<Unit> units(String parentId) {
        List<Unit> units = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode().put("ParentId", parentId);
        paged("ListOrganizationalUnitsForParent", request, "OrganizationalUnits", n -> units.add(
                new Unit(n.path("Id").asText(), n.path("Name").asText())));
        return units;
    }

    /** The accounts directly under a root or OU. */
    public List<Account> accounts(String parentId) {
        List<Account> accounts = new ArrayList<>();
        ObjectNode request = JSON.createObjectNode().put("ParentId", parentId);
        paged("ListAccountsForParent", request, "Accounts", n -> accounts.add(account(n)));
        return accounts;
    }

    /** The accounts in an OU and in every OU below it, depth first. */
    public List<Account> accountsBelow(String parentId) {
        List<Account> all = new ArrayList<>(accounts(parentId));
        for (Unit child : units(parentId)) {
            all.addAll(accountsBelow(child.id()));
        }
        return all;
    }

    /**
     * The organization path of an account as IAM gives it in {@code aws:ResourceOrgPaths}:
     * {@code o-…/r-…/ou-…/…/} (its OUs from the root down), found by ListParents up to the root.
     */
    public String pathOf(String organizationId, String accountId) {
        java.util.Deque<String> ids = new java.util.ArrayDeque<>();
        String child = accountId;
        for (int depth = 0; depth < 8; depth++) {
            JsonNode parent = call("ListParents", JSON.createObjectNode().put("ChildId", child)).path("Parents").path(0);
            String id = parent.path("Id").asText();
            ids.addFirst(id);
            if ("ROOT".equals(parent.path("Type").asText()) || id.startsWith("r-")) {
                break;
            }
            child = id;
        }
        return organizationId + "/" + String.join("/", ids) + "/";
    }

    private static Account account(JsonNode n) {
        return new Account(n.path("Id").asText(), n.path("Name").asText(), n.path("Status").asText());
    }

    private void paged(String action, ObjectNode request, String field, java.util.function.Consumer<JsonNode> each) {
        String token = null;
        do {
            ObjectNode page = request.deepCopy();
            if (token != null) {
                page.put("NextToken", token);
            }
            JsonNode response = call(action, page);
            response.path(field).forEach(each);
            token = response.hasNonNull("NextToken") ? response.get("NextToken").asText() : null;
        } while (token != null);
    }

    /** One call: throttling and 5xx retried with backoff, other errors thrown with AWS's code and message. */
    private JsonNode call(String action, ObjectNode body) {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                    .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", TARGET_PREFIX + action).build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                    .request(request).payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, SIGNING_REGION));
            HttpRequest.Builder builder = HttpRequest.newBuilder(signed.request().getUri())
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            signed.request().forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < 4) {
                    pause(attempt);
                    continue;
                }
                throw new OrganizationsException("Organizations " + action + " at " + endpoint + ": " + e.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrganizationsException("Organizations " + action + " interrupted", null);
            }
            JsonNode json;
            try (InputStream in = response.body()) {
                byte[] bytes = in.readAllBytes();
                json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                throw new OrganizationsException("Organizations " + action + ": unreadable answer: " + e.getMessage(), null);
            }
            if (response.statusCode() / 100 == 2) {
                return json;
            }
            String type = json.path("__type").asText(json.path("code").asText(""));
            String code = type.substring(type.lastIndexOf('#') + 1);
            String message = json.path("message").asText(json.path("Message").asText(""));
            boolean retry = response.statusCode() >= 500 || code.contains("Throttl") || code.equals("TooManyRequestsException");
            if (retry && attempt < 4) {
                pause(attempt);
                continue;
            }
            throw new OrganizationsException("Organizations " + action + ": " + code + " (HTTP " + response.statusCode()
                    + ")" + (message.isEmpty() ? "" : ": " + message), code);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An Organizations call that failed, with AWS's error code (null when it did not answer). */
    public static final class OrganizationsException extends RuntimeException {
        private final String code;

        OrganizationsException(String message, String code) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
