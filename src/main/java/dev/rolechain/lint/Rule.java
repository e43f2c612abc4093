package dev.rolechain.lint;

/** Every lint rule, with its stable id, default severity and fix. */
public enum Rule {
    RC101(Severity.ERROR, "Add aud and sub conditions: StringEquals on <issuer>:aud and StringEquals or StringLike on <issuer>:sub."),
    RC102(Severity.ERROR, "Add a condition on <issuer>:sub naming the repositories and refs or environments allowed."),
    RC103(Severity.ERROR, "Add StringEquals on <issuer>:aud with the configured audience (sts.amazonaws.com)."),
    RC104(Severity.ERROR, "Name the owner and one repository in every sub pattern: repo:OWNER/REPO:…; for production name "
            + "each repository (or accept the risk for the target: \"acceptRisk\": {\"RC104\": \"why\"})."),
    RC105(Severity.ERROR, "Use StringLike for patterns with * or ?, or remove the wildcard."),
    RC106(Severity.WARNING, "Use StringEquals or StringLike without ForAllValues/ForAnyValue on the single-valued sub and aud claims."),
    RC107(Severity.ERROR, "Deploy to production from a branch, tag or protected environment, not from pull requests "
            + "(or accept the risk for the target: \"acceptRisk\": {\"RC107\": \"why\"})."),
    RC109(Severity.ERROR, "Admit the sub form GitHub issues for the repository: repo:OWNER@OWNER_ID/REPO@REPO_ID:… for "
            + "immutable subjects, repo:OWNER/REPO:… for names, both while it migrates (\"subjectFormat\": \"both\")."),
    RC108(Severity.ERROR, "Deploy to production from named branches or tags, or from a protected environment, not from "
            + "every ref (or accept the risk for the target: \"acceptRisk\": {\"RC108\": \"why\"})."),
    RC111(Severity.ERROR, "Make the conditions match the tokens the provider issues: the condition keys are <issuer>:sub, "
            + "<issuer>:aud and the claims AWS documents for the provider, spelt as the provider's URL without https://, and "
            + "each value must be one a real token carries."),
    RC120(Severity.ERROR, "Pin the subject: StringEquals (or StringLike with a fixed prefix) on <issuer>:sub naming the "
            + "identities of the provider that may assume the role."),
    RC121(Severity.WARNING, "Pin the audience: StringEquals on <issuer>:aud with the client id the provider issues tokens for."),
    RC122(Severity.WARNING, "Add StringEquals on SAML:aud (https://signin.aws.amazon.com/saml for console sign-in)."),
    RC110(Severity.WARNING, "Name the environment's protection in the Setup (github.environments: reviewers, branches) and "
            + "apply it (terraform-github/, or rolechain github --protect): GitHub creates an environment unprotected the "
            + "first time a job names it."),
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
    RC307(Severity.WARNING, "Make the workflow's push filters reach the refs the trust admits, or narrow the trust: GitHub's "
            + "* does not cross /, ** does."),
    RC308(Severity.WARNING, "Filter the workflow's pushes to the refs the trust admits (or guard the job with if: on "
            + "github.ref), so that other pushes do not start a job that cannot get credentials."),
    RC309(Severity.WARNING, "Replace the long-lived access keys with an OIDC role (role-to-assume and permissions: "
            + "id-token: write), then deactivate the IAM user's keys and delete the secrets."),
    RC401(Severity.ERROR, "Allow sts:AssumeRole (and sts:TagSession) on the target role in the OIDC role's identity policy."),
    RC402(Severity.WARNING, "Allow sts:AssumeRole only on the deploy role ARNs."),
    RC403(Severity.ERROR, "Use per-target OIDC roles (\"oidcRoles\": \"per-target\") so non-production subjects cannot "
            + "reach production (or accept the risk for the production target: \"acceptRisk\": {\"RC403\": \"why\"})."),
    RC207(Severity.ERROR, "Bind the session tag in the deploy role's trust (StringEquals on aws:RequestTag/KEY for "
            + "sts:TagSession) or stop using aws:PrincipalTag/KEY in its policies: the caller chooses session tags."),
    RC208(Severity.WARNING, "Set the deploy role's maximum session to 3600: role chaining caps its sessions at one hour."),
    RC209(Severity.WARNING, "Use a random ExternalId of at least 16 characters, its own for each target, not an account id."),
    RC210(Severity.WARNING, "Put deploy roles in other accounts than the tooling account, or drop the chain for that target."),
    RC211(Severity.WARNING, "Remove the repeated subject."),
    RC212(Severity.WARNING, "Give the deploy role permissions: managed policies or inline policies."),
    RC501(Severity.ERROR, "Stay under the quota as the message says, or raise an adjustable limit with Service Quotas and "
            + "name it in the Setup's \"quotas\".");

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
        return new Finding(this, severity, location, message, fix);
    }

    public Finding at(String location, Severity severity, String message) {
        return new Finding(this, severity, location, message, fix);
    }
}
