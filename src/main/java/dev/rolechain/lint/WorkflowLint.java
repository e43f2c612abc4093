package dev.rolechain.lint;

import dev.rolechain.github.StepConditions;
import dev.rolechain.github.WorkflowFile;
import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Statement;
import dev.rolechain.iam.Wildcards;
import dev.rolechain.plan.DesiredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflow rules (RC301–RC309, and RC204 for the chained hop's session tags), on a workflow file (or a composite
 * action) alone, or against the trusts of the roles it assumes: a Setup's planned state, and trust policies known by
 * role ARN. Whether two steps are a sequence comes from their {@code if:} conditions ({@link StepConditions}); whether
 * a trust allows the chained hop's session tags, from the evaluator.
 */
public final class WorkflowLint {
    private static final Pattern FULL_SHA = Pattern.compile("[^@]+@[0-9a-f]{40}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([^:]+):iam::(\\d{12}):role/(?:[^\\s]*/)?([^/\\s]+)");
    /** The references a value takes its key from: ${{ secrets.X }}, ${{ secrets['X'] }}, vars, inputs, env. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(secrets|vars|inputs|env)(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[\\s*'([^']+)'\\s*])");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("AKIA[0-9A-Z]{16}");
    private static final List<String> KEY_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    /** The session name configure-aws-credentials uses when role-session-name is not given. */
    static final String DEFAULT_SESSION_NAME = "GitHubActions";
    /**
     * The tags configure-aws-credentials sets on a session it assumes with credentials (a chained step), in its order
     * (src/assumeRole.ts: GitHub=Actions, then GITHUB_REPOSITORY, _WORKFLOW, _ACTION, _ACTOR, _SHA, _REF, then the
     * droppable _EVENT_NAME, _RUN_ID, _JOB, _TRIGGERING_ACTOR; BaseRef and HeadRef only on pull request events).
     */
    static final List<String> SESSION_TAG_KEYS = List.of("GitHub", "Repository", "Workflow", "Action", "Actor", "Commit",
            "Branch", "EventName", "RunId", "Job", "TriggeringActor");
    /** More request contexts than this for one chained step and RC204 is not decided. */
    private static final int MAX_CONTEXTS = 256;

    private final PolicyEvaluator evaluator;

