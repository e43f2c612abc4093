package dev.rolechain.plan;

import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A planned role merged into the role an account holds: what the role will be after apply, and what
 * of it belongs to others and is kept.
 *
 * <ul>
 *   <li>trust: Rolechain's statements replaced, every other statement kept in place ({@link TrustMerge});
 *   <li>inline policies: the ones the Setup names are written, others kept;
 *   <li>managed policies: the planned ones attached, none detached;
 *   <li>tags: Rolechain's keys on a role it manages; a role it did not create gets no tags of Rolechain;
 *   <li>permissions boundary: set only when the Setup names one (replacing another one needs consent);
 *   <li>description and maximum session: Rolechain's on a role it manages; on another's role the
 *       description stays and the maximum session is only raised to what the Setup needs.
 * </ul>
 *
 * {@code live} is null when the role does not exist: then the merged role is the planned one.
 */
public record RoleMerge(Role planned, Role live, Role merged) {

    public static RoleMerge of(Role planned, Role live) {
        if (live == null) {
            return new RoleMerge(planned, null, planned);
        }
        boolean managed = managed(live);
        Map<String, PolicyDocument> inline = new TreeMap<>(live.inlinePolicies());
        inline.putAll(planned.inlinePolicies());
        Set<String> attached = new LinkedHashSet<>(live.managedPolicyArns());
        attached.addAll(planned.managedPolicyArns());
        Map<String, String> tags = new LinkedHashMap<>(live.tags());
        if (managed) {
            tags.putAll(planned.tags());
        }
        Role merged = new Role(live.name(), live.path(),
                managed ? planned.description() : live.description(),
                TrustMerge.merge(live.trustPolicy(), planned.trustPolicy()),
                inline, new ArrayList<>(attached),
                managed ? planned.maxSessionDuration() : Math.max(live.maxSessionDuration(), planned.maxSessionDuration()),
                planned.permissionsBoundaryArn() != null ? planned.permissionsBoundaryArn() : live.permissionsBoundaryArn(),
                tags);
        return new RoleMerge(planned, live, merged);
    }

    /** A planned account as apply will leave it: each planned role merged into the live one (live may be null). */
    public static dev.rolechain.iam.IamAccount account(dev.rolechain.iam.IamAccount planned,
            dev.rolechain.iam.IamAccount live) {
        return new dev.rolechain.iam.IamAccount(planned.accountId(), planned.oidcProviders(), planned.roles().stream()
                .map(r -> of(r, live == null ? null : live.role(r.name()).orElse(null)).merged()).toList());
    }

    /**
     * An OIDC provider as apply will leave it: the planned audiences added to the live ones; Rolechain's
     * tags only on a provider it created (live null: the planned provider).
     */
    public static dev.rolechain.iam.OidcProvider provider(dev.rolechain.iam.OidcProvider planned,
            dev.rolechain.iam.OidcProvider live) {
        if (live == null) {
            return planned;
        }
        Set<String> clients = new LinkedHashSet<>(live.clientIds());
        clients.addAll(planned.clientIds());
        Map<String, String> tags = new LinkedHashMap<>(live.tags());
        if (Planner.MANAGED_BY_VALUE.equals(live.tags().get(Planner.MANAGED_BY_KEY))) {
            tags.putAll(planned.tags());
        }
        return new dev.rolechain.iam.OidcProvider(live.url(), new ArrayList<>(clients), live.thumbprints(), tags);
    }

    /** Whether Rolechain created the role (it carries Rolechain's managed-by tag). */
    public static boolean managed(Role role) {
        return Planner.MANAGED_BY_VALUE.equals(role.tags().get(Planner.MANAGED_BY_KEY));
    }

    public boolean creates() {
        return live == null;
    }

    /** Whether apply has anything to write for this role. */
    public boolean changes() {
        return live == null || !merged.normalized().equals(live.normalized());
    }

    public boolean trustChanges() {
        return live != null && !merged.trustPolicy().normalized().equals(live.trustPolicy().normalized());
    }

    /** Whether another permissions boundary than the planned one would be replaced. */
    public boolean replacesBoundary() {
        return live != null && live.permissionsBoundaryArn() != null
                && !Objects.equals(live.permissionsBoundaryArn(), merged.permissionsBoundaryArn());
    }

    /**
     * Why the change needs the user's consent (empty when it does not): an existing role that Rolechain
     * did not create, a trust policy that would change, another permissions boundary replaced.
     */
    public List<String> consentReasons() {
        List<String> reasons = new ArrayList<>();
        if (!changes() || live == null) {
            return reasons;
        }
        if (!managed(live)) {
            reasons.add("the role exists and was not created by Rolechain");
        }
        if (trustChanges()) {
            reasons.add("its trust policy changes");
        }
        if (replacesBoundary()) {
            reasons.add("its permissions boundary " + live.permissionsBoundaryArn() + " would be replaced by "
                    + merged.permissionsBoundaryArn());
        }
        return reasons;
    }

    /** The statements of others in the live trust, kept as they are. */
    public int keptStatements() {
        return live == null ? 0 : TrustMerge.foreignStatements(live.trustPolicy());
    }

    /** What of another's stays as it is, in words: for the plan, the consent dialog and the Apply page. */
    public List<String> kept() {
        List<String> kept = new ArrayList<>();
        if (live == null) {
            return kept;
        }
        int statements = keptStatements();
        if (statements > 0) {
            kept.add(statements + " trust statement" + (statements == 1 ? "" : "s") + " of others");
        }
        List<String> inline = live.inlinePolicies().keySet().stream()
                .filter(n -> !planned.inlinePolicies().containsKey(n)).toList();
        if (!inline.isEmpty()) {
            kept.add("inline polic" + (inline.size() == 1 ? "y " : "ies ") + String.join(", ", inline));
        }
        List<String> attached = live.managedPolicyArns().stream().filter(a -> !planned.managedPolicyArns().contains(a))
                .toList();
        if (!attached.isEmpty()) {
            kept.add("attached " + String.join(", ", attached));
        }
        List<String> tags = live.tags().keySet().stream().filter(k -> !planned.tags().containsKey(k)).toList();
        if (!tags.isEmpty()) {
            kept.add("tag" + (tags.size() == 1 ? " " : "s ") + String.join(", ", tags));
        }
        if (live.permissionsBoundaryArn() != null && planned.permissionsBoundaryArn() == null) {
            kept.add("permissions boundary " + live.permissionsBoundaryArn());
        }
        if (!managed(live) && !Objects.equals(live.description(), planned.description())) {
            kept.add("the description");
        }
        return kept;
    }
}
