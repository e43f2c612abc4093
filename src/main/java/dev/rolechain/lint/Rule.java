package dev.rolechain.lint;

/** Every lint rule, with its stable id, default severity and fix. */
public enum Rule {
    RC101(Severity.ERROR, "Add aud and sub conditions: StringEquals on <issuer>:aud and StringEquals or StringLike on <issuer>:sub."),
    RC102(Severity.ERROR, "Add a condition on <issuer>:sub naming the repositories and refs or environments allowed."),
    RC103(Severity.ERROR, "Add StringEquals on <issuer>:aud with the configured audience (sts.amazonaws.com)."),
    RC104(Severity.ERROR, "Name the owner and one repository in every sub pattern: repo:OWNER/REPO:…; for production name each repository."),
    RC105(Severity.ERROR, "Use StringLike for patterns with * or ?, or remove the wildcard."),
    RC106(Severity.ERROR, "Use StringEquals or StringLike without ForAllValues/ForAnyValue on the single-valued sub and aud claims."),
    RC107(Severity.WARNING, "Deploy to production from a branch, tag or protected environment, not from pull requests."),
    RC201(Severity.WARNING, "Add StringEquals on sts:ExternalId, and pass role-external-id in the workflow."),
    RC202(Severity.WARNING, "Trust the calling role's ARN, not the whole account."),
    RC203(Severity.ERROR, "Name the principal that may assume the role; never \"*\"."),
    RC204(Severity.ERROR, "Allow sts:TagSession beside sts:AssumeRole, or set role-skip-session-tagging in the workflow."),
    RC205(Severity.ERROR, "Replace NotPrincipal with an explicit Principal."),
    RC206(Severity.ERROR, "Ask for at most 3600 seconds: role chaining caps a session at one hour."),
    RC301(Severity.ERROR, "Give the job permissions: id-token: write (and contents: read)."),
    RC302(Severity.ERROR, "Set role-chaining: true on the second configure-aws-credentials step."),
    RC303(Severity.ERROR, "Pass role-external-id with the ExternalId the target role's trust requires."),
    RC304(Severity.INFO, "Pin the action to a full commit SHA (uses: owner/repo@<40 hex> # vX)."),
    RC305(Severity.ERROR, "Set role-duration-seconds to at most 3600 on a chained step."),
    RC306(Severity.ERROR, "Make the job's environment or ref one that the OIDC role's sub condition admits."),
    RC401(Severity.ERROR, "Allow sts:AssumeRole (and sts:TagSession) on the target role in the OIDC role's identity policy."),
    RC402(Severity.WARNING, "Allow sts:AssumeRole only on the deploy role ARNs."),
    RC403(Severity.WARNING, "Use per-target OIDC roles (\"oidcRoles\": \"per-target\") so non-production subjects cannot reach production.");

    private final Severity severity;
    private final String fix;

    Rule(Severity severity, String fix) {
        this.severity = severity;
        this.fix = fix;
    }

    public Severity severity() {
        return severity;
    }

    public String fix() {
        return fix;
    }

    public Finding at(String location, String message) {
        return new Finding(name(), severity, location, message, fix);
    }

    public Finding at(String location, Severity severity, String message) {
        return new Finding(name(), severity, location, message, fix);
    }
}
