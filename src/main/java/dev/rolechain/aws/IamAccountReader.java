package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Reads the part of an account's IAM that Rolechain cares about into an {@link IamAccount}: its OIDC
 * providers and the named roles with their trust, inline and attached policies, session length,
 * permissions boundary and tags. Read-only; roles that do not exist are left out.
 */
public final class IamAccountReader {
    private final IamClient iam;

    public IamAccountReader(IamClient iam) {
        this.iam = iam;
    }

    public IamAccount read(String accountId, Collection<String> roleNames) {
        return readLive(accountId, roleNames).account();
    }

    /** The same, with the text of each role's documents. */
    public LiveAccount readLive(String accountId, Collection<String> roleNames) {
        // the providers and each role are read together; the roles are kept in the order of their names
        List<OidcProvider> providers = new ArrayList<>();
        Map<String, LiveRole> found = new java.util.concurrent.ConcurrentHashMap<>();
        List<Runnable> reads = new ArrayList<>();
        reads.add(() -> providers.addAll(providers()));
        roleNames.forEach(name -> reads.add(() -> live(name).ifPresent(r -> found.put(name, r))));
        Parallel.run(reads, "read account " + accountId);
        Map<String, LiveRole> live = new LinkedHashMap<>();
        roleNames.stream().filter(found::containsKey).forEach(name -> live.put(name, found.get(name)));
        return new LiveAccount(new IamAccount(accountId, providers, live.values().stream().map(LiveRole::role).toList()),
                live);
    }

    /** The account's OIDC providers. */
    public List<OidcProvider> providers() {
        List<OidcProvider> providers = new ArrayList<>();
        for (OpenIDConnectProviderListEntry entry : iam.listOpenIDConnectProviders().openIDConnectProviderList()) {
            GetOpenIdConnectProviderResponse p = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(entry.arn()));
            String url = p.url().startsWith("https://") ? p.url() : "https://" + p.url();
            providers.add(new OidcProvider(url, p.clientIDList(), p.thumbprintList(), tags(p.tags())));
        }
        return providers;
    }

    public Optional<Role> role(String name) {
        return live(name).map(LiveRole::role);
    }

    /** The role with the text of its documents, or empty when it does not exist. */
    public Optional<LiveRole> live(String name) {
        software.amazon.awssdk.services.iam.model.Role role;
        try {
            role = iam.getRole(r -> r.roleName(name)).role();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
        Map<String, PolicyDocument> inline = new TreeMap<>();
        Map<String, String> inlineJson = new TreeMap<>();
        for (String policyName : iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames()) {
            String document = PolicyJson.decode(iam.getRolePolicy(r -> r.roleName(name).policyName(policyName)).policyDocument());
            inline.put(policyName, PolicyJson.parse(document));
            inlineJson.put(policyName, document);
        }
        List<String> attached = new ArrayList<>();
        for (AttachedPolicy policy : iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies()) {
            attached.add(policy.policyArn());
        }
        String boundary = role.permissionsBoundary() == null ? null : role.permissionsBoundary().permissionsBoundaryArn();
        String description = role.description() == null || role.description().isEmpty() ? null : role.description();
        String trust = PolicyJson.decode(role.assumeRolePolicyDocument());
        return Optional.of(new LiveRole(new Role(role.roleName(), role.path(), description, PolicyJson.parse(trust), inline,
                attached, role.maxSessionDuration() == null ? 3600 : role.maxSessionDuration(), boundary,
                tags(role.tags())), trust, inlineJson));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
