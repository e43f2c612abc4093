package dev.rolechain.iam;

/** The outcome of evaluating a request, in AWS's terms. */
public enum Decision {
    ALLOW("allow"),
    IMPLICIT_DENY("implicit-deny"),
    EXPLICIT_DENY("explicit-deny");

    private final String json;

    Decision(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
