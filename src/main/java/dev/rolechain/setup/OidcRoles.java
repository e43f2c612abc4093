package dev.rolechain.setup;

import java.util.Arrays;
import java.util.Optional;

/** How many OIDC roles the tooling account holds. */
public enum OidcRoles {
    /** One OIDC role per target, trusting only the subjects that target allows (the secure default). */
    PER_TARGET("per-target"),
    /** One OIDC role trusting the union of all subjects: the article's pattern. */
    SHARED("shared");

    private final String json;

    OidcRoles(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<OidcRoles> fromJson(String value) {
        return Arrays.stream(values()).filter(v -> v.json.equals(value)).findFirst();
    }
}
