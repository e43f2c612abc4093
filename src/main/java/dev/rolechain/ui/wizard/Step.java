package dev.rolechain.ui.wizard;

import java.util.regex.Pattern;

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

    private static final Pattern TARGET_ACCOUNT_FIELD =
            Pattern.compile("targets\\[\\d+](?:\\.(?:name|accountId|profile|roleName|externalId|production))?");

    private final String titleKey;

    Step(String titleKey) {
        this.titleKey = titleKey;
    }

    public String titleKey() {
        return titleKey;
    }

    /** The page that edits the Setup field at {@code path} (a Setup validator path). */
    public static Step of(String path) {
        if (path.startsWith("github.") || path.startsWith("workflow.")) {
            return GITHUB;
        }
        if (path.startsWith("tooling.") || path.equals("targets") || TARGET_ACCOUNT_FIELD.matcher(path).matches()) {
            return ACCOUNTS;
        }
        if (path.startsWith("targets[")) {
            return ACCESS;
        }
        return REVIEW;
    }
}
