package dev.rolechain.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the planned state of an account with what the account holds, resource by resource, on
 * normalised documents. What exists but is not planned is left alone: Rolechain never deletes, so
 * extra attachments, policies and tags are not changes.
 */
public final class Differ {
    private static final ObjectMapper JSON = new ObjectMapper();

    public List<Change> diff(IamAccount planned, IamAccount live) {
        List<Change> changes = new ArrayList<>();
        String account = planned.accountId();
        for (OidcProvider provider : planned.oidcProviders()) {
            String resource = "oidc-provider/" + provider.id();
            Optional<OidcProvider> existing = live.oidcProviders().stream()
                    .filter(p -> p.id().equals(provider.id())).findFirst();
            if (existing.isEmpty()) {
                changes.add(new Change(account, resource, Change.Action.CREATE, null));
            } else {
                String want = json(providerTree(provider, existing.get()));
                String have = json(providerTree(existing.get(), existing.get()));
                changes.add(want.equals(have) ? new Change(account, resource, Change.Action.NONE, null)
                        : new Change(account, resource, Change.Action.UPDATE, UnifiedDiff.of("live", have, "planned", want)));
            }
        }
        for (Role role : planned.roles()) {
            String resource = "role/" + role.name();
            Optional<Role> existing = live.role(role.name());
            if (existing.isEmpty()) {
                changes.add(new Change(account, resource, Change.Action.CREATE, null));
                role.inlinePolicies().keySet().forEach(name ->
                        changes.add(new Change(account, resource + "/policy/" + name, Change.Action.CREATE, null)));
                continue;
            }
            Role have = existing.get();
            String want = json(roleTree(role, have));
            String is = json(roleTree(have, have));
            changes.add(want.equals(is) ? new Change(account, resource, Change.Action.NONE, null)
                    : new Change(account, resource, Change.Action.UPDATE, UnifiedDiff.of("live", is, "planned", want)));
            for (Map.Entry<String, PolicyDocument> policy : role.inlinePolicies().entrySet()) {
                String policyResource = resource + "/policy/" + policy.getKey();
                PolicyDocument live2 = have.inlinePolicies().get(policy.getKey());
                if (live2 == null) {
                    changes.add(new Change(account, policyResource, Change.Action.CREATE, null));
                } else if (live2.normalized().equals(policy.getValue().normalized())) {
                    changes.add(new Change(account, policyResource, Change.Action.NONE, null));
                } else {
                    changes.add(new Change(account, policyResource, Change.Action.UPDATE, UnifiedDiff.of("live",
                            PolicyJson.print(live2.normalized()), "planned", PolicyJson.print(policy.getValue().normalized()))));
                }
            }
        }
        return changes;
    }

    /**
     * What Rolechain manages of a role. Attached policies and tags are compared as the planned ones
     * added to what exists (extras stay), so only missing ones show as changes.
     */
    private static ObjectNode roleTree(Role role, Role live) {
        ObjectNode node = JSON.createObjectNode();
        node.put("path", role.path());
        node.put("description", role.description());
        node.put("maxSessionDuration", role.maxSessionDuration());
        node.put("permissionsBoundaryArn", role.permissionsBoundaryArn());
        node.set("trustPolicy", PolicyJson.toTree(role.trustPolicy().normalized()));
        java.util.TreeSet<String> attached = new java.util.TreeSet<>(live.managedPolicyArns());
        attached.addAll(role.managedPolicyArns());
        attached.forEach(node.putArray("managedPolicyArns")::add);
        putTags(node, live.tags(), role.tags());
        return node;
    }

    /** Planned tags over the live ones: extra live tags stay, so only missing or different ones show. */
    private static void putTags(ObjectNode node, Map<String, String> live, Map<String, String> planned) {
        java.util.TreeMap<String, String> tags = new java.util.TreeMap<>(live);
        tags.putAll(planned);
        ObjectNode tagNode = node.putObject("tags");
        tags.forEach(tagNode::put);
    }

    private static ObjectNode providerTree(OidcProvider provider, OidcProvider live) {
        ObjectNode node = JSON.createObjectNode();
        java.util.TreeSet<String> clients = new java.util.TreeSet<>(live.clientIds());
        clients.addAll(provider.clientIds());
        clients.forEach(node.putArray("clientIds")::add);
        putTags(node, live.tags(), provider.tags());
        return node;
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writer(PolicyJson.prettyPrinter()).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
