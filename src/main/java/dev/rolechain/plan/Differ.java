package dev.rolechain.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.JsonTree;
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
 * normalised documents. A role is compared as it will be after apply ({@link RoleMerge}): what belongs
 * to others is kept, so it is never a change; Rolechain never deletes.
 */
public final class Differ {

    public List<Change> diff(IamAccount planned, IamAccount live) {
        List<Change> changes = new ArrayList<>();
        String account = planned.accountId();
        for (OidcProvider provider : planned.oidcProviders()) {
            String resource = Resource.oidcProvider(provider.id()).toString();
            Optional<OidcProvider> existing = live.oidcProviders().stream()
                    .filter(p -> p.id().equals(provider.id())).findFirst();
            if (existing.isEmpty()) {
                changes.add(new Change(account, resource, Change.Action.CREATE, null));
            } else {
                String want = json(providerTree(RoleMerge.provider(provider, existing.get())));
                String have = json(providerTree(existing.get()));
                changes.add(want.equals(have) ? new Change(account, resource, Change.Action.NONE, null)
                        : new Change(account, resource, Change.Action.UPDATE, UnifiedDiff.of("live", have, "planned", want)));
            }
        }
        for (Role role : planned.roles()) {
            changes.addAll(changes(account, RoleMerge.of(role, live.role(role.name()).orElse(null))));
        }
        return changes;
    }

    /**
     * The changes of one role: the role itself (its merged state against the live one, with what it
     * keeps of others' and why it needs consent) and each inline policy the Setup names.
     */
    public List<Change> changes(String account, RoleMerge merge) {
        List<Change> changes = new ArrayList<>();
        Role role = merge.planned();
        String resource = Resource.role(role.name()).toString();
        if (merge.creates()) {
            changes.add(new Change(account, resource, Change.Action.CREATE, null));
            role.inlinePolicies().keySet().forEach(name ->
                    changes.add(new Change(account, Resource.inlinePolicy(role.name(), name).toString(), Change.Action.CREATE, null)));
            role.managedPolicyArns().forEach(arn ->
                    changes.add(new Change(account, Resource.attachment(role.name(), arn).toString(), Change.Action.CREATE, null)));
            return changes;
        }
        Role have = merge.live();
        String want = json(roleTree(merge.merged()));
        String is = json(roleTree(have));
        List<String> notes = new ArrayList<>();
        merge.kept().forEach(k -> notes.add("keeps " + k));
        merge.consentReasons().forEach(r -> notes.add("needs consent: " + r));
        changes.add(want.equals(is) ? new Change(account, resource, Change.Action.NONE, null, notes)
                : new Change(account, resource, Change.Action.UPDATE, UnifiedDiff.of("live", is, "planned", want), notes));
        // each attachment is a call of its own (AttachRolePolicy): listed, so that the plan shows every call
        for (String arn : role.managedPolicyArns()) {
            changes.add(new Change(account, Resource.attachment(role.name(), arn).toString(), have.managedPolicyArns().contains(arn)
                    ? Change.Action.NONE : Change.Action.CREATE, null));
        }
        for (Map.Entry<String, PolicyDocument> policy : role.inlinePolicies().entrySet()) {
            String policyResource = Resource.inlinePolicy(role.name(), policy.getKey()).toString();
            PolicyDocument existing = have.inlinePolicies().get(policy.getKey());
            if (existing == null) {
                changes.add(new Change(account, policyResource, Change.Action.CREATE, null));
            } else if (existing.normalized().equals(policy.getValue().normalized())) {
                changes.add(new Change(account, policyResource, Change.Action.NONE, null));
            } else {
                changes.add(new Change(account, policyResource, Change.Action.UPDATE, UnifiedDiff.of("live",
                        PolicyJson.print(existing.normalized()), "planned", PolicyJson.print(policy.getValue().normalized()))));
            }
        }
        return changes;
    }

    /** A role's settings and trust, as the plan shows them (inline policies are changes of their own). */
    private static ObjectNode roleTree(Role role) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("path", role.path());
        node.put("description", role.description());
        node.put("maxSessionDuration", role.maxSessionDuration());
        node.put("permissionsBoundaryArn", role.permissionsBoundaryArn());
        node.set("trustPolicy", PolicyJson.toTree(role.trustPolicy().normalized()));
        new java.util.TreeSet<>(role.managedPolicyArns()).forEach(node.putArray("managedPolicyArns")::add);
        ObjectNode tags = node.putObject("tags");
        new java.util.TreeMap<>(role.tags()).forEach(tags::put);
        return node;
    }

    private static ObjectNode providerTree(OidcProvider provider) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new java.util.TreeSet<>(provider.clientIds()).forEach(node.putArray("clientIds")::add);
        ObjectNode tags = node.putObject("tags");
        new java.util.TreeMap<>(provider.tags()).forEach(tags::put);
        return node;
    }

    private static String json(ObjectNode node) {
        return JsonTree.writePretty(node, PolicyJson.prettyPrinter()) + "\n";
    }
}