    public WorkflowLint(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * The findings of a workflow. {@code state} (may be null) and {@code known} (trust policies by role ARN; they win
     * over the state's) tell what each assumed role's trust requires.
     */
    public List<Finding> lint(String file, WorkflowFile workflow, DesiredState state, Map<String, Role> known) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Role> roles = roles(state);
        roles.putAll(known);
        boolean trustsKnown = state != null || !known.isEmpty();
        for (WorkflowFile.Job job : workflow.jobs()) {
            String jobWhere = file + ":" + job.line() + " (jobs." + job.id() + ")";
            for (WorkflowFile.Step step : job.steps()) {
                if (step.uses() != null && !step.uses().startsWith("./") && !step.uses().startsWith("docker://")
                        && !FULL_SHA.matcher(step.uses()).matches()) {
                    findings.add(Rule.RC304.at(stepWhere(file, job, step), step.uses() + " is not pinned to a commit SHA"));
                }
            }
            accessKeys(file, workflow, job, findings);
            List<WorkflowFile.Step> aws = job.awsCredentialSteps();
            if (aws.isEmpty()) {
                continue;
            }
            Map<String, String> permissions = workflow.permissionsOf(job);
            Optional<WorkflowFile.Step> oidc = aws.stream().filter(s -> s.usesOidc() && !keysInEnv(workflow, job, s))
                    .findFirst();
            if (oidc.isPresent() && !workflow.composite() && !idTokenWrite(permissions)) {
                WorkflowFile.Step step = oidc.get();
                findings.add(Rule.RC301.at(jobWhere, "step " + describe(step) + " (line " + step.line() + ") assumes "
                        + step.input("role-to-assume") + " with GitHub's OIDC token, but the job has no id-token: write, "
                        + "so it cannot get one" + (permissions == null ? " (no permissions block at all)" : "")));
            }
            for (int i = 1; i < aws.size(); i++) {
                WorkflowFile.Step step = aws.get(i);
                if (!step.usesOidc()) {
                    continue;
                }
                Optional<WorkflowFile.Step> before = earlier(job, aws.subList(0, i), step);
                before.ifPresent(b -> findings.add(Rule.RC302.at(stepWhere(file, job, step), "a further "
                        + "configure-aws-credentials step without role-chaining: true, after step " + describe(b) + " (line "
                        + b.line() + "), which can run in the same run: it assumes " + step.input("role-to-assume")
                        + " with the OIDC token again instead of chaining from the credentials it has")));
            }
            for (int i = 0; i < aws.size(); i++) {
                WorkflowFile.Step step = aws.get(i);
                if (!step.chained()) {
                    continue;
                }
                String where = stepWhere(file, job, step);
                chainedStep(where, step, roles, trustsKnown, findings);
                WorkflowFile.Step origin = earlier(job, aws.subList(0, i).stream().filter(s -> !s.chained()).toList(), step)
                        .orElse(null);
                sessionTags(where, workflow, job, origin, step, roles, findings);
            }
            if (oidc.isPresent()) {
                subjects(jobWhere, job, oidc.get(), roles, findings);
                triggers(file, workflow, job, oidc.get(), roles, findings);
            }
        }
        return findings;
    }

    /** The last of the candidate steps that can run (and succeed) in the same run as {@code step}, which follows them. */
    private static Optional<WorkflowFile.Step> earlier(WorkflowFile.Job job, List<WorkflowFile.Step> candidates,
            WorkflowFile.Step step) {
        int at = job.steps().indexOf(step);
        for (int j = candidates.size() - 1; j >= 0; j--) {
            WorkflowFile.Step before = candidates.get(j);
            if (StepConditions.mayBothRun(before, step, at - job.steps().indexOf(before) - 1)) {
                return Optional.of(before);
            }
        }
        return Optional.empty();
    }

    /**
     * RC309: long-lived access keys in the job: a configure-aws-credentials step given {@code aws-access-key-id}
     * (without {@code aws-session-token}: those would be temporary credentials), or AWS_ACCESS_KEY_ID /
     * AWS_SECRET_ACCESS_KEY set from secrets (or to a key id written out) in a step's, the job's or the workflow's env.
     */
    private static void accessKeys(String file, WorkflowFile workflow, WorkflowFile.Job job, List<Finding> findings) {
        Set<String> sources = new LinkedHashSet<>();
        List<String> places = new ArrayList<>();
        String where = null;
        for (WorkflowFile.Step step : job.steps()) {
            if (step.configuresAwsCredentials() && step.has("aws-access-key-id") && !step.has("aws-session-token")) {
                sources.addAll(references(step.input("aws-access-key-id")));
                sources.addAll(references(step.input("aws-secret-access-key")));
                places.add("with: of step " + describe(step) + " (line " + step.line() + ")");
                where = where == null ? stepWhere(file, job, step) : where;
            }
            if (keysFromSecrets(step.env(), sources)) {
                places.add("env of step " + describe(step) + " (line " + step.line() + ")");
                where = where == null ? stepWhere(file, job, step) : where;
            }
        }
        if (keysFromSecrets(job.env(), sources)) {
            places.add("env of job " + job.id());
        }
        if (keysFromSecrets(workflow.env(), sources)) {
            places.add("the workflow's env");
        }
        if (places.isEmpty()) {
            return;
        }
        List<String> secrets = sources.stream().filter(s -> s.startsWith("secrets.")).map(s -> s.substring(8)).toList();
        List<String> others = sources.stream().filter(s -> !s.startsWith("secrets.")).toList();
        findings.add(Rule.RC309.at(where == null ? file + ":" + job.line() + " (jobs." + job.id() + ")" : where,
                "the job authenticates to AWS with long-lived access keys" + (secrets.isEmpty() ? ""
                        : " from the secret" + (secrets.size() == 1 ? " " : "s ") + String.join(", ", secrets))
                        + (others.isEmpty() ? "" : (secrets.isEmpty() ? " from " : ", and ") + String.join(", ", others))
                        + " (" + String.join("; ", places) + "): they work from anywhere until someone rotates them; "
                        + "an OIDC role gives each run credentials for an hour"));
    }

    /** Whether an env block sets the key variables from secrets or to a written-out key id; adds the references. */
    private static boolean keysFromSecrets(Map<String, String> env, Set<String> sources) {
        boolean found = false;
        for (String name : KEY_VARIABLES) {
            String value = env.get(name);
            if (value == null) {
                continue;
            }
            List<String> refs = references(value);
            if (refs.stream().anyMatch(r -> r.startsWith("secrets."))) {
                sources.addAll(refs);
                found = true;
            } else if (ACCESS_KEY_ID.matcher(value).find()) {
                sources.add("a key written in the file");
                found = true;
            }
        }
        return found;
    }

    /** The contexts a value refers to ({@code secrets.AWS_KEY}, {@code inputs.key}); a plain value is "a key written in the file". */
    private static List<String> references(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            refs.add(m.group(1) + "." + (m.group(2) != null ? m.group(2) : m.group(3)));
        }
        if (refs.isEmpty() && !value.contains("${{")) {
            refs.add("a key written in the file");
        }
        return refs;
    }

