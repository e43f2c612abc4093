package dev.rolechain.chain;

import dev.rolechain.chain.Cell.Expectation;
import dev.rolechain.chain.Cell.Hop;
import dev.rolechain.github.SubjectPattern;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.iam.Evaluation;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Wildcards;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dry-run chained assume: for each target, the GitHub tokens of the subjects it grants and of
 * adversarial probes walk the chain hop by hop on the given IAM state — (1) the OIDC role's trust for
 * sts:AssumeRoleWithWebIdentity, (2) the OIDC role's identity policies for sts:AssumeRole (and
 * sts:TagSession) on the target role, (3) the target role's trust for the OIDC role's session with
 * the ExternalId, (4) the session-duration rules of role chaining.
 */
public final class ChainCheck {
    /** STS: a chained session lasts at most an hour; AssumeRole's DurationSeconds is at least 900. */
    static final int CHAINED_MAX = 3600;
    static final int SESSION_MIN = 900;

    private final PolicyEvaluator evaluator;

    public ChainCheck(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The matrix for the planned state. */
    public List<Cell> check(DesiredState state) {
        return check(state, state.accounts());
    }

    /** The matrix for the chains of a plan, evaluated on the given accounts (planned, or read live). */
    public List<Cell> check(DesiredState state, List<IamAccount> accounts) {
        List<Cell> cells = new ArrayList<>();
        for (Chain chain : state.chains()) {
            for (Map.Entry<TokenClaims, String> token : tokens(state, chain).entrySet()) {
                cells.add(cell(state, accounts, chain, token.getKey(), token.getValue()));
            }
        }
        return cells;
    }

    /** Granted subjects (probe label null) and probes, each a concrete token, without repeats. */
    Map<TokenClaims, String> tokens(DesiredState state, Chain chain) {
        Map<String, TokenClaims> bySub = new LinkedHashMap<>();
        Map<TokenClaims, String> tokens = new LinkedHashMap<>();
        String owner = state.owner();
        List<TokenClaims> granted = new ArrayList<>();
        for (SubjectPattern grant : chain.grants()) {
            TokenClaims t = concrete(state, owner, grant);
            if (bySub.putIfAbsent(t.sub(), t) == null) {
                tokens.put(t, null);
                granted.add(t);
            }
        }
        for (TokenClaims g : granted) {
            List<Map.Entry<String, TokenClaims>> probes = new ArrayList<>();
            probes.add(Map.entry("another repository of the owner", with(g, g.owner(), g.repository() + "-probe", g.kind(), g.value())));
            probes.add(Map.entry("the repository under another owner", with(g, g.owner() + "-probe", g.repository(), g.kind(), g.value())));
            String swapped = swapCase(g.owner());
            if (!swapped.equals(g.owner())) {
                probes.add(Map.entry("the owner in other letter case", with(g, swapped, g.repository(), g.kind(), g.value())));
            }
            probes.add(Map.entry("another branch", with(g, g.owner(), g.repository(), SubjectPattern.Kind.BRANCH, "rolechain-probe-branch")));
            probes.add(Map.entry("a tag", with(g, g.owner(), g.repository(), SubjectPattern.Kind.TAG, "rolechain-probe-tag")));
            probes.add(Map.entry("a pull request", with(g, g.owner(), g.repository(), SubjectPattern.Kind.PULL_REQUEST, null)));
            probes.add(Map.entry("another environment", with(g, g.owner(), g.repository(), SubjectPattern.Kind.ENVIRONMENT, "rolechain-probe-env")));
            for (Map.Entry<String, TokenClaims> probe : probes) {
                if (bySub.putIfAbsent(probe.getValue().sub(), probe.getValue()) == null) {
                    tokens.put(probe.getValue(), probe.getKey());
                }
            }
        }
        return tokens;
    }

    private static TokenClaims with(TokenClaims t, String owner, String repository, SubjectPattern.Kind kind, String value) {
        return new TokenClaims(t.issuer(), t.audience(), owner, repository, kind, value);
    }

    /** One run that the grant admits: wildcards filled in, "any run" taken as a run on main. */
    private static TokenClaims concrete(DesiredState state, String owner, SubjectPattern grant) {
        String repository = fill(grant.repository(), "rolechain-any-repo");
        SubjectPattern.Kind kind = grant.kind() == SubjectPattern.Kind.ANY ? SubjectPattern.Kind.BRANCH : grant.kind();
        String value = grant.kind() == SubjectPattern.Kind.ANY ? "main" : grant.value() == null ? null : fill(grant.value(), "x1");
        return new TokenClaims(state.issuer(), state.audience(), owner, repository, kind, value);
    }

    private static String fill(String pattern, String star) {
        return pattern.replace("*", star).replace("?", "x");
    }

    private static String swapCase(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    /**
     * Whether the Setup means this token to reach the target: the owner exactly, the repository (or
     * any with {@code *}), the kind, and the ref pattern or environment name. Decided from the Setup's
     * subjects, not from the policies, so that the matrix checks the policies.
     */
    public static boolean intended(String owner, List<SubjectPattern> grants, TokenClaims token) {
        if (!token.owner().equals(owner)) {
            return false;
        }
        for (SubjectPattern g : grants) {
            if (!g.repository().equals("*") && !g.repository().equals(token.repository())) {
                continue;
            }
            if (g.kind() == SubjectPattern.Kind.ANY) {
                return true;
            }
            if (g.kind() != token.kind()) {
                continue;
            }
            switch (g.kind()) {
                case BRANCH, TAG -> {
                    if (Wildcards.matches(g.value(), token.value())) {
                        return true;
                    }
                }
                case ENVIRONMENT -> {
                    if (g.value().equals(token.value())) {
                        return true;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    private Cell cell(DesiredState state, List<IamAccount> accounts, Chain chain, TokenClaims token, String probe) {
        Expectation expected = intended(state.owner(), chain.grants(), token) ? Expectation.ALLOW : Expectation.DENY;
        String sub = token.sub();
        String target = chain.targetName();
        Optional<Role> oidc = role(accounts, state.toolingAccountId(), chain.oidcRoleName());
        if (oidc.isEmpty()) {
            return new Cell(target, sub, probe, expected, Expectation.DENY, Hop.OIDC_TRUST,
                    "the OIDC role " + chain.oidcRoleName() + " does not exist in account " + state.toolingAccountId());
        }
        // (1) the OIDC role's trust
        Evaluation first = evaluator.evaluate(oidc.get().trustPolicy(), List.of(), new Request(state.providerArn(),
                "sts:AssumeRoleWithWebIdentity", chain.oidcRoleArn(), RequestContext.of(token.context())));
        if (!first.allowed()) {
            return denied(target, sub, probe, expected, Hop.OIDC_TRUST, first);
        }
        String session = Principal.session(state.partition(), state.toolingAccountId(), chain.oidcRoleName(),
                state.roleSessionName());
        List<PolicyDocument> identity = List.copyOf(oidc.get().inlinePolicies().values());
        List<String> actions = state.sessionTagging() ? List.of("sts:AssumeRole", "sts:TagSession") : List.of("sts:AssumeRole");
        // (2) the OIDC role's own permissions
        for (String action : actions) {
            Evaluation e = evaluator.evaluate(null, identity, new Request(session, action, chain.deployRoleArn(), null));
            if (!e.allowed()) {
                return denied(target, sub, probe, expected, Hop.OIDC_PERMISSIONS, e);
            }
        }
        // (3) the target role's trust, with the ExternalId
        String deployName = chain.deployRoleArn().substring(chain.deployRoleArn().indexOf(":role/") + ":role/".length());
        deployName = deployName.substring(deployName.lastIndexOf('/') + 1);
        Optional<Role> deploy = role(accounts, chain.targetAccountId(), deployName);
        if (deploy.isEmpty()) {
            return new Cell(target, sub, probe, expected, Expectation.DENY, Hop.TARGET_TRUST,
                    "the deploy role " + chain.deployRoleArn() + " does not exist");
        }
        RequestContext externalId = RequestContext.of(Map.of("sts:ExternalId", List.of(chain.externalId())));
        for (String action : actions) {
            Evaluation e = evaluator.evaluate(deploy.get().trustPolicy(), identity,
                    new Request(session, action, chain.deployRoleArn(), externalId));
            if (!e.allowed()) {
                return denied(target, sub, probe, expected, Hop.TARGET_TRUST, e);
            }
        }
        // (4) the session rules of role chaining
        int asked = state.chainedSessionSeconds();
        if (asked > CHAINED_MAX || asked < SESSION_MIN || asked > deploy.get().maxSessionDuration()) {
            return new Cell(target, sub, probe, expected, Expectation.DENY, Hop.SESSION, "the workflow asks for " + asked
                    + " s; a chained session may last " + SESSION_MIN + "–" + Math.min(CHAINED_MAX,
                    deploy.get().maxSessionDuration()) + " s");
        }
        return new Cell(target, sub, probe, expected, Expectation.ALLOW, null, "every hop allows: OIDC trust, "
                + String.join(" and ", actions) + " permission, target trust with the ExternalId, a " + asked + " s session");
    }

    private static Cell denied(String target, String sub, String probe, Expectation expected, Hop hop, Evaluation e) {
        String reason = e.explanation().stream()
                .filter(line -> line.contains("condition failed") || line.contains("is not in") || line.startsWith("decision"))
                .reduce((a, b) -> a + "; " + b).orElse(e.decision().json());
        return new Cell(target, sub, probe, expected, Expectation.DENY, hop, reason);
    }

    private static Optional<Role> role(List<IamAccount> accounts, String accountId, String name) {
        return accounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst()
                .flatMap(a -> a.roles().stream().filter(r -> r.name().toLowerCase(Locale.ROOT)
                        .equals(name.toLowerCase(Locale.ROOT))).findFirst());
    }
}
