package dev.rolechain.setup;

/** Settings of the generated GitHub Actions workflow. A null region means the tooling region. */
public record Workflow(
        String actionRef,
        String region,
        boolean sessionTagging,
        String roleSessionName,
        int durationSeconds) {

    public static final String DEFAULT_ACTION_REF = "aws-actions/configure-aws-credentials@v6";
    public static final String DEFAULT_ROLE_SESSION_NAME = "GitHubActions";
    public static final int DEFAULT_DURATION_SECONDS = 3600;

    public static Workflow defaults() {
        return new Workflow(DEFAULT_ACTION_REF, null, true, DEFAULT_ROLE_SESSION_NAME, DEFAULT_DURATION_SECONDS);
    }

    public String effectiveRegion(Tooling tooling) {
        return region != null ? region : tooling.region();
    }
}
