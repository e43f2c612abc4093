package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target account and its deploy role. {@code inlinePolicies} maps a policy name to its document as
 * JSON text.
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
        String permissionsBoundaryArn) {

    public Target {
        subjects = List.copyOf(subjects);
        managedPolicyArns = List.copyOf(managedPolicyArns);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
    }
}
