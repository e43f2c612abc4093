package dev.rolechain.plan;

import dev.rolechain.github.Issuer;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.setup.Setup;
import java.util.List;
import java.util.Optional;

/**
 * What a Setup asks for: per account the IAM state Rolechain manages, and the chains that connect
 * them. {@code providerArn} is the OIDC provider the OIDC roles trust; it is in the tooling account's
 * {@link IamAccount} only when Rolechain creates it ({@code createProvider}).
 */
public record DesiredState(
        Setup setup,
        String partition,
        Issuer issuer,
        String audience,
        boolean createProvider,
        String providerArn,
        String toolingAccountId,
        List<IamAccount> accounts,
        List<Chain> chains) {

    public DesiredState {
        accounts = List.copyOf(accounts);
        chains = List.copyOf(chains);
    }

    /**
     * The accounts apply, the live plan and the live check reach one by one: every planned account but the
     * placeholder of organization targets ({@link dev.rolechain.setup.Target#MEMBER_ACCOUNTS}), whose deploy roles
     * a StackSet puts in each member account.
     */
    public List<IamAccount> liveAccounts() {
        if (!setup.hasOrganizationTargets()) {
            return accounts;
        }
        return accounts.stream().filter(a -> !a.accountId().equals(dev.rolechain.setup.Target.MEMBER_ACCOUNTS)).toList();
    }

    /** The chains into the member accounts of OUs (StackSets). */
    public List<Chain> organizationChains() {
        return chains.stream().filter(Chain::organizational).toList();
    }

    public Optional<IamAccount> account(String accountId) {
        return accounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    /**
     * The AWS profile the Setup names for an account: the tooling profile for the tooling account,
     * else the first target's in that account; null for the default credential chain.
     */
    public String profileFor(String accountId) {
        if (accountId.equals(toolingAccountId) && setup.tooling().profile() != null) {
            return setup.tooling().profile();
        }
        return setup.targets().stream().filter(t -> t.accountId().equals(accountId) && t.profile() != null)
                .map(dev.rolechain.setup.Target::profile).findFirst().orElse(null);
    }

    /** Whether one OIDC role serves every target (the Setup's {@code oidcRoles: shared}). */
    public boolean sharedOidcRole() {
        return setup.tooling().oidcRoles() == dev.rolechain.setup.OidcRoles.SHARED;
    }

    public String owner() {
        return setup.github().owner();
    }

    /** The owner's and repositories' ids and sub forms, for what checks tokens (the chain check). */
    public dev.rolechain.github.Identities identities() {
        dev.rolechain.setup.GitHub g = setup.github();
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        java.util.Map<String, dev.rolechain.github.Identities.Form> forms = new java.util.HashMap<>();
        java.util.Map<String, dev.rolechain.github.SubTemplate> templates = new java.util.HashMap<>();
        g.repositories().forEach((name, r) -> {
            if (r.id() != null) {
                ids.put(name, r.id());
            }
            forms.put(name, form(g.formatOf(name)));
            if (r.subTemplate() != null) {
                templates.put(name, new dev.rolechain.github.SubTemplate(r.subTemplate()));
            }
        });
        return new dev.rolechain.github.Identities(g.owner(), g.ownerId(), form(g.subjectFormat()), ids, forms,
                g.subTemplate() == null ? null : new dev.rolechain.github.SubTemplate(g.subTemplate()), templates);
    }

    private static dev.rolechain.github.Identities.Form form(dev.rolechain.setup.SubjectFormat format) {
        return dev.rolechain.github.Identities.Form.valueOf(format.name());
    }

    public String roleSessionName() {
        return setup.workflow().roleSessionName();
    }

    /** The duration the workflow asks for the chained session. */
    public int chainedSessionSeconds() {
        return setup.workflow().durationSeconds();
    }

    public boolean sessionTagging() {
        return setup.workflow().sessionTagging();
    }

    public IamAccount tooling() {
        return account(toolingAccountId).orElseThrow();
    }
}
