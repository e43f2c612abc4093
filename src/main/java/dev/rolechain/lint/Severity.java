package dev.rolechain.lint;

/** How much a finding matters; any ERROR makes {@code rolechain lint} exit 1. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("info");

    private final String json;

    Severity(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }
}
