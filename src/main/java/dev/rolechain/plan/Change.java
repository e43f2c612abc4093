package dev.rolechain.plan;

import java.util.List;

/**
 * One planned change in one account: the resource ({@code oidc-provider/…}, {@code role/NAME},
 * {@code role/NAME/policy/POLICY}), whether it is created, updated or already as planned, for an
 * update a unified diff of the normalised JSON, live first, and notes: what of others' the change
 * keeps and why it needs consent.
 */
public record Change(String account, String resource, Action action, String diff, List<String> notes) {

    public Change {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Change(String account, String resource, Action action, String diff) {
        this(account, resource, action, diff, List.of());
    }

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
