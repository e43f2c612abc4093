package dev.rolechain.iam;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The IAM state of one account that Rolechain cares about: its OIDC providers and roles. The same
 * type holds state planned from a Setup, read from AWS, or loaded from a dump.
 */
public record IamAccount(String accountId, List<OidcProvider> oidcProviders, List<Role> roles) {

    public IamAccount {
        oidcProviders = List.copyOf(oidcProviders);
        roles = List.copyOf(roles);
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Providers by URL and roles by name, every document normalised. */
    public IamAccount normalized() {
        return new IamAccount(accountId,
                oidcProviders.stream().map(OidcProvider::normalized).sorted(Comparator.comparing(OidcProvider::url)).toList(),
                roles.stream().map(Role::normalized).sorted(Comparator.comparing(Role::name)).toList());
    }
}
