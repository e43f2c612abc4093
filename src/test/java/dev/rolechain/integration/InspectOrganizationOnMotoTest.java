package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.MotoOrganization;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code rolechain inspect --organization} against moto: an organization with two OUs and five member accounts,
 * read through the management profile, every account read and grouped by OU; saved and reopened offline.
 */
class InspectOrganizationOnMotoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private static MotoOrganization org;

    @BeforeAll
    static void organization() throws Exception {
        moto.reset();
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("workloads", 3);
        units.put("sandbox", 2);
        org = MotoOrganization.create(moto, units);
        for (List<String> accounts : org.accounts.values()) {
            for (String account : accounts) {
                try (IamClient iam = moto.iam(account)) {
                    // each member account trusts the management account's admin role: a cross-account edge
                    iam.createRole(r -> r.roleName("marker-" + account).assumeRolePolicyDocument("{\"Version\":"
                            + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::" + MotoOrganization.MANAGEMENT_ACCOUNT + ":root\"},\"Action\":"
                            + "\"sts:AssumeRole\"}]}"));
                }
            }
        }
        TestHome.awsConfig(moto.sharedConfig(Map.of()) + "[profile org-management]\naws_access_key_id = "
                + MotoServer.ACCESS_KEY + "\naws_secret_access_key = " + MotoServer.SECRET_KEY
                + "\nregion = us-east-1\nendpoint_url = " + moto.endpoint() + "\n");
    }

    private static JsonNode inspect(String... args) throws Exception {
        Cli cli = new Cli();
        List<String> all = new ArrayList<>(List.of("inspect", "--format", "json"));
        all.addAll(List.of(args));
        int code = cli.run(all.toArray(String[]::new));
        assertThat(code).as(cli.err()).isZero();
        return JSON.readTree(cli.out());
    }

    private static Map<String, Set<String>> accountsByUnit(JsonNode result) {
        Map<String, Set<String>> byUnit = new LinkedHashMap<>();
        for (JsonNode unit : result.path("organization").path("units")) {
            Set<String> accounts = new TreeSet<>();
            unit.path("accounts").forEach(a -> {
                assertThat(a.path("read").asBoolean()).as(a.toString()).isTrue();
                accounts.add(a.path("id").asText());
            });
            byUnit.put(unit.path("path").asText(), accounts);
        }
        return byUnit;
    }

    @Test
    void everyAccountIsReadThroughTheManagementProfileAndGroupedByOu(@TempDir Path saved) throws Exception {
        JsonNode result = inspect("--organization", "org-management", "--save", saved.toString());
        Map<String, Set<String>> byUnit = accountsByUnit(result);
        assertThat(byUnit).containsOnlyKeys("Root", "Root/workloads", "Root/sandbox");
        assertThat(byUnit.get("Root/workloads")).containsExactlyInAnyOrderElementsOf(org.accounts.get(org.units.get("workloads")));
        assertThat(byUnit.get("Root/sandbox")).containsExactlyInAnyOrderElementsOf(org.accounts.get(org.units.get("sandbox")));
        assertThat(byUnit.get("Root")).containsExactly(MotoOrganization.MANAGEMENT_ACCOUNT);
        for (Map.Entry<String, List<String>> unit : org.accounts.entrySet()) {
            String path = "Root/" + org.units.entrySet().stream().filter(e -> e.getValue().equals(unit.getKey()))
                    .findFirst().orElseThrow().getKey();
            for (String account : unit.getValue()) {
                String id = "arn:aws:iam::" + account + ":role/marker-" + account;
                JsonNode node = node(result, id);
                assertThat(node).as(id).isNotNull();
                assertThat(node.path("unit").asText()).isEqualTo(path);
                assertThat(node.path("inspected").asBoolean()).isTrue();
            }
        }
        assertThat(result.path("edges").toString()).contains("\"to\":\"arn:aws:iam::" + org.accounts.values().iterator()
                .next().get(0) + ":role/marker-");

        JsonNode reopened = inspect("--dump", saved.toString());
        assertThat(accountsByUnit(reopened)).isEqualTo(byUnit);
        assertThat(ids(reopened)).isEqualTo(ids(result));
    }

    @Test
    void oneAtATimeReadsTheSameGraph() throws Exception {
        assertThat(ids(inspect("--organization", "org-management", "--threads", "1")))
                .isEqualTo(ids(inspect("--organization", "org-management", "--threads", "6")));
    }

    private static JsonNode node(JsonNode result, String id) {
        for (JsonNode n : result.path("nodes")) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        return null;
    }

    private static Set<String> ids(JsonNode result) {
        Set<String> ids = new TreeSet<>();
        result.path("nodes").forEach(n -> ids.add(n.path("id").asText() + " " + n.path("unit").asText()));
        result.path("edges").forEach(e -> ids.add(e.path("from").asText() + " -> " + e.path("to").asText()));
        return ids;
    }
}
