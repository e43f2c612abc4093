package dev.rolechain.lint;

import dev.rolechain.github.WorkflowFile;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.Evaluation;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupValidator;
import dev.rolechain.setup.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the rules over a Setup's planned state, a single policy, or a workflow file. */
public final class Linter {
    private final TrustLint trust;
    private final IdentityLint identity = new IdentityLint();
    private final WorkflowLint workflow;
    private final PolicyEvaluator evaluator;

    public Linter(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
        this.trust = new TrustLint(evaluator);
        this.workflow = new WorkflowLint(evaluator);
    }

    /** The kind of document {@link #lintPolicy} is given. */
    public enum PolicyType { TRUST, IDENTITY }

    public List<Finding> lintPolicy(String location, PolicyDocument policy, PolicyType type) {
        return lintDocument(location, policy, type, null, null, null);
    }

    /**
     * One document read from a file: a trust (of the role with that ARN and account, either may be null) or an identity
     * policy; with {@code github} (a Setup's GitHub side, may be null) a trust is also checked against the owner,
     * the audience and the sub forms the Setup gives.
     */
    public List<Finding> lintDocument(String location, PolicyDocument policy, PolicyType type, String roleArn,
            String accountId, dev.rolechain.setup.GitHub github) {
        if (type == PolicyType.IDENTITY) {
            return sorted(identity.lint(location, policy));
        }
        TrustContext context = github == null ? TrustContext.unknown()
                : new TrustContext(github.owner(), github.audience(), null, null, null);
        List<Finding> findings = new ArrayList<>(trust.lint(location, policy, context.forRole(roleArn, accountId)));
        if (github != null) {
            findings.addAll(subjectForms(location, policy, github));
        }
        return sorted(findings);
    }

    /**
     * One document as {@link dev.rolechain.iam.PolicyInputs} found it: its kind where the file says it, else
     * {@code bareType} when given, else a trust policy when a statement has a Principal (identity policies never do).
     * {@code account} stands for the role's account where the file does not name it (may be null).
     */
    public List<Finding> lintFound(String location, dev.rolechain.iam.PolicyInputs.Found found, PolicyType bareType,
            String account, dev.rolechain.setup.GitHub github) {
        PolicyType type = switch (found.kind()) {
            case TRUST -> PolicyType.TRUST;
            case IDENTITY -> PolicyType.IDENTITY;
            case UNKNOWN -> bareType != null ? bareType : found.document().statements().stream()
                    .anyMatch(st -> st.principal() != null || st.notPrincipal() != null) ? PolicyType.TRUST : PolicyType.IDENTITY;
        };
        return lintDocument(location, found.document(), type, found.roleArn(),
                found.accountId() != null ? found.accountId() : account, github);
    }

    /** One trust policy against a Setup's GitHub side: the rules of a lone policy, and RC109 on the sub forms. */
    public List<Finding> lintTrust(String location, PolicyDocument policy, dev.rolechain.setup.GitHub github) {
        return lintDocument(location, policy, PolicyType.TRUST, null, null, github);
    }

    private static final java.util.regex.Pattern SUB = java.util.regex.Pattern.compile(
            "repo:([^/@:]+)(?:@(\\d+))?/([^/@:]+)(?:@(\\d+))?(?::.*)?");

