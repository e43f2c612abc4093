package dev.rolechain.ui.wizard;

/**
 * The wizard's pages in order: editing, review, export, then applying live and verifying. The
 * inspect view will open from Start.
 */
public enum Step {
    START("step.start"),
    GITHUB("step.github"),
    ACCOUNTS("step.accounts"),
    ACCESS("step.access"),
    REVIEW("step.review"),
    EXPORT("step.export"),
    APPLY("step.apply"),
    VERIFY("step.verify");

    /** The fields of a target that the Accounts page edits; the rest of a target is on Access. */
    private static final java.util.Set<String> ACCOUNT_FIELDS = java.util.Set.of("name", "accountId", "profile", "roleName",
            "externalId", "production");

    private final String titleKey;

    Step(String titleKey) {
        this.titleKey = titleKey;
    }

    public String titleKey() {
        return titleKey;
    }

    /** The page that edits the Setup field at {@code path} (a Setup validator path). */
    public static Step of(String path) {
        dev.rolechain.setup.FieldPath p = dev.rolechain.setup.FieldPath.parse(path);
        switch (p.head()) {
            case "github", "workflow" -> {
                return p.size() > 1 ? GITHUB : REVIEW;
            }
            case "tooling" -> {
                return p.size() > 1 ? ACCOUNTS : REVIEW;
            }
            case "targets" -> {
                if (p.size() == 1 || p.targetIndex().isPresent() && (p.size() == 2
                        || p.size() == 3 && p.lastName().filter(ACCOUNT_FIELDS::contains).isPresent())) {
                    return ACCOUNTS;
                }
                return p.targetIndex().isPresent() ? ACCESS : REVIEW;
            }
            default -> {
                return REVIEW;
            }
        }
    }
}
