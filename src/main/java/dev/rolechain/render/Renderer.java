package dev.rolechain.render;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a planned state into the files a platform engineer reviews: Terraform (one provider per
 * account), the GitHub Actions workflow, every policy as JSON, and a README for the reviewer. One
 * FreeMarker template per artifact under {@code templates/}; values are escaped by helpers.
 */
public final class Renderer {

    private final Configuration freemarker;

    public Renderer() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(Renderer.class, "/templates");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setNumberFormat("computer");
        freemarker.setSharedVariable("hcl", helper(args -> Escape.hcl(string(args, 0))));
        freemarker.setSharedVariable("hclKey", helper(args -> Escape.hclKey(string(args, 0))));
        freemarker.setSharedVariable("yaml", helper(args -> Escape.yaml(string(args, 0))));
        freemarker.setSharedVariable("md", helper(args -> Escape.markdownCode(string(args, 0))));
        freemarker.setSharedVariable("actionsString", helper(args -> Escape.actionsString(string(args, 0))));
    }

    /** Where the verification workflow goes in a repository (and in the export). */
    public static final String VERIFY_WORKFLOW = ".github/workflows/rolechain-verify.yml";

    /** Every artifact of the export, in a stable order. */
    public List<Artifact> render(DesiredState state) {
        return render(state, false);
    }

    /** The export, with the verification workflow when {@code verifyWorkflow}. */
    public List<Artifact> render(DesiredState state, boolean verifyWorkflow) {
        return render(state, verifyWorkflow, Map.of());
    }

    /**
     * The export, with the member accounts of organization targets (target name → account ids, as Organizations
     * lists them) written into the workflows' matrices; a target not in the map reads them from a repository
     * variable ({@link #accountsVariable}).
     */
    public List<Artifact> render(DesiredState state, boolean verifyWorkflow, Map<String, List<String>> memberAccounts) {
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.addAll(terraform(state));
        artifacts.addAll(cloudFormation(state));
        artifacts.addAll(terraformGitHub(state));
        artifacts.add(new Artifact(".github/workflows/deploy.yml", workflow(state, memberAccounts)));
        if (verifyWorkflow) {
            artifacts.add(new Artifact(VERIFY_WORKFLOW, verifyWorkflow(state, memberAccounts)));
        }
        artifacts.addAll(policies(state));
        artifacts.add(new Artifact("README.md", readme(state, artifacts)));
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Artifact a : artifacts) {
            String key = java.nio.file.Path.of(a.path()).normalize().toString();
            if (key.startsWith("..") || !paths.add(key)) {
                throw new IllegalStateException("two files of the export would be " + a.path()
                        + " (the validator must refuse the names that lead here)");
            }
        }
        return artifacts;
    }

    // ---------------------------------------------------------------- Terraform

    public List<Artifact> terraform(DesiredState state) {
        Map<String, Object> model = terraformModel(state);
        List<Artifact> files = new ArrayList<>();
        files.add(new Artifact("terraform/versions.tf", process("terraform/versions.tf.ftl", model)));
        files.add(new Artifact("terraform/variables.tf", process("terraform/variables.tf.ftl", model)));
        files.add(new Artifact("terraform/providers.tf", process("terraform/providers.tf.ftl", model)));
        files.add(new Artifact("terraform/tooling.tf", process("terraform/tooling.tf.ftl", model)));
        perTarget(model, "targets", "target", "target", files);
        perTarget(model, "stackSets", "s", "stackset", files);
        files.add(new Artifact("terraform/outputs.tf", process("terraform/outputs.tf.ftl", model)));
        return files;
    }

    /** One file per entry of a list of the model ({@code terraform/<kind>-<name>.tf}), the entry under {@code key}. */
    private void perTarget(Map<String, Object> model, String list, String key, String kind, List<Artifact> files) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) model.get(list);
        for (Map<String, Object> entry : entries) {
            Map<String, Object> entryModel = new HashMap<>(model);
            entryModel.put(key, entry);
            files.add(new Artifact("terraform/" + kind + "-" + entry.get("name") + ".tf",
                    process("terraform/" + kind + ".tf.ftl", entryModel)));
        }
    }

    /** Where an organization target's StackSet template goes in the export. */
    public static String cloudFormationPath(Chain chain) {
        return "cloudformation/" + chain.targetName() + "-deploy-role.yaml";
    }

    /** The name of an organization target's StackSet (unique per target name; 128 characters at most). */
    public static String stackSetName(Chain chain) {
        return "rolechain-" + chain.targetName();
    }

    /** The deploy role an organization chain plans (the same in every member account). */
    public static Role memberRole(DesiredState state, Chain chain) {
        return state.account(chain.targetAccountId()).orElseThrow().role(chain.target().roleName()).orElseThrow();
    }

    /** Per organization target, the CloudFormation template its StackSet deploys. */
    public List<Artifact> cloudFormation(DesiredState state) {
        List<Artifact> files = new ArrayList<>();
        for (Chain chain : state.organizationChains()) {
            files.add(new Artifact(cloudFormationPath(chain),
                    CloudFormationTemplate.yaml(chain, memberRole(state, chain), state.owner())));
        }
        return files;
    }

    /** The repository variable that lists an organization target's accounts for the workflow's matrix. */
    public static String accountsVariable(Chain chain) {
        return "ROLECHAIN_ACCOUNTS_" + chain.targetName().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /**
     * A second Terraform root, {@code terraform-github/}, for the {@code integrations/github} provider: each
     * protected environment of each repository with its reviewers (looked up by login and team slug), the
     * self-review rule, the wait timer and its deployment branch patterns. Empty when the Setup names none.
     */
    public List<Artifact> terraformGitHub(DesiredState state) {
        Setup setup = state.setup();
        List<Map.Entry<String, String>> pairs = setup.protectedEnvironments();
        if (pairs.isEmpty()) {
            return List.of();
        }
        Identifiers data = new Identifiers();
        Identifiers resources = new Identifiers();
        Map<String, String> userIds = new LinkedHashMap<>();
        Map<String, String> teamIds = new LinkedHashMap<>();
        List<Map<String, Object>> environments = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs) {
            dev.rolechain.setup.GitHub.Environment protection = setup.github().environments().get(pair.getValue());
            List<String> users = new ArrayList<>();
            List<String> teams = new ArrayList<>();
            for (String reviewer : protection.reviewers()) {
                String key = reviewer.toLowerCase(java.util.Locale.ROOT);
                if (reviewer.contains("/")) {
                    teams.add(teamIds.computeIfAbsent(key, k -> data.take("team_" + Escape.hclName(k))));
                } else {
                    users.add(userIds.computeIfAbsent(key, k -> data.take("user_" + Escape.hclName(k))));
                }
            }
            String id = resources.take(Escape.hclName(pair.getKey() + "_" + pair.getValue()));
            List<Map<String, Object>> branches = new ArrayList<>();
            for (String pattern : protection.branches()) {
                branches.add(Map.of("id", resources.take(id + "_" + Escape.hclName(pattern)), "pattern", pattern));
            }
            Map<String, Object> env = new HashMap<>();
            env.put("id", id);
            env.put("repository", pair.getKey());
            env.put("environment", pair.getValue());
            env.put("preventSelfReview", protection.preventSelfReview());
            env.put("waitMinutes", protection.waitMinutes());
            env.put("users", users);
            env.put("teams", teams);
            env.put("branches", branches);
            environments.add(env);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("owner", setup.github().owner());
        List<Map<String, Object>> users = new ArrayList<>();
        userIds.forEach((login, id) -> users.add(Map.of("id", id, "login", login)));
        List<Map<String, Object>> teams = new ArrayList<>();
        teamIds.forEach((team, id) -> teams.add(Map.of("id", id, "slug", team.substring(team.indexOf('/') + 1))));
        model.put("users", users);
        model.put("teams", teams);
        model.put("environments", environments);
        return List.of(new Artifact("terraform-github/main.tf", process("terraform-github/main.tf.ftl", model)),
                new Artifact("terraform-github/environments.tf", process("terraform-github/environments.tf.ftl", model)));
    }

    private Map<String, Object> terraformModel(DesiredState state) {
        Setup setup = state.setup();
        Map<String, Object> model = new HashMap<>();
        model.put("owner", setup.github().owner());
        model.put("region", setup.tooling().region());
        model.put("toolingAccountId", state.toolingAccountId());
        model.put("toolingProfile", hclOrNull(setup.tooling().profile()));
        model.put("createProvider", state.createProvider());
        model.put("providerUrl", state.issuer().url());
        model.put("providerTags", Hcl.object(hclStrings(Map.of("managed-by", "rolechain")), 1));
        model.put("audiences", "[" + Escape.hcl(state.audience()) + "]");

        IamAccount tooling = state.tooling();
        boolean shared = setup.tooling().oidcRoles() == dev.rolechain.setup.OidcRoles.SHARED;
        // One namespace per kind of Terraform name; the fixed names of the templates are taken first.
        Identifiers variables = new Identifiers("region", "profile_tooling", "profile_organizations");
        Identifiers roles = new Identifiers();
        Identifiers rolePolicies = new Identifiers();
        List<Map<String, Object>> oidcRoles = new ArrayList<>();
        Map<String, String> oidcRoleIds = new LinkedHashMap<>();
        for (Chain chain : state.chains()) {
            if (!oidcRoleIds.containsKey(chain.oidcRoleName())) {
                String id = roles.take(shared ? "oidc" : "oidc_" + Escape.hclName(chain.target().name()));
                oidcRoleIds.put(chain.oidcRoleName(), id);
                oidcRoles.add(roleModel(tooling.role(chain.oidcRoleName()).orElseThrow(), id, rolePolicies));
            }
        }
        model.put("oidcRoles", oidcRoles);

        List<Map<String, Object>> targets = new ArrayList<>();
        List<Map<String, Object>> stackSets = new ArrayList<>();
        Map<String, String> deployOutputs = new LinkedHashMap<>();
        Map<String, String> oidcOutputs = new LinkedHashMap<>();
        Identifiers stackSetIds = new Identifiers();
        for (Chain chain : state.chains()) {
            Target target = chain.target();
            if (chain.organizational()) {
                String id = stackSetIds.take("deploy_" + Escape.hclName(target.name()));
                Map<String, Object> m = new HashMap<>();
                m.put("id", id);
                m.put("name", target.name());
                m.put("stackSetName", Escape.hcl(stackSetName(chain)));
                m.put("description", Escape.hcl("Rolechain: deploy role " + target.roleName() + " of target "
                        + target.name() + " in each member account of " + String.join(", ", target.organizationalUnitIds())));
                m.put("templateFile", "file(\"${path.module}/../" + cloudFormationPath(chain) + "\")");
                m.put("ous", "[" + String.join(", ", target.organizationalUnitIds().stream().map(Escape::hcl).toList()) + "]");
                m.put("regions", "[" + String.join(", ", target.effectiveRegions(setup.tooling()).stream().map(Escape::hcl)
                        .toList()) + "]");
                m.put("retain", setup.organizations().retainStacksOnAccountRemoval());
                m.put("dependsOn", "aws_iam_role." + oidcRoleIds.get(chain.oidcRoleName()));
                m.put("ouList", String.join(", ", target.organizationalUnitIds()));
                m.put("production", target.production());
                stackSets.add(m);
                oidcOutputs.put(target.name(), m.get("dependsOn") + ".arn");
                deployOutputs.put(target.name(), Escape.hcl(chain.deployRoleArn().replace(":" + Target.MEMBER_ACCOUNTS
                        + ":", ":<member account>:")));
                continue;
            }
            IamAccount account = state.account(target.accountId()).orElseThrow();
            Role role = account.role(target.roleName()).orElseThrow();
            String id = roles.take("deploy_" + Escape.hclName(target.name()));
            Map<String, Object> m = roleModel(role, id, rolePolicies);
            m.put("name", target.name());
            m.put("accountId", target.accountId());
            m.put("alias", Escape.hclName(target.name()));
            m.put("profileVariable", variables.take("profile_" + Escape.hclName(target.name())));
            m.put("profile", hclOrNull(target.profile()));
            m.put("dependsOn", "aws_iam_role." + oidcRoleIds.get(chain.oidcRoleName()));
            m.put("production", target.production());
            targets.add(m);
        }
        model.put("targets", targets);
        model.put("stackSets", stackSets);
        model.put("organizationsProfile", setup.organizations() == null ? "null" : hclOrNull(setup.organizations().profile()));
        for (Map<String, Object> t : targets) {
            oidcOutputs.put((String) t.get("name"), t.get("dependsOn") + ".arn");
            deployOutputs.put((String) t.get("name"), "aws_iam_role." + t.get("id") + ".arn");
        }
        model.put("oidcRoleOutputs", Hcl.object(oidcOutputs, 1));
        model.put("deployRoleOutputs", Hcl.object(deployOutputs, 1));
        return model;
    }

    /** Terraform names of one kind, unique: the readable one, or it with _2, _3, … where two would meet. */
    private static final class Identifiers {
        private final Set<String> used = new java.util.HashSet<>();

        Identifiers(String... fixed) {
            used.addAll(List.of(fixed));
        }

        String take(String readable) {
            String id = readable;
            for (int n = 2; !used.add(id); n++) {
                id = readable + "_" + n;
            }
            return id;
        }
    }

    private static Map<String, Object> roleModel(Role role, String id, Identifiers policyIds) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("roleName", Escape.hcl(role.name()));
        m.put("path", Escape.hcl(role.path()));
        m.put("description", Escape.hcl(role.description()));
        m.put("maxSession", role.maxSessionDuration());
        m.put("boundary", role.permissionsBoundaryArn() == null ? null : Escape.hcl(role.permissionsBoundaryArn()));
        m.put("trust", Hcl.expression(PolicyJson.toTree(role.trustPolicy()), 1));
        m.put("tags", Hcl.object(hclStrings(role.tags()), 1));
        List<Map<String, Object>> inline = new ArrayList<>();
        role.inlinePolicies().forEach((name, doc) -> {
            String policyId = policyIds.take(id + "_" + Escape.hclName(name));
            inline.add(Map.of("id", policyId, "name", Escape.hcl(name), "policy", Hcl.expression(PolicyJson.toTree(doc), 1)));
        });
        m.put("inlinePolicies", inline);
        List<String> arns = role.managedPolicyArns().stream().map(Escape::hcl).toList();
        m.put("managedPolicyArns", arns.isEmpty() ? null : "[" + String.join(", ", arns) + "]");
        return m;
    }

    private static Map<String, String> hclStrings(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Escape.hcl(v)));
        return out;
    }

    private static String hclOrNull(String value) {
        return value == null ? "null" : Escape.hcl(value);
    }

    // ---------------------------------------------------------------- workflow

    public String workflow(DesiredState state) {
        return workflow(state, Map.of());
    }

    public String workflow(DesiredState state, Map<String, List<String>> memberAccounts) {
        Setup setup = state.setup();
        Map<String, Object> model = new HashMap<>();
        model.put("owner", setup.github().owner());
        model.put("actionRef", setup.workflow().actionRef());
        model.put("region", setup.workflow().effectiveRegion(setup.tooling()));
        model.put("sessionName", setup.workflow().roleSessionName());
        model.put("duration", setup.workflow().durationSeconds());
        model.put("sessionTagging", setup.workflow().sessionTagging());
        model.put("audience", state.audience().equals(dev.rolechain.setup.GitHub.DEFAULT_AUDIENCE) ? null : state.audience());
        Set<String> branches = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        boolean pullRequests = false;
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Chain chain : state.chains()) {
            Target target = chain.target();
            List<String> environments = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            boolean always = false;
            for (Subject subject : target.subjects()) {
                Subject.Kind kind = subject.kind();
                if (kind instanceof Subject.Branch b) {
                    branches.add(Escape.githubFilter(b.pattern()));
                    always |= !addRefCondition(conditions, "refs/heads/", b.pattern());
                } else if (kind instanceof Subject.Tag t) {
                    tags.add(Escape.githubFilter(t.pattern()));
                    always |= !addRefCondition(conditions, "refs/tags/", t.pattern());
                } else if (kind instanceof Subject.Environment e) {
                    if (!environments.contains(e.name())) {
                        environments.add(e.name());
                    }
                } else if (kind instanceof Subject.PullRequest) {
                    pullRequests = true;
                    conditions.add("github.event_name == 'pull_request'");
                } else {
                    always = true;
                }
            }
            Map<String, Object> job = new HashMap<>();
            job.put("id", "deploy-" + target.name());
            job.put("name", "Deploy to " + target.name() + " (" + accountLabel(chain) + ")");
            String refs = always || !environments.isEmpty() || conditions.isEmpty()
                    ? null : String.join(" || ", new LinkedHashSet<>(conditions));
            if (!environments.isEmpty()) {
                refs = environmentRefs(setup, environments);
            }
            job.put("condition", guard(setup.github().owner(), target, refs));
            job.put("environments", environments);
            job.put("oidcRoleArn", chain.oidcRoleArn());
            organizationJob(job, chain, memberAccounts);
            job.put("externalId", target.externalId());
            jobs.add(job);
        }
        model.put("branches", List.copyOf(branches));
        model.put("tags", List.copyOf(tags));
        model.put("pullRequests", pullRequests);
        model.put("jobs", jobs);
        return process("workflow/deploy.yml.ftl", model);
    }

    /**
     * The verification workflow: on {@code workflow_dispatch} (input {@code target}), per target the two
     * configure-aws-credentials steps of its deploy job, each allowed to fail, and one {@code ROLECHAIN-VERIFY}
     * line per hop with its outcome. A target whose subjects are all environments runs in the first one, as
     * its deploy job does (its protection rules then apply: reviewers approve the run).
     */
    public String verifyWorkflow(DesiredState state) {
        return verifyWorkflow(state, Map.of());
    }

    public String verifyWorkflow(DesiredState state, Map<String, List<String>> memberAccounts) {
        Setup setup = state.setup();
        Map<String, Object> model = new HashMap<>();
        model.put("owner", setup.github().owner());
        model.put("actionRef", setup.workflow().actionRef());
        model.put("region", setup.workflow().effectiveRegion(setup.tooling()));
        model.put("sessionTagging", setup.workflow().sessionTagging());
        model.put("toolingAccountId", state.toolingAccountId());
        model.put("audience", state.audience().equals(dev.rolechain.setup.GitHub.DEFAULT_AUDIENCE) ? null : state.audience());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Chain chain : state.chains()) {
            Target target = chain.target();
            Map<String, Object> job = new HashMap<>();
            job.put("id", "verify-" + target.name());
            job.put("name", "Verify " + target.name() + " (" + accountLabel(chain) + ")");
            job.put("target", target.name());
            job.put("condition", "inputs.target == '' || inputs.target == " + Escape.actionsString(target.name()));
            boolean environmentsOnly = target.subjects().stream().allMatch(s -> s.kind() instanceof Subject.Environment);
            target.subjects().stream().filter(s -> environmentsOnly && s.kind() instanceof Subject.Environment)
                    .map(s -> ((Subject.Environment) s.kind()).name()).findFirst().ifPresent(e -> job.put("environment", e));
            job.put("oidcRoleArn", chain.oidcRoleArn());
            organizationJob(job, chain, memberAccounts);
            job.put("externalId", target.externalId());
            jobs.add(job);
        }
        model.put("jobs", jobs);
        return process("workflow/rolechain-verify.yml.ftl", model);
    }

    /** How a job names where it deploys: the account, or each member account of the target's OUs. */
    private static String accountLabel(Chain chain) {
        return chain.organizational() ? "each account of " + String.join(", ", chain.target().organizationalUnitIds())
                : chain.targetAccountId();
    }

    /**
     * The deploy role and account of a job: for a target of OUs, a matrix over the accounts the repository
     * variable {@link #accountsVariable} lists (a JSON array of account ids), the role named in each.
     */
    private static void organizationJob(Map<String, Object> job, Chain chain, Map<String, List<String>> memberAccounts) {
        if (chain.organizational()) {
            List<String> listed = memberAccounts.get(chain.targetName());
            if (listed != null) {
                if (listed.stream().anyMatch(a -> !a.matches("\\d{12}"))) {
                    throw new IllegalArgumentException("member accounts of target " + chain.targetName()
                            + " must be 12-digit account ids: " + listed);
                }
                job.put("accounts", "[" + String.join(", ", listed.stream().map(a -> "\"" + a + "\"").toList()) + "]");
            } else {
                job.put("accounts", "${{ fromJSON(vars." + accountsVariable(chain) + ") }}");
            }
            job.put("accountId", "${{ matrix.account }}");
            job.put("deployRoleArn", chain.deployRoleArn().replace(":" + Target.MEMBER_ACCOUNTS + ":",
                    ":${{ matrix.account }}:"));
        } else {
            job.put("accountId", chain.targetAccountId());
            job.put("deployRoleArn", chain.deployRoleArn());
        }
    }

    /**
     * The job's {@code if:}: the repositories the target admits (a copy of the workflow in another repository
     * of the owner does not even try; skipped when the target admits every repository), and the refs.
     */
    private static String guard(String owner, Target target, String refs) {
        Set<String> repositories = new LinkedHashSet<>();
        target.subjects().forEach(s -> repositories.add(s.repository()));
        String repos = repositories.contains(Subject.ANY_REPOSITORY) ? null : String.join(" || ", repositories.stream()
                .map(r -> "github.repository == " + Escape.actionsString(owner + "/" + r)).toList());
        if (repos == null) {
            return refs;
        }
        if (refs == null) {
            return repos;
        }
        return "(" + repos + ") && (" + refs + ")";
    }

    /**
     * The refs an environment job may run on: the deployment branches the Setup gives its environments, as far
     * as an expression can say them (GitHub's branch policy is the gate; this keeps other refs from even
     * asking). Null when an environment has no branches in the Setup or a pattern is beyond an expression.
     */
    private static String environmentRefs(Setup setup, List<String> environments) {
        List<String> conditions = new ArrayList<>();
        for (String environment : environments) {
            dev.rolechain.setup.GitHub.Environment protection = setup.github().environments().get(environment);
            if (protection == null || protection.branches().isEmpty()) {
                return null;
            }
            for (String branch : protection.branches()) {
                String iam = branch.replace("**", "*");
                if (!addRefCondition(conditions, "refs/heads/", iam)) {
                    return null;
                }
            }
        }
        return String.join(" || ", new LinkedHashSet<>(conditions));
    }

    /** Adds the {@code if:} test for a ref pattern; false when a GitHub expression cannot say it. */
    private static boolean addRefCondition(List<String> conditions, String prefix, String pattern) {
        int star = pattern.indexOf('*');
        boolean wildcard = star >= 0 || pattern.indexOf('?') >= 0;
        if (!wildcard) {
            conditions.add("github.ref == " + Escape.actionsString(prefix + pattern));
            return true;
        }
        if (star == pattern.length() - 1 && pattern.indexOf('?') < 0 && !pattern.substring(0, star).contains("*")) {
            conditions.add("startsWith(github.ref, " + Escape.actionsString(prefix + pattern.substring(0, star)) + ")");
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- policies and README

    public List<Artifact> policies(DesiredState state) {
        List<Artifact> files = new ArrayList<>();
        for (IamAccount account : state.accounts()) {
            for (Role role : account.roles()) {
                String dir = "policies/" + (state.setup().hasOrganizationTargets()
                        && account.accountId().equals(Target.MEMBER_ACCOUNTS) ? "member-accounts"
                        : account.accountId()) + "/" + role.name() + "/";
                files.add(new Artifact(dir + "trust.json", PolicyJson.print(role.trustPolicy())));
                for (Map.Entry<String, PolicyDocument> inline : role.inlinePolicies().entrySet()) {
                    files.add(new Artifact(dir + "inline-" + inline.getKey() + ".json", PolicyJson.print(inline.getValue())));
                }
            }
        }
        return files;
    }

    private String readme(DesiredState state, List<Artifact> artifacts) {
        Setup setup = state.setup();
        Map<String, Object> model = new HashMap<>();
        model.put("owner", setup.github().owner());
        model.put("issuer", state.issuer().url());
        model.put("audience", state.audience());
        model.put("toolingAccountId", state.toolingAccountId());
        model.put("createProvider", state.createProvider());
        model.put("shared", setup.tooling().oidcRoles() == dev.rolechain.setup.OidcRoles.SHARED);
        List<Map<String, Object>> chains = new ArrayList<>();
        for (Chain chain : state.chains()) {
            Map<String, Object> c = new HashMap<>();
            c.put("target", chain.target().name());
            c.put("accountId", accountLabel(chain));
            c.put("production", chain.target().production());
            c.put("oidcRoleArn", chain.oidcRoleArn());
            c.put("deployRoleArn", chain.deployRoleArn().replace(":" + Target.MEMBER_ACCOUNTS + ":", ":<member account>:"));
            c.put("claims", chain.subjectClaims());
            c.put("managedPolicyArns", chain.target().managedPolicyArns());
            c.put("mixedEnvironment", chain.target().subjects().stream().anyMatch(s -> s.kind() instanceof Subject.Environment)
                    && chain.target().subjects().stream().anyMatch(s -> !(s.kind() instanceof Subject.Environment)));
            chains.add(c);
        }
        model.put("chains", chains);
        List<Map<String, Object>> accepted = new ArrayList<>();
        setup.targets().forEach(t -> t.acceptRisk().forEach((rule, reason) ->
                accepted.add(Map.of("target", t.name(), "rule", rule, "reason", reason))));
        model.put("acceptedRisks", accepted);
        model.put("files", artifacts.stream().map(Artifact::path).toList());
        model.put("githubRoot", !setup.protectedEnvironments().isEmpty());
        model.put("targetFiles", state.chains().stream().map(c -> "terraform/" + (c.organizational() ? "stackset-"
                : "target-") + c.target().name() + ".tf").toList());
        model.put("organizationTargets", state.organizationChains().stream().map(c -> Map.of("target", c.targetName(),
                "variable", accountsVariable(c), "stackSet", stackSetName(c), "template", cloudFormationPath(c),
                "ous", String.join(", ", c.target().organizationalUnitIds()))).toList());
        return process("README.md.ftl", model);
    }

    // ---------------------------------------------------------------- FreeMarker plumbing

    private String process(String name, Map<String, Object> model) {
        try {
            Template template = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name + " is missing or unreadable", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Helper {
        String apply(List<?> args) throws TemplateModelException;
    }

    private static TemplateMethodModelEx helper(Helper helper) {
        return args -> helper.apply(args);
    }

    private static String string(List<?> args, int index) throws TemplateModelException {
        Object arg = args.get(index);
        if (arg instanceof TemplateScalarModel scalar) {
            return scalar.getAsString();
        }
        if (arg instanceof TemplateNumberModel number) {
            return number.getAsNumber().toString();
        }
        throw new TemplateModelException("expected a string, got " + arg);
    }
}
