package dev.rolechain.lint;

import dev.rolechain.github.WorkflowFile;
import dev.rolechain.iam.Condition;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Statement;
import dev.rolechain.iam.Wildcards;
import dev.rolechain.plan.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workflow rules (RC301–RC306), on a workflow file alone or against a Setup's planned state, which
 * tells what each assumed role's trust requires.
 */
public final class WorkflowLint {
    private static final Pattern FULL_SHA = Pattern.compile("[^@]+@[0-9a-f]{40}");

    public List<Finding> lint(String file, WorkflowFile workflow, DesiredState state) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Role> roles = roles(state);
        for (WorkflowFile.Job job : workflow.jobs()) {
            String jobWhere = file + ":" + job.line() + " (jobs." + job.id() + ")";
            for (WorkflowFile.Step step : job.steps()) {
                if (step.uses() != null && !step.uses().startsWith("./") && !step.uses().startsWith("docker://")
                        && !FULL_SHA.matcher(step.uses()).matches()) {
                    findings.add(Rule.RC304.at(stepWhere(file, job, step), step.uses() + " is not pinned to a commit SHA"));
                }
            }
            List<WorkflowFile.Step> aws = job.awsCredentialSteps();
            if (aws.isEmpty()) {
                continue;
            }
            Map<String, String> permissions = workflow.permissionsOf(job);
            if (!idTokenWrite(permissions)) {
                findings.add(Rule.RC301.at(jobWhere, "the job asks AWS for credentials but has no id-token: write, so "
                        + "it cannot get a GitHub OIDC token" + (permissions == null ? " (no permissions block at all)" : "")));
            }
            for (int i = 1; i < aws.size(); i++) {
                WorkflowFile.Step step = aws.get(i);
                if (!step.chained()) {
                    findings.add(Rule.RC302.at(stepWhere(file, job, step), "a further configure-aws-credentials step "
                            + "without role-chaining: true assumes the role with the OIDC token again instead of chaining"));
                }
            }
            for (WorkflowFile.Step step : aws) {
                if (!step.chained()) {
                    continue;
                }
                String where = stepWhere(file, job, step);
                chainedStep(where, step, roles, state, findings);
            }
            if (state != null) {
                subjects(jobWhere, job, aws.get(0), roles, findings);
                triggers(file, workflow, job, aws.get(0), roles, findings);
            }
        }
        return findings;
    }

    private static void chainedStep(String where, WorkflowFile.Step step, Map<String, Role> roles, DesiredState state,
            List<Finding> findings) {
        String duration = step.input("role-duration-seconds");
        if (duration != null && duration.matches("\\d+") && Long.parseLong(duration) > 3600) {
            findings.add(Rule.RC305.at(where, "role-duration-seconds " + duration
                    + " on a chained step: role chaining caps a session at 3600 seconds and STS rejects more"));
        }
        if (step.input("role-external-id") != null) {
            return;
        }
        String target = step.input("role-to-assume");
        Role role = target == null ? null : roles.get(target.replaceFirst("^(arn:[^:]+:iam::)\\$\\{\\{[^}]*}}(:role/)",
                "$1" + dev.rolechain.setup.Target.MEMBER_ACCOUNTS + "$2"));
        if (role != null && requiresExternalId(role)) {
            findings.add(Rule.RC303.at(where, "the chained step has no role-external-id, but the trust of " + target
                    + " requires sts:ExternalId: the assume is denied"));
        } else if (state == null) {
            findings.add(Rule.RC303.at(where, Severity.WARNING, "the chained step has no role-external-id; a "
                    + "cross-account trust should require sts:ExternalId (lint with --setup to check the target's trust)"));
        }
    }

    /** RC306: can the job's sub (environment or ref form) meet the OIDC role's sub condition at all? */
    private static void subjects(String where, WorkflowFile.Job job, WorkflowFile.Step first, Map<String, Role> roles,
            List<Finding> findings) {
        Role oidc = roles.get(first.input("role-to-assume"));
        if (oidc == null) {
            return;
        }
        List<String> suffixes = new ArrayList<>();
        for (Statement s : oidc.trustPolicy().statements()) {
            for (Condition c : s.conditions()) {
                if (c.key().endsWith(":sub")) {
                    for (String value : c.values()) {
                        suffixes.add(dev.rolechain.github.SubjectClaims.context(value));
                    }
                }
            }
        }
        if (suffixes.isEmpty()) {
            return;
        }
        String environment = job.environment();
        if (environment != null && !environment.contains("${{")) {
            String sub = "environment:" + environment;
            if (suffixes.stream().noneMatch(p -> Wildcards.matches(p, sub))) {
                findings.add(Rule.RC306.at(where, "the job runs in environment \"" + environment + "\", so its sub ends in "
                        + "\":" + sub + "\", which the trust of " + oidc.name() + " does not admit " + suffixes));
            }
        } else if (environment == null && suffixes.stream().noneMatch(p -> p.startsWith("ref:")
                || Wildcards.matches(p, "pull_request") || Wildcards.matches(p, "ref:refs/heads/x"))) {
            findings.add(Rule.RC306.at(where, "the job names no environment, so its sub is a ref or pull_request form, "
                    + "but the trust of " + oidc.name() + " admits only " + suffixes));
        }
    }

    /**
     * RC307 and RC308: the workflow's push filters against the refs the job's OIDC trust admits. A branch or tag
     * pattern of the trust that no filtered push can start is a grant this workflow never uses (RC307); a filter
     * that starts the job on a ref the trust denies makes the job fail at AssumeRoleWithWebIdentity (RC308).
     * GitHub's {@code *} stops at {@code /} where IAM's does not, so the two readings of one pattern differ.
     */
    private static void triggers(String file, WorkflowFile workflow, WorkflowFile.Job job, WorkflowFile.Step first,
            Map<String, Role> roles, List<Finding> findings) {
        dev.rolechain.github.PushFilter push = workflow.push();
        Role oidc = roles.get(first.input("role-to-assume"));
        if (push == null || oidc == null || job.environment() != null) {
            return;
        }
        List<String> branches = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (Statement s : oidc.trustPolicy().statements()) {
            for (Condition c : s.conditions()) {
                if (c.key().endsWith(":sub") && s.effect() == dev.rolechain.iam.Effect.ALLOW) {
                    for (String value : c.values()) {
                        String context = dev.rolechain.github.SubjectClaims.context(value);
                        if (context.startsWith("ref:refs/heads/")) {
                            branches.add(context.substring("ref:refs/heads/".length()));
                        } else if (context.startsWith("ref:refs/tags/")) {
                            tags.add(context.substring("ref:refs/tags/".length()));
                        } else if (context.equals("*")) {
                            return; // the trust admits any run: every trigger reaches it
                        }
                    }
                }
            }
        }
        String where = file + ":" + push.line() + " (on.push, jobs." + job.id() + ")";
        boolean otherRefs = workflow.events().stream().anyMatch(e -> e.equals("workflow_dispatch") || e.equals("workflow_call")
                || e.equals("schedule") || e.equals("repository_dispatch"));
        reach(where, oidc, "branch", branches, push.branches(), push::startsBranch, otherRefs, job, findings);
        reach(where, oidc, "tag", tags, push.tags(), push::startsTag, otherRefs, job, findings);
    }

    private static void reach(String where, Role oidc, String kind, List<String> trusted, List<String> filters,
            java.util.function.Predicate<String> starts, boolean otherRefs, WorkflowFile.Job job, List<Finding> findings) {
        List<String> filterRefs = new ArrayList<>();
        (filters == null ? List.<String>of() : filters).stream().filter(f -> !f.startsWith("!"))
                .forEach(f -> filterRefs.addAll(dev.rolechain.github.PushFilter.examples(f)));
        if (!otherRefs) {
            for (String pattern : trusted) {
                List<String> candidates = new ArrayList<>(filterRefs);
                candidates.add(pattern.replace("*", "x").replace("?", "x"));
                candidates.add(pattern.replace("*", "x/y").replace("?", "x"));
                if (candidates.stream().noneMatch(r -> Wildcards.matches(pattern, r) && starts.test(r))) {
                    findings.add(Rule.RC307.at(where, "the trust of " + oidc.name() + " admits the " + kind + " pattern \""
                            + pattern + "\", but the push filters " + (filters == null ? "" : filters + " ")
                            + "never start this workflow on such a " + kind + " (GitHub's * stops at /, IAM's does not)"));
                }
            }
        }
        boolean guarded = job.condition() != null && job.condition().contains("github.ref");
        if (!guarded && filters != null && !trusted.isEmpty()) {
            filterRefs.stream().filter(starts).filter(r -> trusted.stream().noneMatch(p -> Wildcards.matches(p, r)))
                    .findFirst().ifPresent(r -> findings.add(Rule.RC308.at(where, "the push filters " + filters
                            + " start job " + job.id() + " on the " + kind + " \"" + r + "\", which the trust of "
                            + oidc.name() + " does not admit: the run fails at AssumeRoleWithWebIdentity")));
        }
    }

    private static boolean requiresExternalId(Role role) {
        return role.trustPolicy().statements().stream().flatMap(s -> s.conditions().stream())
                .anyMatch(c -> c.key().equalsIgnoreCase("sts:ExternalId"));
    }

    private static boolean idTokenWrite(Map<String, String> permissions) {
        return permissions != null && ("write".equals(permissions.get("id-token")) || "write".equals(permissions.get("*")));
    }

    private static String stepWhere(String file, WorkflowFile.Job job, WorkflowFile.Step step) {
        return file + ":" + step.line() + " (jobs." + job.id() + ", step " + (step.name() != null ? "\"" + step.name() + "\""
                : step.uses()) + ")";
    }

    private static Map<String, Role> roles(DesiredState state) {
        Map<String, Role> roles = new HashMap<>();
        if (state != null) {
            for (IamAccount account : state.accounts()) {
                for (Role role : account.roles()) {
                    roles.put(role.arn(state.partition(), account.accountId()), role);
                }
            }
        }
        return roles;
    }
}