    /** Whether the step's env (with the job's and the workflow's) gives configure-aws-credentials keys to start from. */
    private static boolean keysInEnv(WorkflowFile workflow, WorkflowFile.Job job, WorkflowFile.Step step) {
        Map<String, String> env = workflow.envOf(job, step);
        return env.get("AWS_ACCESS_KEY_ID") != null && !env.get("AWS_ACCESS_KEY_ID").isBlank();
    }

    /**
     * RC204 for a chained step: configure-aws-credentials tags the session it assumes with credentials unless
     * {@code role-skip-session-tagging: true}, so the deploy role's trust must allow sts:TagSession to the calling
     * role's session. Decided by the evaluator when the deploy role's trust and the calling role's ARN are known, and
     * reported only when the trust allows the sts:AssumeRole but no sts:TagSession in the same request: values the
     * workflow does not fix (the ExternalId from a secret, the actor, the commit) take, in turn, each value the trust
     * asks for, so a denial is one no run escapes.
     */
    private void sessionTags(String where, WorkflowFile workflow, WorkflowFile.Job job, WorkflowFile.Step origin,
            WorkflowFile.Step chained, Map<String, Role> roles, List<Finding> findings) {
        if ("true".equalsIgnoreCase(chained.input("role-skip-session-tagging")) || origin == null) {
            return;
        }
        String target = memberAccounts(chained.input("role-to-assume"));
        Role deploy = target == null ? null : roles.get(target);
        String caller = origin.input("role-to-assume");
        Matcher arn = caller == null ? null : ROLE_ARN.matcher(caller);
        if (deploy == null || arn == null || !arn.matches()) {
            return;
        }
        String sessionName = literal(origin.input("role-session-name"), DEFAULT_SESSION_NAME);
        String principal = Principal.session(arn.group(1), arn.group(2), arn.group(3),
                sessionName == null ? DEFAULT_SESSION_NAME : sessionName);
        List<String> tagKeys = new ArrayList<>(SESSION_TAG_KEYS);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("GitHub", "Actions");
        if (workflow.name() != null && !workflow.name().contains("${{")) {
            tags.put("Workflow", workflow.name());
        }
        if (!workflow.composite()) {
            tags.put("Job", job.id());
        }
        customTags(chained.input("custom-tags"), tagKeys, tags);
        Map<String, List<String>> fixed = new LinkedHashMap<>();
        fixed.put("aws:PrincipalArn", List.of(caller));
        fixed.put("aws:PrincipalAccount", List.of(arn.group(2)));
        fixed.put("aws:PrincipalType", List.of("AssumedRole"));
        fixed.put("aws:TagKeys", tagKeys);
        Map<String, List<String>> open = new LinkedHashMap<>();
        PolicyDocument trust = deploy.trustPolicy();
        String roleSessionName = literal(chained.input("role-session-name"), DEFAULT_SESSION_NAME);
        put(fixed, open, trust, "sts:RoleSessionName", roleSessionName, true);
        if (chained.has("role-external-id")) {
            put(fixed, open, trust, "sts:ExternalId", literal(chained.input("role-external-id"), null), true);
        }
        List<String> transitive = transitive(chained.input("transitive-tag-keys"), tagKeys);
        if (!transitive.isEmpty()) {
            fixed.put("sts:TransitiveTagKeys", transitive);
        }
        Role oidc = roles.get(caller);
        List<String> repositories = oidc == null ? List.of() : repositories(oidc.trustPolicy());
        for (String key : tagKeys) {
            String condition = "aws:RequestTag/" + key;
            if (tags.containsKey(key)) {
                fixed.put(condition, List.of(tags.get(key)));
            } else if (key.equals("Repository") && !repositories.isEmpty()) {
                open.put(condition, repositories);
            } else {
                put(fixed, open, trust, condition, null, false);
            }
        }
        List<Map<String, List<String>>> contexts = contexts(fixed, open);
        if (contexts == null) {
            return;
        }
        boolean assumes = false;
        List<String> why = List.of();
        for (Map<String, List<String>> context : contexts) {
            Request assume = new Request(principal, "sts:AssumeRole", target, RequestContext.of(context));
            if (evaluator.evaluatePolicy("trust policy", trust, assume, true).decision() != Decision.ALLOW) {
                continue;
            }
            PolicyEvaluator.PolicyResult tag = evaluator.evaluatePolicy("trust policy", trust,
                    new Request(principal, "sts:TagSession", target, RequestContext.of(context)), true);
            if (tag.decision() == Decision.ALLOW) {
                return;
            }
            if (!assumes) {
                why = tag.explanation();
            }
            assumes = true;
        }
        if (assumes) {
            findings.add(Rule.RC204.at(where, "the chained step tags its session (configure-aws-credentials sets "
                    + String.join(", ", tagKeys) + " unless role-skip-session-tagging: true), but the trust of " + target
                    + " allows " + principal + " sts:AssumeRole and not sts:TagSession: the step fails with \"not "
                    + "authorized to perform: sts:TagSession\" (" + String.join("; ", why) + ")"));
        }
    }

