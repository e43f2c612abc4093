package dev.rolechain.inspect;

import java.util.Locale;

/** What a node of the trust graph stands for; {@link #json()} is its name in the exports. */
public enum NodeKind {
    GITHUB_SUBJECT, OIDC_PROVIDER, SAML_PROVIDER, SERVICE, ACCOUNT, PRINCIPAL, ROLE;

    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
