package dev.rolechain.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AWS organization in moto, built through Organizations' own API (JSON protocol) as its management account
 * (moto's default account): OUs under the root and member accounts in them. Moto creates each member account
 * with an OrganizationAccountAccessRole that the management account may assume.
 */
public final class MotoOrganization {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String MANAGEMENT_ACCOUNT = "123456789012";

    private final MotoServer moto;
    public final String id;
    public final String rootId;
    /** OU name → OU id, in creation order. */
    public final Map<String, String> units = new LinkedHashMap<>();
    /** OU id → its accounts, in creation order. */
    public final Map<String, List<String>> accounts = new LinkedHashMap<>();

    private MotoOrganization(MotoServer moto, String id, String rootId) {
        this.moto = moto;
        this.id = id;
        this.rootId = rootId;
    }

    /** An organization with one OU per entry (name → number of accounts). */
    public static MotoOrganization create(MotoServer moto, Map<String, Integer> accountsPerUnit)
            throws IOException, InterruptedException {
        JsonNode org = call(moto, "CreateOrganization", JSON.createObjectNode().put("FeatureSet", "ALL"));
        String rootId = call(moto, "ListRoots", JSON.createObjectNode()).path("Roots").get(0).path("Id").asText();
        MotoOrganization o = new MotoOrganization(moto, org.path("Organization").path("Id").asText(), rootId);
        int n = 0;
        for (Map.Entry<String, Integer> unit : accountsPerUnit.entrySet()) {
            String ou = o.unit(unit.getKey(), rootId);
            for (int i = 0; i < unit.getValue(); i++) {
                o.account(unit.getKey() + "-" + (++n), ou);
            }
        }
        return o;
    }

    /** Creates an OU under a parent; returns its id. */
    public String unit(String name, String parent) throws IOException, InterruptedException {
        String ou = call(moto, "CreateOrganizationalUnit", JSON.createObjectNode().put("ParentId", parent).put("Name", name))
                .path("OrganizationalUnit").path("Id").asText();
        units.put(name, ou);
        accounts.put(ou, new ArrayList<>());
        return ou;
    }

    /** Creates a member account and moves it into the OU; returns its id. */
    public String account(String name, String ou) throws IOException, InterruptedException {
        String account = call(moto, "CreateAccount", JSON.createObjectNode().put("AccountName", name)
                .put("Email", name + "@example.com")).path("CreateAccountStatus").path("AccountId").asText();
        move(account, rootId, ou);
        return account;
    }

    public void move(String account, String from, String to) throws IOException, InterruptedException {
        call(moto, "MoveAccount", JSON.createObjectNode().put("AccountId", account).put("SourceParentId", from)
                .put("DestinationParentId", to));
        accounts.values().forEach(list -> list.remove(account));
        accounts.computeIfAbsent(to, k -> new ArrayList<>()).add(account);
    }

    private static JsonNode call(MotoServer moto, String action, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSOrganizationsV20161128." + action)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + MotoServer.ACCESS_KEY
                        + "/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("moto Organizations " + action + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
