package dev.rolechain.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every value of a Setup and reports every problem at once, each with the JSON path of its
 * field and what is allowed. The limits are AWS's and GitHub's documented ones (IAM and STS API
 * references, GitHub naming rules).
 */
public final class SetupValidator {

    /** STS: a role-chained session lasts at most one hour; AssumeRole rejects a longer DurationSeconds. */
    public static final int CHAINED_SESSION_MAX_SECONDS = 3600;
    /** STS AssumeRole DurationSeconds minimum. */
    public static final int SESSION_MIN_SECONDS = 900;
    /** IAM MaxSessionDuration range. */
    public static final int ROLE_MAX_SESSION_MIN = 3600;
    public static final int ROLE_MAX_SESSION_MAX = 43200;
    /** IAM: the inline policies of a role add up to at most this many characters, whitespace not counted. */
    public static final int ROLE_INLINE_POLICIES_MAX_CHARS = 10240;
    /** IAM: managed policies attached to a role, at most (the default quota is 10). */
    public static final int MANAGED_POLICIES_PER_ROLE_MAX = 20;

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** An IAM role name that is also a safe folder name of the export ("." and ".." are not). */
    private static final Pattern ROLE_NAME = Pattern.compile("(?!\\.{1,2}$)[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Pattern GITHUB_REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern ENTERPRISE_SLUG = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,98}[A-Za-z0-9])?");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
    private static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");
    private static final Pattern POLICY_ARN = Pattern.compile(
            "arn:aws(?:-cn|-us-gov|-iso[a-z-]*)?:iam::(?:aws|\\d{12}):policy/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}");
    private static final Pattern ACTION_REF = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._/-]+)?@[A-Za-z0-9._/-]+");
    private static final Pattern PROFILE = Pattern.compile("[^\\s\\[\\]]{1,128}");
    private static final Pattern AUDIENCE = Pattern.compile("\\S{1,255}");

    private final PolicyCheck policyCheck;

    public SetupValidator(PolicyCheck policyCheck) {
        this.policyCheck = policyCheck;
    }

    public List<Problem> validate(Setup setup) {
        List<Problem> problems = new ArrayList<>();
        github(setup.github(), problems);
        if (setup.tooling() != null) {
            tooling(setup.tooling(), setup.targets(), problems);
        }
        targets(setup, problems);
        organizations(setup, problems);
        workflow(setup.workflow(), problems);
        quotas(setup.quotas(), problems);
        immutableSubjects(setup, problems);
        subTemplates(setup, problems);
        environments(setup.github(), problems);
        return problems;
    }

    /**
     * The claim keys of an OIDC sub customization ({@code include_claim_keys}) that Rolechain can write a trust
     * pattern for: the repository's identity and what a subject says about the run.
     */
    public static final List<String> SUB_TEMPLATE_KEYS = List.of("repo", "context", "repository", "repository_owner",
            "repository_owner_id", "repository_id", "ref", "ref_type", "environment", "event_name", "job_workflow_ref");
    private static final Set<String> IDENTITY_KEYS = Set.of("repo", "repository", "repository_owner",
            "repository_owner_id", "repository_id");
    private static final Pattern CLAIM_KEY = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * Sub templates: known keys, once each, the repository's identity first (so that no wildcard comes
     * before it), and for every subject only keys whose value the subject decides: a key the trust would have
     * to leave open lets other runs of the repository in (an environment job on any branch, say).
     */
    private static void subTemplates(Setup setup, List<Problem> problems) {
        GitHub g = setup.github();
        template(g.subTemplate(), "github.subTemplate", problems);
        g.repositories().forEach((name, r) ->
                template(r.subTemplate(), LocatedJson.child("github.repositories", name) + ".subTemplate", problems));
        for (int i = 0; i < setup.targets().size(); i++) {
            List<Subject> subjects = setup.targets().get(i).subjects();
            for (int j = 0; j < subjects.size(); j++) {
                Subject subject = subjects.get(j);
                List<String> keys = subject.repository() == null ? null : g.templateOf(subject.repository());
                if (keys == null || subject.kind() == null) {
                    continue;
                }
                String where = g.repositories().containsKey(subject.repository())
                        && g.repositories().get(subject.repository()).subTemplate() != null
                        ? "github.repositories." + subject.repository() + ".subTemplate" : "github.subTemplate";
                for (String key : keys) {
                    String kind = pinnedBy(key, subject.kind());
                    if (kind != null) {
                        problems.add(new Problem(FieldPath.subject(i, j).toString(), "the sub template (" + where
                                + ") has \"" + key + "\", which " + kind + " does not decide: the trust would have to leave "
                                + "it open and admit other runs of the repository; remove the key from the template, or "
                                + "grant " + (key.equals("environment") ? "an environment" : "a branch or tag") + " instead"));
                    }
                }
                if (keys.contains("repository_owner_id") && g.ownerId() == null) {
                    addOnce(problems, new Problem("github.ownerId", "required: the sub template (" + where + ") has "
                            + "\"repository_owner_id\" (GET /users/" + g.owner() + " gives it as \"id\")"));
                }
                if (keys.contains("repository_id") && !Subject.ANY_REPOSITORY.equals(subject.repository())
                        && g.idOf(subject.repository()) == null) {
                    addOnce(problems, new Problem(LocatedJson.child("github.repositories", subject.repository()) + ".id",
                            "required: the sub template (" + where + ") has \"repository_id\" (GET /repos/" + g.owner() + "/"
                            + subject.repository() + " gives it as \"id\")"));
                }
            }
        }
    }

    private static void addOnce(List<Problem> problems, Problem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    /** Null when the subject decides the key's value, else what the subject is (for the message). */
    private static String pinnedBy(String key, Subject.Kind kind) {
        if (IDENTITY_KEYS.contains(key) || key.equals("context") || kind instanceof Subject.AnyRun
                || !SUB_TEMPLATE_KEYS.contains(key)) {
            return null;
        }
        boolean ref = kind instanceof Subject.Branch || kind instanceof Subject.Tag;
        boolean pinned = switch (key) {
            case "ref", "job_workflow_ref" -> ref || kind instanceof Subject.PullRequest;
            case "ref_type" -> ref;
            case "environment" -> kind instanceof Subject.Environment;
            case "event_name" -> kind instanceof Subject.PullRequest;
            default -> true;
        };
        if (pinned) {
            return null;
        }
        return kind instanceof Subject.Environment ? "an environment subject (any branch may deploy there)"
                : kind instanceof Subject.PullRequest ? "a pull request subject"
                : kind instanceof Subject.Branch ? "a branch subject (pushes, dispatches and schedules all run on it)"
                : "a tag subject";
    }

    private static void template(List<String> keys, String path, List<Problem> problems) {
        if (keys == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean other = false;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String at = path + "[" + i + "]";
            if (!CLAIM_KEY.matcher(key).matches()) {
                problems.add(new Problem(at, "\"" + key + "\" is not a claim key: letters, digits and '_'"));
            } else if (!SUB_TEMPLATE_KEYS.contains(key)) {
                problems.add(new Problem(at, "Rolechain cannot pin the claim \"" + key + "\" in a trust (its value is "
                        + "not in the Setup); allowed: " + String.join(", ", SUB_TEMPLATE_KEYS)));
            } else if (!seen.add(key)) {
                problems.add(new Problem(at, "\"" + key + "\" is named twice; GitHub takes each key once"));
            } else if (IDENTITY_KEYS.contains(key) && other) {
                problems.add(new Problem(at, "put the repository's identity (\"" + key + "\") before the keys that "
                        + "describe the run, so that no wildcard in the trust comes before it"));
            } else if (!IDENTITY_KEYS.contains(key)) {
                other = true;
            }
        }
        if (keys.stream().noneMatch(k -> k.equals("repo") || k.equals("repository") || k.equals("repository_id"))) {
            problems.add(new Problem(path, "must name the repository (\"repo\", \"repository\" or \"repository_id\"): "
                    + "without it a trust cannot tell one repository's tokens from another's"));
        }
    }

    /** GitHub's limits on environment protection rules (REST API, "Create or update an environment"). */
    public static final int ENVIRONMENT_REVIEWERS_MAX = 6;
    public static final int ENVIRONMENT_WAIT_MINUTES_MAX = 43200;
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern BRANCH_POLICY = Pattern.compile("[^\\s\\p{Cntrl}]{1,255}");

    private static void environments(GitHub g, List<Problem> problems) {
        g.environments().forEach((name, e) -> {
            String path = LocatedJson.child("github.environments", name);
            if (name.isEmpty() || name.length() > 255 || name.chars().anyMatch(c -> c < 0x20 || c == ':' || c == '*' || c == '?')) {
                problems.add(new Problem(path, "\"" + name + "\" is not an environment name: 1–255 characters, no control "
                        + "characters, no '*', '?' or ':'"));
            }
            if (e.reviewers().size() > ENVIRONMENT_REVIEWERS_MAX) {
                problems.add(new Problem(path + ".reviewers", "GitHub takes at most " + ENVIRONMENT_REVIEWERS_MAX
                        + " reviewers (users or teams), got " + e.reviewers().size()));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < e.reviewers().size(); i++) {
                String r = e.reviewers().get(i);
                if (!GITHUB_OWNER.matcher(r).matches() && !TEAM.matcher(r).matches()) {
                    problems.add(new Problem(path + ".reviewers[" + i + "]", "\"" + r + "\" is neither a user login "
                            + "(e.g. octocat) nor a team as organization/team-slug (e.g. acme/platform)"));
                } else if (r.contains("/") && g.owner() != null && !r.substring(0, r.indexOf('/')).equalsIgnoreCase(g.owner())) {
                    problems.add(new Problem(path + ".reviewers[" + i + "]", "the team " + r + " is not of " + g.owner()
                            + ": an environment's reviewer teams belong to the repository's organization"));
                } else if (!seen.add(r.toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new Problem(path + ".reviewers[" + i + "]", "\"" + r + "\" is listed twice"));
                }
            }
            for (int i = 0; i < e.branches().size(); i++) {
                if (!BRANCH_POLICY.matcher(e.branches().get(i)).matches()) {
                    problems.add(new Problem(path + ".branches[" + i + "]", "\"" + e.branches().get(i) + "\" is not a "
                            + "branch pattern: 1–255 characters without spaces (GitHub's fnmatch syntax: *, ** and ?)"));
                }
            }
            if (e.waitMinutes() < 0 || e.waitMinutes() > ENVIRONMENT_WAIT_MINUTES_MAX) {
                problems.add(new Problem(path + ".waitMinutes", "must be 0–" + ENVIRONMENT_WAIT_MINUTES_MAX
                        + " minutes (GitHub's limit, 30 days), got " + e.waitMinutes()));
            }
        });
    }

    private void github(GitHub g, List<Problem> problems) {
        if (required(g.owner(), "github.owner", problems)) {
            check(GITHUB_OWNER, g.owner(), "github.owner",
                    "1–39 letters, digits or single hyphens, not starting or ending with a hyphen (GitHub's rule for "
                            + "user and organization names)", problems);
        }
        if (g.enterpriseSlug() != null && g.serverHost() != null) {
            problems.add(new Problem("github.serverHost",
                    "give either enterpriseSlug (GitHub Enterprise Cloud) or serverHost (GitHub Enterprise Server), not both"));
        }
        if (g.enterpriseSlug() != null) {
            check(ENTERPRISE_SLUG, g.enterpriseSlug(), "github.enterpriseSlug",
                    "the enterprise's URL slug: letters, digits and hyphens", problems);
        }
        if (g.serverHost() != null) {
            check(HOST, g.serverHost(), "github.serverHost",
                    "a host name such as github.example.com, without https:// or a port", problems);
        }
        if (required(g.audience(), "github.audience", problems)
                && check(AUDIENCE, g.audience(), "github.audience", "1–255 characters without spaces", problems)
                && policyCharacters(g.audience(), "github.audience", problems)) {
            noExpression(g.audience(), "github.audience", problems);
        }
    }

    private void tooling(Tooling t, List<Target> targets, List<Problem> problems) {
        accountId(t.accountId(), "tooling.accountId", problems);
        if (required(t.region(), "tooling.region", problems)) {
            check(REGION, t.region(), "tooling.region", "an AWS region code such as us-east-1", problems);
        }
        profile(t.profile(), "tooling.profile", problems);
        if (required(t.oidcRoleName(), "tooling.oidcRoleName", problems)
                && check(ROLE_NAME, t.oidcRoleName(), "tooling.oidcRoleName", roleNameRule(), problems)
                && t.oidcRoles() == OidcRoles.PER_TARGET) {
            for (Target target : targets) {
                if (target.name() != null && t.oidcRoleName().length() + 1 + target.name().length() > 64) {
                    problems.add(new Problem("tooling.oidcRoleName", "with per-target OIDC roles the role for target \""
                            + target.name() + "\" would be named \"" + t.oidcRoleName() + "-" + target.name()
                            + "\", longer than IAM's 64 characters; shorten the OIDC role name or the target name"));
                }
            }
        }
        maxSession(t.maxSessionSeconds(), "tooling.maxSessionSeconds", problems);
    }

    private void targets(Setup setup, List<Problem> problems) {
        List<Target> targets = setup.targets();
        if (targets.isEmpty()) {
            problems.add(new Problem("targets", "needs at least one target account"));
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> roles = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String path = FieldPath.target(i).toString();
            if (required(t.name(), path + ".name", problems)
                    && check(TARGET_NAME, t.name(), path + ".name",
                            "1–32 lower-case letters, digits and hyphens, starting and ending with a letter or digit", problems)) {
                Integer first = names.putIfAbsent(t.name(), i);
                if (first != null) {
                    problems.add(new Problem(path + ".name", "\"" + t.name() + "\" is already the name of targets["
                            + first + "]; target names must be unique"));
                }
            }
            boolean account = t.organizational() ? organizationTarget(setup, t, path, problems)
                    : accountId(t.accountId(), path + ".accountId", problems);
            profile(t.profile(), path + ".profile", problems);
            if (!t.organizational() && !t.regions().isEmpty()) {
                problems.add(new Problem(path + ".regions", "regions are for a target of organizational units (its "
                        + "StackSet's instances); a target of one account has its role in IAM, which is global"));
            }
            if (required(t.roleName(), path + ".roleName", problems)
                    && check(ROLE_NAME, t.roleName(), path + ".roleName", roleNameRule(), problems) && account) {
                String key = t.accountId() + "/" + t.roleName().toLowerCase(java.util.Locale.ROOT);
                Integer first = roles.putIfAbsent(key, i);
                if (first != null) {
                    problems.add(new Problem(path + ".roleName", FieldPath.target(first) + " already plans role \""
                            + t.roleName() + "\" in " + (t.organizational() ? "the member accounts of organization targets"
                            : "account " + t.accountId()) + "; IAM role names are unique per account "
                            + "(case-insensitively)"));
                }
                Tooling tooling = setup.tooling();
                if (tooling != null && t.accountId().equals(tooling.accountId()) && tooling.oidcRoleName() != null
                        && oidcRoleNames(tooling, targets).contains(t.roleName().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new Problem(path + ".roleName", "\"" + t.roleName()
                            + "\" is also the name of an OIDC role in the tooling account; pick another name"));
                }
            }
            if (required(t.externalId(), path + ".externalId", problems)) {
                check(EXTERNAL_ID, t.externalId(), path + ".externalId",
                        "2–1224 characters of letters, digits and _+=,.@:/- (the STS ExternalId rule)", problems);
            }
            subjects(t, path, problems);
            for (int j = 0; j < t.managedPolicyArns().size(); j++) {
                check(POLICY_ARN, t.managedPolicyArns().get(j), path + ".managedPolicyArns[" + j + "]",
                        "a managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess", problems);
            }
            if (t.managedPolicyArns().size() > MANAGED_POLICIES_PER_ROLE_MAX) {
                problems.add(new Problem(path + ".managedPolicyArns", t.managedPolicyArns().size()
                        + " managed policies; IAM attaches at most " + MANAGED_POLICIES_PER_ROLE_MAX
                        + " to a role (10 unless the account's quota was raised)"));
            }
            if (new HashSet<>(t.managedPolicyArns()).size() != t.managedPolicyArns().size()) {
                problems.add(new Problem(path + ".managedPolicyArns", "lists a policy ARN twice"));
            }
            inlinePolicies(t, path, problems);
            maxSession(t.maxSessionSeconds(), path + ".maxSessionSeconds", problems);
            if (t.permissionsBoundaryArn() != null) {
                check(POLICY_ARN, t.permissionsBoundaryArn(), path + ".permissionsBoundaryArn",
                        "a managed policy ARN such as arn:aws:iam::123456789012:policy/boundary", problems);
            }
            t.acceptRisk().forEach((rule, reason) -> {
                String at = path + ".acceptRisk." + rule;
                if (!ACCEPTABLE_RISKS.contains(rule)) {
                    problems.add(new Problem(at, "\"" + rule + "\" is not a risk that can be accepted; these can: "
                            + String.join(", ", ACCEPTABLE_RISKS) + " (see docs/lint-rules.md)"));
                } else if (reason == null || reason.isBlank()) {
                    problems.add(new Problem(at, "needs the reason the risk is accepted, e.g. \"monorepo deploys from "
                            + "every branch\"; it is listed in lint and in the export's README"));
                }
            });
        }
    }

    /**
     * The adjustable IAM quotas a Setup may say were raised, with their defaults and the most AWS allows
     * (the same numbers as the plan package's quota table, which a test keeps equal).
     */
    public static final Map<String, int[]> RAISABLE_QUOTAS = Map.of(
            "trustPolicySize", new int[] {2048, 4096},
            "managedPoliciesPerRole", new int[] {10, 20},
            "rolesPerAccount", new int[] {1000, 5000});

    private static void quotas(Map<String, Integer> quotas, List<Problem> problems) {
        quotas.forEach((key, value) -> {
            int[] range = RAISABLE_QUOTAS.get(key);
            if (range == null) {
                problems.add(new Problem("quotas." + key, "\"" + key + "\" is not a quota that can be raised; these can: "
                        + String.join(", ", new java.util.TreeSet<>(RAISABLE_QUOTAS.keySet()))));
            } else if (value < range[0] || value > range[1]) {
                problems.add(new Problem("quotas." + key, value + " is outside what AWS allows for " + key + ": from "
                        + range[0] + " (the default) to " + range[1]));
            }
        });
    }

    /**
     * The immutable sub form carries the owner's and each repository's id: a repository whose subjects take
     * that form needs both (GitHub Enterprise Server does not issue it).
     */
    private static void immutableSubjects(Setup setup, List<Problem> problems) {
        GitHub g = setup.github();
        g.repositories().keySet().forEach(name -> {
            if (!name.equals(Subject.ANY_REPOSITORY) && !GITHUB_REPOSITORY.matcher(name).matches()) {
                problems.add(new Problem("github.repositories[\"" + name + "\"]", "\"" + name + "\" is not a repository "
                        + "name: 1–100 letters, digits, '.', '_' or '-' (the ids go in \"id\", not in the name)"));
            }
        });
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        setup.targets().forEach(t -> t.subjects().forEach(s -> {
            if (s.repository() != null) {
                used.add(s.repository());
            }
        }));
        boolean ids = used.stream().anyMatch(r -> g.formatOf(r).admitsIds());
        if (ids && g.serverHost() != null) {
            problems.add(new Problem("github.subjectFormat", "GitHub Enterprise Server does not issue immutable subjects; "
                    + "use \"names\""));
            return;
        }
        if (ids && g.ownerId() == null) {
            problems.add(new Problem("github.ownerId", "required: the immutable sub form carries the owner's numeric id "
                    + "(GET /users/" + g.owner() + " or /orgs/" + g.owner() + " gives it as \"id\")"));
        }
        for (String repository : used) {
            if (!repository.equals(Subject.ANY_REPOSITORY) && g.formatOf(repository).admitsIds()
                    && g.idOf(repository) == null) {
                problems.add(new Problem(LocatedJson.child("github.repositories", repository) + ".id", "required: "
                        + "repository " + repository + " takes the immutable sub form (" + g.formatOf(repository).json()
                        + "), which carries its numeric id (GET /repos/" + g.owner() + "/" + repository
                        + " gives it as \"id\")"));
            }
        }
    }

    /** The lint rules about risky production access that a target may accept, with a reason. */
    public static final List<String> ACCEPTABLE_RISKS = List.of("RC104", "RC107", "RC108", "RC403");

    private static Set<String> oidcRoleNames(Tooling tooling, List<Target> targets) {
        Set<String> names = new HashSet<>();
        if (tooling.oidcRoles() == OidcRoles.SHARED) {
            names.add(tooling.oidcRoleName().toLowerCase(java.util.Locale.ROOT));
        } else {
            targets.stream().filter(t -> t.name() != null)
                    .forEach(t -> names.add((tooling.oidcRoleName() + "-" + t.name()).toLowerCase(java.util.Locale.ROOT)));
        }
        return names;
    }

    private void subjects(Target t, String path, List<Problem> problems) {
        if (t.subjects().isEmpty()) {
            problems.add(new Problem(path + ".subjects", "needs at least one subject: who may deploy to this target"));
        }
        for (int j = 0; j < t.subjects().size(); j++) {
            Subject s = t.subjects().get(j);
            String sp = path + ".subjects[" + j + "]";
            if (required(s.repository(), sp + ".repository", problems) && !s.repository().equals(Subject.ANY_REPOSITORY)) {
                check(GITHUB_REPOSITORY, s.repository(), sp + ".repository",
                        "a repository name of the owner (1–100 letters, digits, '.', '_' or '-') or \"*\" for every "
                                + "repository", problems);
                if (s.repository().equals(".") || s.repository().equals("..")) {
                    problems.add(new Problem(sp + ".repository", "\".\" and \"..\" are not repository names"));
                }
            }
            Subject.Kind kind = s.kind();
            if (kind instanceof Subject.Branch b) {
                refPattern(b.pattern(), sp + ".branch", "branch", problems);
            } else if (kind instanceof Subject.Tag tag) {
                refPattern(tag.pattern(), sp + ".tag", "tag", problems);
            } else if (kind instanceof Subject.Environment e && required(e.name(), sp + ".environment", problems)) {
                String name = e.name();
                if (name.length() > 255 || name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                        || name.contains("*") || name.contains("?") || name.contains(":")) {
                    problems.add(new Problem(sp + ".environment", "\"" + name
                            + "\" is not an environment name: 1–255 characters, no control characters, no '*', '?' or ':'"));
                } else if (policyCharacters(name, sp + ".environment", problems)) {
                    noExpression(name, sp + ".environment", problems);
                }
            }
        }
    }

    private static void refPattern(String pattern, String path, String what, List<Problem> problems) {
        if (!required(pattern, path, problems)) {
            return;
        }
        String rule = "a " + what + " name or pattern (* and ? are wildcards) that git allows: 1–255 characters, no "
                + "spaces, control characters, ~ ^ : \\ [ or \"..\", not starting with '/' or '-', not ending with '/' or '.'";
        boolean bad = pattern.isEmpty() || pattern.length() > 255
                || pattern.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || "~^:\\[".indexOf(c) >= 0)
                || pattern.contains("..") || pattern.startsWith("/") || pattern.startsWith("-")
                || pattern.endsWith("/") || pattern.endsWith(".") || pattern.contains("//") || pattern.contains("@{");
        if (bad) {
            problems.add(new Problem(path, "\"" + pattern + "\" is not " + rule));
        } else if (policyCharacters(pattern, path, problems)) {
            noExpression(pattern, path, problems);
        }
    }

    /**
     * IAM: a policy document holds only tab, line feed, carriage return and U+0020–U+00FF. Values that
     * land in a trust policy (sub patterns, environment names, the audience) must keep to that too.
     */
    private static boolean policyCharacters(String value, String path, List<Problem> problems) {
        int bad = firstNonPolicyCharacter(value);
        if (bad >= 0) {
            problems.add(new Problem(path, "\"" + value + "\" holds " + describe(value.codePointAt(bad))
                    + ", which IAM does not allow in a policy document (allowed: tab, line feed, carriage return "
                    + "and U+0020–U+00FF)"));
            return false;
        }
        return true;
    }

    private static int firstNonPolicyCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xff))) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(int codePoint) {
        return String.format(java.util.Locale.ROOT, "'%s' (U+%04X)", new String(Character.toChars(codePoint)), codePoint);
    }

    /** GitHub Actions evaluates {@code ${{ }}} in the workflow values these land in; no escape exists. */
    private static void noExpression(String value, String path, List<Problem> problems) {
        if (value.contains("${{")) {
            problems.add(new Problem(path, "\"" + value + "\" contains \"${{\", which GitHub Actions would evaluate "
                    + "as an expression in the workflow; remove it"));
        }
    }

    private void inlinePolicies(Target t, String path, List<Problem> problems) {
        int total = 0;
        for (Map.Entry<String, String> entry : t.inlinePolicies().entrySet()) {
            String pp = path + ".inlinePolicies" + (entry.getKey().matches("[A-Za-z_][A-Za-z0-9_-]*")
                    ? "." + entry.getKey() : "[\"" + entry.getKey() + "\"]");
            check(POLICY_NAME, entry.getKey(), pp, "a policy name: 1–128 letters, digits and _+=,.@-", problems);
            int bad = firstNonPolicyCharacter(entry.getValue());
            if (bad >= 0) {
                problems.add(new Problem(pp, "the policy holds " + describe(entry.getValue().codePointAt(bad))
                        + ", which IAM does not allow in a policy document (allowed: tab, line feed, carriage return "
                        + "and U+0020–U+00FF; write other characters as \\u escapes only if IAM accepts them there)"));
            }
            for (String problem : policyCheck.problems(entry.getValue())) {
                problems.add(new Problem(pp, "not a valid IAM policy: " + problem));
            }
            total += entry.getValue().replaceAll("\\s", "").length();
        }
        if (total > ROLE_INLINE_POLICIES_MAX_CHARS) {
            problems.add(new Problem(path + ".inlinePolicies", "the inline policies add up to " + total
                    + " characters; IAM allows " + ROLE_INLINE_POLICIES_MAX_CHARS
                    + " per role (whitespace not counted): use managed policies for the rest"));
        }
    }

    private void workflow(Workflow w, List<Problem> problems) {
        if (required(w.actionRef(), "workflow.actionRef", problems)) {
            check(ACTION_REF, w.actionRef(), "workflow.actionRef",
                    "an action reference owner/repo@ref such as aws-actions/configure-aws-credentials@v6", problems);
        }
        if (w.region() != null) {
            check(REGION, w.region(), "workflow.region", "an AWS region code such as us-east-1", problems);
        }
        if (required(w.roleSessionName(), "workflow.roleSessionName", problems)) {
            check(SESSION_NAME, w.roleSessionName(), "workflow.roleSessionName",
                    "2–64 letters, digits and _+=,.@- (the STS RoleSessionName rule)", problems);
        }
        if (w.durationSeconds() > CHAINED_SESSION_MAX_SECONDS) {
            problems.add(new Problem("workflow.durationSeconds", w.durationSeconds()
                    + " seconds is too long for the chained session: role chaining limits a session to "
                    + CHAINED_SESSION_MAX_SECONDS + " seconds and STS rejects a longer duration; allowed: "
                    + SESSION_MIN_SECONDS + "–" + CHAINED_SESSION_MAX_SECONDS));
        } else if (w.durationSeconds() < SESSION_MIN_SECONDS) {
            problems.add(new Problem("workflow.durationSeconds", w.durationSeconds()
                    + " seconds is below STS's minimum; allowed: " + SESSION_MIN_SECONDS + "–" + CHAINED_SESSION_MAX_SECONDS));
        }
    }

    // ---------------------------------------------------------------- organization targets

    /** AWS's patterns for an organization, root and OU id (Organizations API reference). */
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
    private static final Pattern OU_ID = Pattern.compile("ou-([0-9a-z]{4,32})-[a-z0-9]{8,32}");

    /** A target of organizational units: its OUs, regions and no account of its own. True when sound. */
    private static boolean organizationTarget(Setup setup, Target t, String path, List<Problem> problems) {
        boolean sound = true;
        if (!Target.MEMBER_ACCOUNTS.equals(t.accountId())) {
            problems.add(new Problem(path + ".accountId", "a target names either \"accountId\" (one account) or "
                    + "\"organizationalUnitIds\" (every member account of those OUs), not both"));
            sound = false;
        }
        if (t.profile() != null) {
            problems.add(new Problem(path + ".profile", "a target of organizational units has no per-account profile: "
                    + "its StackSet is created under organizations.profile (the management or delegated administrator "
                    + "account)"));
        }
        Organizations org = setup.organizations();
        if (org == null) {
            problems.add(new Problem(path + ".organizationalUnitIds", "needs \"organizations\": {\"id\": \"o-…\", "
                    + "\"rootId\": \"r-…\", \"profile\": \"<management or delegated admin profile>\"} in the Setup"));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < t.organizationalUnitIds().size(); j++) {
            String ou = t.organizationalUnitIds().get(j);
            String at = path + ".organizationalUnitIds[" + j + "]";
            java.util.regex.Matcher m = OU_ID.matcher(ou == null ? "" : ou);
            if (!m.matches()) {
                problems.add(new Problem(at, "\"" + ou + "\" is not an OU id: ou-, 4–32 lower-case letters or digits "
                        + "(the root's), -, 8–32 more, e.g. ou-ab12-cd34ef56"));
                sound = false;
            } else if (org != null && org.rootId() != null && !org.rootId().equals("r-" + m.group(1))) {
                problems.add(new Problem(at, ou + " is an OU under root r-" + m.group(1) + ", not under organizations.rootId "
                        + org.rootId()));
                sound = false;
            } else if (!seen.add(ou)) {
                problems.add(new Problem(at, "lists " + ou + " twice"));
            }
        }
        for (int j = 0; j < t.regions().size(); j++) {
            check(REGION, t.regions().get(j), path + ".regions[" + j + "]", "an AWS region code such as us-east-1",
                    problems);
        }
        return sound;
    }

    private static void organizations(Setup setup, List<Problem> problems) {
        if (setup.hasOrganizationTargets()) {
            // the placeholder of "each member account" must not be a real account of the same Setup
            if (setup.tooling() != null && Target.MEMBER_ACCOUNTS.equals(setup.tooling().accountId())) {
                problems.add(new Problem("tooling.accountId", Target.MEMBER_ACCOUNTS + " is not an account AWS "
                        + "assigns; with targets of OUs Rolechain uses it to stand for their member accounts"));
            }
            for (int i = 0; i < setup.targets().size(); i++) {
                Target t = setup.targets().get(i);
                if (!t.organizational() && Target.MEMBER_ACCOUNTS.equals(t.accountId())) {
                    problems.add(new Problem(FieldPath.target(i) + ".accountId", Target.MEMBER_ACCOUNTS + " is not an "
                            + "account AWS assigns; with targets of OUs Rolechain uses it to stand for their member accounts"));
                }
            }
        }
        Organizations org = setup.organizations();
        if (org == null) {
            return;
        }
        if (required(org.id(), "organizations.id", problems)) {
            check(ORGANIZATION_ID, org.id(), "organizations.id", "an organization id: o- and 10–32 lower-case letters "
                    + "or digits", problems);
        }
        if (required(org.rootId(), "organizations.rootId", problems)) {
            check(ROOT_ID, org.rootId(), "organizations.rootId", "the organization's root id: r- and 4–32 lower-case "
                    + "letters or digits", problems);
        }
        if (setup.hasOrganizationTargets() && required(org.profile(), "organizations.profile", problems)) {
            profile(org.profile(), "organizations.profile", problems);
        } else {
            profile(org.profile(), "organizations.profile", problems);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean accountId(String value, String path, List<Problem> problems) {
        return required(value, path, problems)
                && check(ACCOUNT_ID, value, path, "an AWS account id: exactly 12 digits", problems);
    }

    private static void profile(String value, String path, List<Problem> problems) {
        if (value != null) {
            check(PROFILE, value, path, "an AWS profile name from ~/.aws/config (no spaces or brackets)", problems);
        }
    }

    private static void maxSession(int seconds, String path, List<Problem> problems) {
        if (seconds < ROLE_MAX_SESSION_MIN || seconds > ROLE_MAX_SESSION_MAX) {
            problems.add(new Problem(path, seconds + " is outside IAM's range for a role's maximum session: "
                    + ROLE_MAX_SESSION_MIN + "–" + ROLE_MAX_SESSION_MAX + " seconds"));
        }
    }

    private static String roleNameRule() {
        return "an IAM role name: 1–64 letters, digits and _+=,.@- (not \".\" or \"..\", which cannot name the "
                + "role's folder in the export)";
    }

    private static boolean required(String value, String path, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(path, "required"));
            return false;
        }
        return true;
    }

    private static boolean check(Pattern pattern, String value, String path, String rule, List<Problem> problems) {
        if (!pattern.matcher(value).matches()) {
            problems.add(new Problem(path, "\"" + value + "\" is not " + rule));
            return false;
        }
        return true;
    }
}
