package dev.rolechain.setup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target and its deploy role: one account ({@code accountId}, with its {@code profile}), or every member
 * account of some organizational units, now and later ({@code organizationalUnitIds}, in {@code regions};
 * deployed through a service-managed CloudFormation StackSet, decision 0011). An organization target's
 * {@code accountId} is {@link #MEMBER_ACCOUNTS}, a placeholder that stands for "each member account" in the
 * plan, lint and the chain check and never reaches AWS or an exported file as an account.
 * {@code inlinePolicies} maps a policy name to its document as JSON text. {@code acceptRisk} maps the id of a
 * lint rule about risky production access (RC104, RC107, RC108, RC403) to the reason the risk is accepted for
 * this target (JSON {@code "acceptRisk"}).
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
        Map<String, String> acceptRisk,
        List<String> organizationalUnitIds,
        List<String> regions) {

    /** The account id an organization target's deploy role is planned in: "each member account". */
    public static final String MEMBER_ACCOUNTS = "000000000000";

    public Target {
        subjects = List.copyOf(subjects);
        managedPolicyArns = List.copyOf(managedPolicyArns);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
        acceptRisk = acceptRisk == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(acceptRisk));
        organizationalUnitIds = organizationalUnitIds == null ? List.of() : List.copyOf(organizationalUnitIds);
        regions = regions == null ? List.of() : List.copyOf(regions);
        if (!organizationalUnitIds.isEmpty() && accountId == null) {
            accountId = MEMBER_ACCOUNTS;
        }
    }

    /** A target of one account. */
    public Target(String name, String accountId, String profile, String roleName, String externalId, boolean production,
            List<Subject> subjects, List<String> managedPolicyArns, Map<String, String> inlinePolicies,
            int maxSessionSeconds, String permissionsBoundaryArn, Map<String, String> acceptRisk) {
        this(name, accountId, profile, roleName, externalId, production, subjects, managedPolicyArns, inlinePolicies,
                maxSessionSeconds, permissionsBoundaryArn, acceptRisk, List.of(), List.of());
    }

    /** A target of one account that accepts no risk. */
    public Target(String name, String accountId, String profile, String roleName, String externalId, boolean production,
            List<Subject> subjects, List<String> managedPolicyArns, Map<String, String> inlinePolicies,
            int maxSessionSeconds, String permissionsBoundaryArn) {
        this(name, accountId, profile, roleName, externalId, production, subjects, managedPolicyArns, inlinePolicies,
                maxSessionSeconds, permissionsBoundaryArn, Map.of());
    }

    /** Whether this target is every member account of organizational units (a StackSet), not one account. */
    public boolean organizational() {
        return !organizationalUnitIds.isEmpty();
    }

    /** The regions the StackSet's instances go to: the Setup's, or the tooling region. */
    public List<String> effectiveRegions(Tooling tooling) {
        return regions.isEmpty() ? List.of(tooling.region()) : regions;
    }
}
