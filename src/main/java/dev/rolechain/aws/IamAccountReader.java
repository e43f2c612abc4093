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
        List<OidcProvider> providers = new ArrayList<>();
        for (OpenIDConnectProviderListEntry entry : iam.listOpenIDConnectProviders().openIDConnectProviderList()) {
            GetOpenIdConnectProviderResponse p = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(entry.arn()));
            String url = p.url().startsWith("https://") ? p.url() : "https://" + p.url();
            providers.add(new OidcProvider(url, p.clientIDList(), p.thumbprintList(), tags(p.tags())));
        }
        List<Role> roles = new ArrayList<>();
        for (String name : roleNames) {
            role(name).ifPresent(roles::add);
        }
        return new IamAccount(accountId, providers, roles);
    }

    public Optional<Role> role(String name) {
        software.amazon.awssdk.services.iam.model.Role role;
        try {
            role = iam.getRole(r -> r.roleName(name)).role();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
        Map<String, PolicyDocument> inline = new TreeMap<>();
        for (String policyName : iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames()) {
            String document = iam.getRolePolicy(r -> r.roleName(name).policyName(policyName)).policyDocument();
            inline.put(policyName, PolicyJson.parse(document));
        }
        List<String> attached = new ArrayList<>();
        for (AttachedPolicy policy : iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies()) {
            attached.add(policy.policyArn());
        }
        String boundary = role.permissionsBoundary() == null ? null : role.permissionsBoundary().permissionsBoundaryArn();
        return Optional.of(new Role(role.roleName(), role.path(), role.description(),
                PolicyJson.parse(role.assumeRolePolicyDocument()), inline, attached,
                role.maxSessionDuration() == null ? 3600 : role.maxSessionDuration(), boundary, tags(role.tags())));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }
}
