package dev.rolechain.testsupport;

import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.aws.LiveRole;
import dev.rolechain.iam.OidcProvider;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What moto accounts hold, attribute by attribute: for each named role whether it exists and, if so,
 * its path, description, maximum session, boundary, tags, attached policies, and the text of its trust
 * and inline policies; and each account's OIDC providers. Two states are equal when every attribute is.
 */
public record IamState(Map<String, Optional<LiveRole>> roles, Map<String, List<OidcProvider>> providers) {

    /** Reads the roles named per account ({@code account → role names}) and every account's providers. */
    public static IamState read(MotoServer moto, Map<String, ? extends Collection<String>> rolesByAccount) {
        Map<String, IamClient> clients = new TreeMap<>();
        try {
            return read(account -> clients.computeIfAbsent(account, moto::iam), rolesByAccount);
        } finally {
            clients.values().forEach(IamClient::close);
        }
    }

    /** The same through the given clients (one per account, left open). */
    public static IamState read(java.util.function.Function<String, IamClient> clients,
            Map<String, ? extends Collection<String>> rolesByAccount) {
        Map<String, Optional<LiveRole>> roles = new TreeMap<>();
        Map<String, List<OidcProvider>> providers = new TreeMap<>();
        rolesByAccount.forEach((account, names) -> {
            IamAccountReader reader = new IamAccountReader(clients.apply(account));
            for (String name : names) {
                roles.put(account + " role/" + name, reader.live(name));
            }
            providers.put(account, reader.providers().stream().map(OidcProvider::normalized).toList());
        });
        return new IamState(roles, providers);
    }

    /** Removes the named roles (their policies first) and every OIDC provider: the accounts as a test found them. */
    public static void clear(java.util.function.Function<String, IamClient> clients,
            Map<String, ? extends Collection<String>> rolesByAccount) {
        rolesByAccount.forEach((account, names) -> {
            IamClient iam = clients.apply(account);
            for (String name : names) {
                new IamAccountReader(iam).live(name).ifPresent(r -> {
                    r.role().managedPolicyArns().forEach(arn -> iam.detachRolePolicy(q -> q.roleName(name).policyArn(arn)));
                    r.inlineJson().keySet().forEach(p -> iam.deleteRolePolicy(q -> q.roleName(name).policyName(p)));
                    iam.deleteRole(q -> q.roleName(name));
                });
            }
            iam.listOpenIDConnectProviders().openIDConnectProviderList().forEach(p ->
                    iam.deleteOpenIDConnectProvider(q -> q.openIDConnectProviderArn(p.arn())));
        });
    }

    public Optional<LiveRole> role(String account, String name) {
        return roles.getOrDefault(account + " role/" + name, Optional.empty());
    }
}
