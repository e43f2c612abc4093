package dev.rolechain.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization as Inspect groups it: its OUs (each with its path of names from the root), which OU each
 * account is directly in, the accounts' names, and the accounts that could not be read (with why). Saved as
 * {@code organization.json} in a dump folder so that the organization reopens offline, grouped the same way.
 */
public record OrganizationMap(String id, String managementAccountId, List<Unit> units, Map<String, String> unitOfAccount,
        Map<String, String> accountNames, Map<String, String> refused) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file of a dump folder that holds the map. */
    public static final String FILE = "organization.json";

    /** An OU or the root: its id, name, and path of names from the root (e.g. {@code Root/workloads/team-a}). */
    public record Unit(String id, String name, String path) {
    }

    public OrganizationMap {
        units = List.copyOf(units);
        unitOfAccount = Collections.unmodifiableMap(new LinkedHashMap<>(unitOfAccount));
        accountNames = Collections.unmodifiableMap(new LinkedHashMap<>(accountNames));
        refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /** The accounts directly in a unit, in the order they were listed. */
    public List<String> accountsIn(String unitId) {
        List<String> accounts = new ArrayList<>();
        unitOfAccount.forEach((account, unit) -> {
            if (unit.equals(unitId)) {
                accounts.add(account);
            }
        });
        return accounts;
    }

    /** The path of the unit an account is in, or null for an account outside the map. */
    public String pathOf(String account) {
        String unit = unitOfAccount.get(account);
        return unit == null ? null : units.stream().filter(u -> u.id().equals(unit)).map(Unit::path).findFirst().orElse(null);
    }

    /** The map as JSON: the units, each with its accounts (id, name, read or refused and why). */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("managementAccountId", managementAccountId);
        ArrayNode list = root.putArray("units");
        for (Unit unit : units) {
            ObjectNode u = list.addObject().put("id", unit.id()).put("name", unit.name()).put("path", unit.path());
            ArrayNode accounts = u.putArray("accounts");
            for (String account : accountsIn(unit.id())) {
                ObjectNode a = accounts.addObject().put("id", account).put("name", accountNames.getOrDefault(account, ""));
                if (refused.containsKey(account)) {
                    a.put("read", false).put("reason", refused.get(account));
                } else {
                    a.put("read", true);
                }
            }
        }
        return root;
    }

    /** Reads what {@link #toJson()} wrote; {@code where} names the file in messages. */
    public static OrganizationMap fromJson(JsonNode root, String where) {
        if (!root.isObject() || !root.path("units").isArray()) {
            throw new DumpReader.DumpException(where + ": expected an object with \"units\" (as rolechain inspect "
                    + "--organization --save writes it)");
        }
        List<Unit> units = new ArrayList<>();
        Map<String, String> unitOf = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (JsonNode u : root.path("units")) {
            String unitId = u.path("id").asText();
            units.add(new Unit(unitId, u.path("name").asText(), u.path("path").asText()));
            for (JsonNode a : u.path("accounts")) {
                String account = a.path("id").asText();
                unitOf.put(account, unitId);
                names.put(account, a.path("name").asText(""));
                if (!a.path("read").asBoolean(true)) {
                    refused.put(account, a.path("reason").asText(""));
                }
            }
        }
        return new OrganizationMap(root.path("id").asText(null), root.path("managementAccountId").asText(null), units,
                unitOf, names, refused);
    }
}
