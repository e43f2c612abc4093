package dev.rolechain.ui.wizard;

/** Where the GitHub tokens come from. */
public enum IssuerKind {
    GITHUB_COM, ENTERPRISE_CLOUD, ENTERPRISE_SERVER
}