    /** A context key the workflow fixes ({@code value} not null) or leaves open: then each value the trust asks for. */
    private static void put(Map<String, List<String>> fixed, Map<String, List<String>> open, PolicyDocument trust,
            String key, String value, boolean present) {
        if (value != null) {
            fixed.put(key, List.of(value));
            return;
        }
        List<String> asked = asked(trust, key);
        if (!asked.isEmpty()) {
            open.put(key, present ? asked : with(asked, "x"));
        } else {
            fixed.put(key, List.of("x"));
        }
    }

    private static List<String> with(List<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return all;
    }

    /** The values a trust's conditions compare a key with (a wildcard read as one character), each once. */
    private static List<String> asked(PolicyDocument trust, String key) {
        Set<String> values = new LinkedHashSet<>();
        for (Statement s : trust.statements()) {
            for (Condition c : s.conditions()) {
                if (c.key().equalsIgnoreCase(key)) {
                    c.values().forEach(v -> values.add(v.replace('*', 'x').replace('?', 'x')));
                }
            }
        }
        return List.copyOf(values);
    }

    /** Every combination of the open keys' values with the fixed ones; null when there are too many to try. */
    private static List<Map<String, List<String>>> contexts(Map<String, List<String>> fixed,
            Map<String, List<String>> open) {
        List<Map<String, List<String>>> contexts = new ArrayList<>(List.of(new LinkedHashMap<>(fixed)));
        for (Map.Entry<String, List<String>> e : open.entrySet()) {
            List<Map<String, List<String>>> next = new ArrayList<>();
            for (Map<String, List<String>> context : contexts) {
                for (String value : e.getValue()) {
                    Map<String, List<String>> c = new LinkedHashMap<>(context);
                    c.put(e.getKey(), List.of(value));
                    next.add(c);
                }
            }
            if (next.size() > MAX_CONTEXTS) {
                return null;
            }
            contexts = next;
        }
        return contexts;
    }

