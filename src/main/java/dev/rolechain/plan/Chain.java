package dev.rolechain.plan;

import dev.rolechain.github.SubjectPattern;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import java.util.List;

/**
 * One planned chain: GitHub token → OIDC role (tooling account) → deploy role (target account), with
 * the subject claims the OIDC role's trust admits for this target.
 */
public record Chain(
        Target target,
        String oidcRoleName,
        String oidcRoleArn,
        String deployRoleArn,
        List<String> subjectClaims,
        String memberOrgPath) {

    public Chain {
        subjectClaims = List.copyOf(subjectClaims);
    }

    /** A chain into one account. */
    public Chain(Target target, String oidcRoleName, String oidcRoleArn, String deployRoleArn, List<String> subjectClaims) {
        this(target, oidcRoleName, oidcRoleArn, deployRoleArn, subjectClaims, null);
    }

    /**
     * Whether the chain ends in every member account of OUs (a StackSet); then {@link #deployRoleArn()} names the
     * placeholder account and {@link #memberOrgPath()} is the organization path of an account of its first OU.
     */
    public boolean organizational() {
        return target.organizational();
    }

    public String targetName() {
        return target.name();
    }

    public String targetAccountId() {
        return target.accountId();
    }

    public boolean production() {
        return target.production();
    }

    public String externalId() {
        return target.externalId();
    }

    /**
     * A request context on the deploy role: the given values and, for a chain into the member accounts of OUs,
     * the organization path of such an account ({@code aws:ResourceOrgPaths}, which IAM adds for a resource in an
     * organization's account); null when empty.
     */
    public dev.rolechain.iam.RequestContext resourceContext(java.util.Map<String, List<String>> values) {
        if (memberOrgPath == null) {
            return values.isEmpty() ? null : dev.rolechain.iam.RequestContext.of(values);
        }
        java.util.Map<String, List<String>> all = new java.util.LinkedHashMap<>(values);
        all.put(Planner.RESOURCE_ORG_PATHS_KEY, List.of(memberOrgPath));
        return dev.rolechain.iam.RequestContext.of(all);
    }

    /** Whether the target accepts the risk a lint rule names ({@code acceptRisk}). */
    public boolean acceptsRisk(String rule) {
        return target.acceptRisk().containsKey(rule);
    }

    /** The target's subjects in GitHub's terms. */
    public List<SubjectPattern> grants() {
        return target.subjects().stream().map(Chain::pattern).toList();
    }

    static SubjectPattern pattern(Subject subject) {
        Subject.Kind kind = subject.kind();
        if (kind instanceof Subject.Branch b) {
            return new SubjectPattern(subject.repository(), SubjectPattern.Kind.BRANCH, b.pattern());
        } else if (kind instanceof Subject.Tag t) {
            return new SubjectPattern(subject.repository(), SubjectPattern.Kind.TAG, t.pattern());
        } else if (kind instanceof Subject.Environment e) {
            return new SubjectPattern(subject.repository(), SubjectPattern.Kind.ENVIRONMENT, e.name());
        } else if (kind instanceof Subject.PullRequest) {
            return new SubjectPattern(subject.repository(), SubjectPattern.Kind.PULL_REQUEST, null);
        }
        return new SubjectPattern(subject.repository(), SubjectPattern.Kind.ANY, null);
    }
}