    /**
     * RC109: for each repository of the owner that an OIDC trust names, the sub forms it admits must be
     * the ones GitHub issues for it (names, immutable, or both while it migrates); a trust with only the
     * other form denies every token of the repository.
     */
    static List<Finding> subjectForms(String location, PolicyDocument policy, dev.rolechain.setup.GitHub github) {
        Map<String, java.util.Set<Boolean>> forms = new LinkedHashMap<>();
        for (var s : policy.statements()) {
            if (s.effect() != dev.rolechain.iam.Effect.ALLOW || s.principal() == null || !TrustLint.isOidc(s)) {
                continue;
            }
            for (var c : s.conditions()) {
                if (!c.key().toLowerCase(java.util.Locale.ROOT).endsWith(":sub") || c.operator().contains("Not")) {
                    continue;
                }
                for (String value : c.values()) {
                    java.util.regex.Matcher m = SUB.matcher(value);
                    if (m.matches() && m.group(1).equalsIgnoreCase(github.owner())) {
                        forms.computeIfAbsent(m.group(3), k -> new java.util.HashSet<>()).add(m.group(2) != null);
                    }
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        forms.forEach((repo, present) -> {
            dev.rolechain.setup.SubjectFormat format = github.formatOf(repo);
            if (format.admitsIds() && !present.contains(true)) {
                findings.add(Rule.RC109.at(location, "repository " + repo + " takes immutable subjects (" + format.json()
                        + "), but the trust admits it only by name: every GitHub token of it, "
                        + "repo:" + github.owner() + "@" + github.ownerId() + "/" + repo + "@" + github.idOf(repo)
                        + ":…, is denied"));
            }
            if (format.admitsNames() && !present.contains(false)) {
                findings.add(Rule.RC109.at(location, "repository " + repo + " takes subjects by name (" + format.json()
                        + "), but the trust admits it only in the immutable form: its tokens, repo:" + github.owner() + "/"
                        + repo + ":…, are denied"));
            }
        });
        return findings;
    }

    /** A workflow file (or composite action) alone, or against a Setup's planned state (null: none). */
    public List<Finding> lintWorkflow(String location, WorkflowFile file, DesiredState state) {
        return lintWorkflow(location, file, state, Map.of());
    }

    /**
     * A workflow file (or composite action) against the trusts that exist: a Setup's planned state (null: none) and
     * the trust policies of roles known by ARN ({@code knownRolesByArn}, which win over the state's). They decide
     * RC303 (the target's ExternalId), RC204 (the chained hop's session tags) and RC306–RC308 (the OIDC role's sub).
     */
    public List<Finding> lintWorkflow(String location, WorkflowFile file, DesiredState stateOrNull,
            Map<String, Role> knownRolesByArn) {
        return sorted(workflow.lint(location, file, stateOrNull, knownRolesByArn));
    }

    /** Every rule over what a Setup plans: trusts, permissions, chains, and the workflow it exports. */
    public List<Finding> lintSetup(DesiredState state, String workflowYaml) {
        Setup setup = state.setup();
        List<Finding> findings = new ArrayList<>();
        String owner = setup.github().owner();
        Map<String, List<Chain>> byOidcRole = new LinkedHashMap<>();
        state.chains().forEach(c -> byOidcRole.computeIfAbsent(c.oidcRoleName(), k -> new ArrayList<>()).add(c));
        for (IamAccount account : state.accounts()) {
            for (Role role : account.roles()) {
                String dir = "policies/" + account.accountId() + "/" + role.name() + "/";
                List<Chain> served = byOidcRole.get(role.name());
                TrustContext context;
                if (served != null && account.accountId().equals(state.toolingAccountId())) {
                    context = new TrustContext(owner, state.audience(),
                            served.stream().anyMatch(c -> c.target().production()), null, account.accountId());
                } else {
                    boolean production = state.chains().stream().anyMatch(c -> c.deployRoleArn()
                            .equals(role.arn(state.partition(), account.accountId())) && c.target().production());
                    context = new TrustContext(owner, state.audience(), production, setup.workflow().sessionTagging(),
                            account.accountId());
                }
                List<Target> targets = state.chains().stream().filter(c -> account.accountId().equals(state.toolingAccountId())
                        && c.oidcRoleName().equals(role.name()) || c.deployRoleArn().equals(role.arn(state.partition(),
                                account.accountId()))).map(Chain::target).toList();
                trust.lint(dir + "trust.json", role.trustPolicy(), context).forEach(f -> findings.add(accepted(f, targets)));
                findings.addAll(subjectForms(dir + "trust.json", role.trustPolicy(), setup.github()));
                role.inlinePolicies().forEach((name, doc) -> findings.addAll(identity.lint(dir + "inline-" + name + ".json", doc)));
            }
        }
        IamAccount tooling = state.tooling();
        for (Chain chain : state.chains()) {
            Role oidc = tooling.role(chain.oidcRoleName()).orElseThrow();
            String session = Principal.session(state.partition(), state.toolingAccountId(), oidc.name(),
                    setup.workflow().roleSessionName());
            List<String> actions = setup.workflow().sessionTagging() ? List.of("sts:AssumeRole", "sts:TagSession")
                    : List.of("sts:AssumeRole");
            for (String action : actions) {
                Evaluation e = evaluator.evaluate(null, List.copyOf(oidc.inlinePolicies().values()),
                        new Request(session, action, chain.deployRoleArn(), chain.resourceContext(Map.of())));
                if (!e.allowed()) {
                    findings.add(Rule.RC401.at("policies/" + state.toolingAccountId() + "/" + oidc.name(),
                            "the OIDC role " + oidc.name() + " may not " + action + " on " + chain.deployRoleArn()
                                    + " (target " + chain.target().name() + ")"));
                }
            }
        }
        if (setup.tooling().oidcRoles() == OidcRoles.SHARED) {
            for (List<Chain> chains : byOidcRole.values()) {
                for (Chain prod : chains) {
                    for (Chain other : chains) {
                        if (prod.target().production() && !other.target().production()
                                && !prod.subjectClaims().containsAll(other.subjectClaims())) {
                            findings.add(accepted(Rule.RC403.at("tooling.oidcRoles", "the shared OIDC role "
                                    + prod.oidcRoleName() + " lets subjects of non-production target " + other.target().name()
                                    + " reach production target " + prod.target().name()), List.of(prod.target())));
                        }
                    }
                }
            }
        }
        targets(state, findings);
        dev.rolechain.plan.QuotaCheck.check(state).forEach(b -> findings.add(Rule.RC501.at(b.location(), b.message())));
        if (setup.workflow().durationSeconds() > 3600) {
            findings.add(Rule.RC206.at("workflow.durationSeconds", setup.workflow().durationSeconds()
                    + " seconds asked for the chained session; role chaining allows at most 3600"));
        }
        if (workflowYaml != null) {
            findings.addAll(workflow.lint(".github/workflows/deploy.yml", new WorkflowParser().parse(workflowYaml), state,
                    Map.of()));
        }
        return sorted(findings);
    }

    private static final java.util.regex.Pattern TAG_REFERENCE =
            java.util.regex.Pattern.compile("(?i)aws:(?:PrincipalTag|RequestTag)/([^}\"'\\s,]+)");

    /** The rules about each target and its deploy role (RC207–RC212). */
    private static void targets(DesiredState state, List<Finding> findings) {
        Setup setup = state.setup();
        Map<String, List<String>> byExternalId = new LinkedHashMap<>();
        for (int i = 0; i < setup.targets().size(); i++) {
            Target t = setup.targets().get(i);
            String path = dev.rolechain.setup.FieldPath.target(i).toString();
            byExternalId.computeIfAbsent(t.externalId(), k -> new ArrayList<>()).add(t.name());
            Role deploy = state.account(t.accountId()).flatMap(a -> a.role(t.roleName())).orElseThrow();
            String dir = "policies/" + t.accountId() + "/" + deploy.name() + "/";
            if (setup.workflow().sessionTagging()) {
                deploy.inlinePolicies().forEach((name, doc) -> {
                    java.util.regex.Matcher m = TAG_REFERENCE.matcher(doc.toJson());
                    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                    for (String key : keys) {
                        if (!tagBound(deploy.trustPolicy(), key)) {
                            findings.add(Rule.RC207.at(dir + "inline-" + name + ".json", "the policy uses the session tag "
                                    + key + ", but the trust lets the caller choose it: the chained AssumeRole sets session "
                                    + "tags, so any subject of target " + t.name() + " (pull requests and every repository "
                                    + "it admits included) can tag " + key + " with another value and get what that value "
                                    + "allows" + (key.equalsIgnoreCase("Repository") ? "; Rolechain binds Repository when the "
                                    + "target admits exactly one repository" : "")));
                        }
                    }
                });
            }
            if (t.maxSessionSeconds() > 3600) {
                findings.add(Rule.RC208.at(path + ".maxSessionSeconds", "maximum session " + t.maxSessionSeconds()
                        + " s on a deploy role that is only reached by role chaining, which caps sessions at 3600 s"));
            }
            String id = t.externalId();
            if (id != null && id.length() < 16) {
                findings.add(Rule.RC209.at(path + ".externalId", "the ExternalId has " + id.length()
                        + " characters; use at least 16 random ones"));
            }
            if (id != null && id.matches("\\d{12}")) {
                findings.add(Rule.RC209.at(path + ".externalId", "the ExternalId is an account id, which others know"));
            }
            if (t.accountId() != null && t.accountId().equals(setup.tooling().accountId())) {
                findings.add(Rule.RC210.at(path + ".accountId", "target " + t.name() + " is the tooling account "
                        + t.accountId() + ": its deploy role sits beside the OIDC roles, with no account boundary between"));
            }
            java.util.Set<dev.rolechain.setup.Subject> seen = new java.util.HashSet<>();
            for (int j = 0; j < t.subjects().size(); j++) {
                if (!seen.add(t.subjects().get(j))) {
                    findings.add(Rule.RC211.at(path + ".subjects[" + j + "]", "the same subject is listed twice"));
                }
            }
            if (t.production()) {
                for (int j = 0; j < t.subjects().size(); j++) {
                    if (t.subjects().get(j).kind() instanceof dev.rolechain.setup.Subject.Environment e) {
                        dev.rolechain.setup.GitHub.Environment p = setup.github().environments().get(e.name());
                        if (p == null || p.reviewers().isEmpty()) {
                            findings.add(Rule.RC110.at(path + ".subjects[" + j + "]", "production target " + t.name()
                                    + " deploys from environment " + e.name() + ", whose " + (p == null
                                    ? "protection the Setup does not name: nothing makes sure it has required reviewers"
                                    : "protection in the Setup has no reviewers: any job that names it deploys")));
                        }
                    }
                }
            }
            if (t.managedPolicyArns().isEmpty() && t.inlinePolicies().isEmpty()) {
                findings.add(Rule.RC212.at(path, "the deploy role of target " + t.name() + " has no permissions: no managed "
                        + "and no inline policies"));
            }
        }
        byExternalId.forEach((id, names) -> {
            if (id != null && names.size() > 1) {
                findings.add(Rule.RC209.at("targets", "targets " + String.join(", ", names) + " share the ExternalId; "
                        + "give each its own"));
            }
        });
    }

    /** Whether every trust statement that allows sts:TagSession fixes the tag's value (StringEquals on aws:RequestTag/KEY). */
    static boolean tagBound(dev.rolechain.iam.PolicyDocument trust, String key) {
        return trust.statements().stream().filter(s -> s.effect() == dev.rolechain.iam.Effect.ALLOW
                && s.coversAction("sts:TagSession")).allMatch(s -> s.conditions().stream().anyMatch(c ->
                        (c.operator().equals("StringEquals") || c.operator().equals("StringEqualsIgnoreCase"))
                                && c.key().equalsIgnoreCase("aws:RequestTag/" + key)));
    }

    /**
     * A finding about risky production access that every production target it concerns accepts
     * ({@code acceptRisk}, with a reason) is kept, as a warning that says so, so that lint lists every
     * accepted risk; any other finding is returned as it is.
     */
    static Finding accepted(Finding finding, List<Target> targets) {
        if (finding.severity() != Severity.ERROR || !SetupValidator.ACCEPTABLE_RISKS.contains(finding.ruleId())) {
            return finding;
        }
        List<Target> production = targets.stream().filter(Target::production).toList();
        List<Target> concerned = production.isEmpty() ? targets : production;
        if (concerned.isEmpty()) {
            return finding;
        }
        if (!concerned.stream().allMatch(t -> t.acceptRisk().containsKey(finding.ruleId()))) {
            return new Finding(finding.rule(), finding.severity(), finding.location(), finding.message(), finding.fix(),
                    concerned.stream().filter(t -> !t.acceptRisk().containsKey(finding.ruleId())).map(Target::name).toList());
        }
        String reasons = concerned.stream().map(t -> "target " + t.name() + ": " + t.acceptRisk().get(finding.ruleId()))
                .collect(java.util.stream.Collectors.joining("; "));
        return new Finding(finding.rule(), Severity.WARNING, finding.location(),
                "accepted risk (" + reasons + "): " + finding.message(), finding.fix());
    }

    /** Errors first, then warnings, then information; by rule and location within each. */
    static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::ruleId)
                .thenComparing(Finding::location)).toList();
    }
}
