package dev.rolechain.plan;

/**
 * One planned change in one account: the resource ({@code oidc-provider/…}, {@code role/NAME},
 * {@code role/NAME/policy/POLICY}), whether it is created, updated or already as planned, and for an
 * update a unified diff of the normalised JSON, live first.
 */
public record Change(String account, String resource, Action action, String diff) {

    /** What happens to a resource. Rolechain never deletes. */
    public enum Action {
        CREATE("create"), UPDATE("update"), NONE("none");

        private final String json;

        Action(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }
}