    /** The repositories (owner/name, as GITHUB_REPOSITORY has them) an OIDC trust admits by exact sub. */
    private static List<String> repositories(PolicyDocument trust) {
        Set<String> repositories = new LinkedHashSet<>();
        for (Statement s : trust.statements()) {
            for (Condition c : s.conditions()) {
                if (s.effect() == dev.rolechain.iam.Effect.ALLOW && c.key().toLowerCase(Locale.ROOT).endsWith(":sub")) {
                    for (String value : c.values()) {
                        Matcher m = SUB_REPOSITORY.matcher(value);
                        if (m.lookingAt() && !m.group(1).contains("*") && !m.group(2).contains("*")) {
                            repositories.add(m.group(1) + "/" + m.group(2));
                        }
                    }
                }
            }
        }
        return List.copyOf(repositories);
    }

    private static final Pattern SUB_REPOSITORY = Pattern.compile("repo:([^/@:]+)(?:@\\d+)?/([^/@:]+)(?:@\\d+)?:");

    /** The keys and values of a literal custom-tags input (a JSON object); an expression adds nothing. */
    private static void customTags(String input, List<String> keys, Map<String, String> tags) {
        if (input == null || input.isBlank() || input.contains("${{")) {
            return;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(input);
            node.fields().forEachRemaining(e -> {
                keys.add(e.getKey());
                tags.put(e.getKey(), e.getValue().asText());
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // configure-aws-credentials itself refuses it: nothing to decide here
        }
    }

    /** The transitive-tag-keys input (one a line, or comma separated) that are tags of the session. */
    private static List<String> transitive(String input, List<String> tagKeys) {
        if (input == null || input.isBlank() || input.contains("${{")) {
            return List.of();
        }
        return java.util.Arrays.stream(input.split("[,\\n]")).map(String::strip).filter(tagKeys::contains).toList();
    }

    /** An input written out; {@code absent} when it is not given; null when an expression decides it. */
    private static String literal(String input, String absent) {
        if (input == null || input.isBlank()) {
            return absent;
        }
        return input.contains("${{") ? null : input;
    }

    private static String describe(WorkflowFile.Step step) {
        return step.name() != null ? "\"" + step.name() + "\"" : step.uses();
    }

    private static void chainedStep(String where, WorkflowFile.Step step, Map<String, Role> roles, boolean trustsKnown,
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
        Role role = target == null ? null : roles.get(memberAccounts(target));
        if (role != null && requiresExternalId(role)) {
            findings.add(Rule.RC303.at(where, "the chained step has no role-external-id, but the trust of " + target
                    + " requires sts:ExternalId: the assume is denied"));
        } else if (role == null && !trustsKnown) {
            findings.add(Rule.RC303.at(where, Severity.WARNING, "the chained step has no role-external-id; a "
                    + "cross-account trust should require sts:ExternalId (lint with --setup, or --trust ARN=FILE, to "
                    + "check the target's trust)"));
        }
    }

    /** A role ARN whose account is an expression, as the exported workflow of an organization target writes it. */
    private static String memberAccounts(String arn) {
        return arn == null ? null : arn.replaceFirst("^(arn:[^:]+:iam::)\\$\\{\\{[^}]*}}(:role/)",
                "$1" + dev.rolechain.setup.Target.MEMBER_ACCOUNTS + "$2");
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
