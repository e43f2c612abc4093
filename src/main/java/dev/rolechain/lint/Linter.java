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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the rules over a Setup's planned state, a single policy, or a workflow file. */
public final class Linter {
    private final TrustLint trust = new TrustLint();
    private final IdentityLint identity = new IdentityLint();
    private final WorkflowLint workflow = new WorkflowLint();
    private final PolicyEvaluator evaluator;

    public Linter(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The kind of document {@link #lintPolicy} is given. */
    public enum PolicyType { TRUST, IDENTITY }

    public List<Finding> lintPolicy(String location, PolicyDocument policy, PolicyType type) {
        return sorted(type == PolicyType.TRUST ? trust.lint(location, policy, TrustContext.unknown())
                : identity.lint(location, policy));
    }

    public List<Finding> lintWorkflow(String location, WorkflowFile file, DesiredState state) {
        return sorted(workflow.lint(location, file, state));
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
                findings.addAll(trust.lint(dir + "trust.json", role.trustPolicy(), context));
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
                        new Request(session, action, chain.deployRoleArn(), null));
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
                            findings.add(Rule.RC403.at("tooling.oidcRoles", "the shared OIDC role " + prod.oidcRoleName()
                                    + " lets subjects of non-production target " + other.target().name()
                                    + " reach production target " + prod.target().name()));
                        }
                    }
                }
            }
        }
        if (setup.workflow().durationSeconds() > 3600) {
            findings.add(Rule.RC206.at("workflow.durationSeconds", setup.workflow().durationSeconds()
                    + " seconds asked for the chained session; role chaining allows at most 3600"));
        }
        if (workflowYaml != null) {
            findings.addAll(workflow.lint(".github/workflows/deploy.yml", new WorkflowParser().parse(workflowYaml), state));
        }
        return sorted(findings);
    }

    /** Errors first, then warnings, then information; by rule and location within each. */
    static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::rule)
                .thenComparing(Finding::location)).toList();
    }
}
