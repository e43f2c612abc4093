package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target account and its deploy role. {@code inlinePolicies} maps a policy name to its document as
 * JSON text. {@code acceptRisk} maps the id of a lint rule about risky production access (RC104, RC107,
 * RC108, RC403) to the reason the risk is accepted for this target (JSON {@code "acceptRisk"}).
 */
public record Target(
        String name,
        String accountId,
        String profile,
        String roleName,
        String externalId,
        boolean production,
        List<Subject> subjects,
        List<String> managedPolicyArns,
        Map<String, String> inlinePolicies,
        int maxSessionSeconds,
        String permissionsBoundaryArn,
        Map<String, String> acceptRisk) {

    public Target {
        subjects = List.copyOf(subjects);
        managedPolicyArns = List.copyOf(managedPolicyArns);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
        acceptRisk = acceptRisk == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(acceptRisk));
    }

    /** A target that accepts no risk. */
    public Target(String name, String accountId, String profile, String roleName, String externalId, boolean production,
            List<Subject> subjects, List<String> managedPolicyArns, Map<String, String> inlinePolicies,
            int maxSessionSeconds, String permissionsBoundaryArn) {
        this(name, accountId, profile, roleName, externalId, production, subjects, managedPolicyArns, inlinePolicies,
                maxSessionSeconds, permissionsBoundaryArn, Map.of());
    }
}
