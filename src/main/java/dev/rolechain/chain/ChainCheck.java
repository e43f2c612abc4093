package dev.rolechain.chain;

import dev.rolechain.chain.Cell.Expectation;
import dev.rolechain.chain.Cell.Hop;
import dev.rolechain.github.SubjectPattern;
import dev.rolechain.github.SubTemplate;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.iam.Decision;
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
import dev.rolechain.plan.RoleMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

    /**
     * The matrix for the chains of a plan, evaluated on the given accounts (planned, or read live): per target its
     * granted subjects and probes, and every other target's granted subjects, so that each subject is a decided
     * cell against each target (a shared OIDC role lets one target's subjects into another: that shows here).
     */
    public List<Cell> check(DesiredState state, List<IamAccount> accounts) {
        List<Cell> cells = new ArrayList<>();
        Map<Chain, Map<String, Optional<Tail>>> tails = new java.util.IdentityHashMap<>();
        Map<Chain, Map<TokenClaims, String>> tokens = new LinkedHashMap<>();
        for (Chain chain : state.chains()) {
            tokens.put(chain, tokens(state, chain));
        }
        for (Chain chain : state.chains()) {
            List<SubjectPattern> grants = chain.grants();
            Optional<Role> oidc = role(accounts, state.toolingAccountId(), chain.oidcRoleName());
            Map<TokenClaims, String> own = tokens.get(chain);
            java.util.Set<String> subs = new java.util.HashSet<>();
            for (Map.Entry<TokenClaims, String> token : own.entrySet()) {
                subs.add(token.getKey().sub());
                cells.add(cell(state, accounts, chain, grants, oidc, token.getKey(), token.getValue(), tails));
            }
            // the shared role's accepted risk: other targets' subjects reach this one by the Setup's own choice
            boolean accepted = state.sharedOidcRole() && chain.acceptsRisk("RC403");
            for (Map.Entry<Chain, Map<TokenClaims, String>> other : tokens.entrySet()) {
                if (other.getKey() == chain) {
                    continue;
                }
                for (Map.Entry<TokenClaims, String> token : other.getValue().entrySet()) {
                    if (token.getValue() == null && subs.add(token.getKey().sub())) {
                        String label = "granted for target " + other.getKey().targetName()
                                + (accepted ? " (shared OIDC role, accepted risk RC403)" : "");
                        Cell c = cell(state, accounts, chain, grants, oidc, token.getKey(), label, tails);
                        cells.add(accepted ? new Cell(c.target(), c.subject(), c.probe(), Expectation.ALLOW, c.verdict(),
                                c.hop(), c.because(), c.uncertain()) : c);
                    }
                }
            }
        }
        return cells;
    }

    /**
     * Where the accounts as apply will leave them (the plan merged into what they hold, every statement
     * of others kept) decide a chain otherwise than the plan itself: a kept statement that denies a
     * granted subject, or one that lets a probe in. One line per such cell; Rolechain keeps the statement
     * and reports it.
     */
    public List<String> keptContradictions(DesiredState state, List<IamAccount> live) {
        List<IamAccount> merged = state.accounts().stream().map(planned -> RoleMerge.account(planned,
                live.stream().filter(a -> a.accountId().equals(planned.accountId())).findFirst().orElse(null))).toList();
        Map<String, Cell> plannedCells = new java.util.HashMap<>();
        for (Cell c : check(state)) {
            plannedCells.put(c.target() + "\n" + c.subject(), c);
        }
        List<String> findings = new ArrayList<>();
        for (Cell c : check(state, merged)) {
            Cell p = plannedCells.get(c.target() + "\n" + c.subject());
            if (p != null && p.verdict() != c.verdict()) {
                findings.add("target " + c.target() + ": " + c.subject() + (c.probe() == null ? "" : " (" + c.probe() + ")")
                        + (c.verdict() == Expectation.DENY ? " would be denied at " + c.hop().json()
                                : " would be let in")
                        + " by a statement Rolechain keeps in a role of the plan: " + c.reason());
            }
        }
        return findings;
    }

    /** Granted subjects (probe label null) and probes, each a concrete token, without repeats. */
    Map<TokenClaims, String> tokens(DesiredState state, Chain chain) {
        Map<String, TokenClaims> bySub = new LinkedHashMap<>();
        Map<TokenClaims, String> tokens = new LinkedHashMap<>();
        String owner = state.owner();
        List<TokenClaims> granted = new ArrayList<>();
        dev.rolechain.github.Identities github = state.identities();
        for (SubjectPattern grant : chain.grants()) {
            for (TokenClaims t : concrete(state, github, grant)) {
                if (bySub.putIfAbsent(t.sub(), t) == null) {
                    tokens.put(t, null);
                    granted.add(t);
                }
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
            List<String> keys = g.template().keys();
            if (g.ownerId() != null && (g.immutable() || keys.contains("repository_owner_id"))) {
                probes.add(Map.entry("the same names under another owner id (a recycled owner name)",
                        g.with(g.ownerId() + 1, g.repositoryId(), g.immutable(), g.template())));
            }
            if (g.repositoryId() != null && (g.immutable() || keys.contains("repository_id"))) {
                probes.add(Map.entry("the same names with another repository id (a recycled repository name)",
                        g.with(g.ownerId(), g.repositoryId() + 1, g.immutable(), g.template())));
            }
            if (g.immutable()) {
                probes.add(Map.entry("the name form of the sub", g.with(g.ownerId(), g.repositoryId(), false, g.template())));
            } else if (github.ownerId() != null) {
                Long id = github.idOf(g.repository());
                probes.add(Map.entry("the immutable form of the sub", g.with(github.ownerId(), id == null ? 1L : id, true,
                        g.template())));
            }
            if (!g.template().isDefault()) {
                probes.add(Map.entry("GitHub's default sub form (the repository's customization removed)",
                        g.with(g.ownerId(), g.repositoryId(), g.immutable(), SubTemplate.DEFAULT)));
            }
            for (Map.Entry<String, TokenClaims> probe : probes) {
                if (bySub.putIfAbsent(probe.getValue().sub(), probe.getValue()) == null) {
                    tokens.put(probe.getValue(), probe.getKey());
                }
            }
        }
        return tokens;
    }

    private static TokenClaims with(TokenClaims t, String owner, String repository, SubjectPattern.Kind kind, String value) {
        return t.with(owner, repository, kind, value,
                t.repositoryId() == null ? null : t.repositoryId() + (repository.equals(t.repository()) ? 0 : 7));
    }

    /**
     * The runs that the grant admits, one per sub form the repository takes: wildcards filled in, "any run"
     * taken as a run on main.
     */
    private static List<TokenClaims> concrete(DesiredState state, dev.rolechain.github.Identities github, SubjectPattern grant) {
        String repository = fill(grant.repository(), "rolechain-any-repo");
        SubjectPattern.Kind kind = grant.kind() == SubjectPattern.Kind.ANY ? SubjectPattern.Kind.BRANCH : grant.kind();
        String value = grant.kind() == SubjectPattern.Kind.ANY ? "main" : grant.value() == null ? null : fill(grant.value(), "x1");
        dev.rolechain.github.Identities.Form format = github.formOf(grant.repository());
        SubTemplate template = github.templateOf(grant.repository());
        Long known = github.idOf(grant.repository());
        Long id = known != null ? known : github.ownerId() != null || !template.isDefault() ? Long.valueOf(4242L) : null;
        List<TokenClaims> tokens = new ArrayList<>();
        if (format.admitsNames()) {
            tokens.add(new TokenClaims(state.issuer(), state.audience(), github.owner(), repository, kind, value,
                    github.ownerId(), template.isDefault() ? null : id, false, template));
        }
        if (format.admitsIds() && github.ownerId() != null) {
            tokens.add(new TokenClaims(state.issuer(), state.audience(), github.owner(), repository, kind, value,
                    github.ownerId(), id, true, template));
        }
        return tokens;
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
        return intended(dev.rolechain.github.Identities.names(owner), grants, token);
    }

    /**
     * The same for a GitHub side with immutable subjects: a token in the immutable form is meant only with
     * the owner's and the repository's ids and where the repository takes that form; a token in the name
     * form only where the repository takes names.
     */
    public static boolean intended(dev.rolechain.github.Identities github, List<SubjectPattern> grants, TokenClaims token) {
        if (!token.owner().equals(github.owner())) {
            return false;
        }
        for (SubjectPattern g : grants) {
            if (!g.repository().equals("*") && !g.repository().equals(token.repository())) {
                continue;
            }
            dev.rolechain.github.Identities.Form format = github.formOf(g.repository());
            if (token.immutable() ? !format.admitsIds() || !token.ownerId().equals(github.ownerId())
                    || !g.repository().equals("*") && !token.repositoryId().equals(github.idOf(g.repository()))
                    : !format.admitsNames()) {
                continue;
            }
            SubTemplate template = github.templateOf(g.repository());
            if (!token.template().equals(template)
                    || template.keys().contains("repository_owner_id") && !Objects.equals(token.ownerId(), github.ownerId())
                    || template.keys().contains("repository_id") && !g.repository().equals("*")
                    && !Objects.equals(token.repositoryId(), github.idOf(g.repository()))) {
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

    /** Hops 2–4 do not depend on the token: their result for one chain, or null when they all allow. */
    private record Tail(Hop hop, String reason, java.util.Set<dev.rolechain.iam.Unclear> uncertain) {
        Tail(Hop hop, java.util.Set<dev.rolechain.iam.Unclear> uncertain, String reason) {
            this(hop, reason, uncertain);
        }
    }

    /** The unclear points of two results together. */
    private static java.util.Set<dev.rolechain.iam.Unclear> both(java.util.Set<dev.rolechain.iam.Unclear> a,
            java.util.Set<dev.rolechain.iam.Unclear> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        java.util.EnumSet<dev.rolechain.iam.Unclear> all = java.util.EnumSet.copyOf(a);
        all.addAll(b);
        return java.util.Collections.unmodifiableSet(all);
    }

    private Cell cell(DesiredState state, List<IamAccount> accounts, Chain chain, List<SubjectPattern> grants,
            Optional<Role> oidc, TokenClaims token, String probe, Map<Chain, Map<String, Optional<Tail>>> tails) {
        Expectation expected = intended(state.identities(), grants, token) ? Expectation.ALLOW : Expectation.DENY;
        String sub = token.sub();
        String target = chain.targetName();
        if (oidc.isEmpty()) {
            return new Cell(target, sub, probe, expected, Expectation.DENY, Hop.OIDC_TRUST,
                    "the OIDC role " + chain.oidcRoleName() + " does not exist in account " + state.toolingAccountId());
        }
        // (1) the OIDC role's trust, for this token
        PolicyDocument trust = oidc.get().trustPolicy();
        Request request = new Request(state.providerArn(), "sts:AssumeRoleWithWebIdentity", chain.oidcRoleArn(),
                RequestContext.of(Map.of(token.issuer().subKey(), List.of(sub), token.issuer().audKey(),
                        List.of(token.audience()))));
        Evaluation first = evaluator.judge(trust, List.of(), request);
        if (first.decision() != Decision.ALLOW) {
            java.util.function.Supplier<String> reason = () -> reasonOf(evaluator.evaluate(trust, List.of(), request));
            return new Cell(target, sub, probe, expected, Expectation.DENY, Hop.OIDC_TRUST, memo(reason), first.uncertain());
        }
        // configure-aws-credentials tags the chained session with the run's repository
        String repository = token.owner() + "/" + token.repository();
        Optional<Tail> tail = tails.computeIfAbsent(chain, c -> new java.util.HashMap<>()).computeIfAbsent(repository,
                r -> Optional.ofNullable(tail(state, accounts, chain, oidc.get(), r)));
        if (tail.isPresent() && tail.get().hop() != null) {
            return new Cell(target, sub, probe, expected, Expectation.DENY, tail.get().hop(), () -> tail.get().reason(),
                    both(first.uncertain(), tail.get().uncertain()));
        }
        String allowed = allowReason(state);
        return new Cell(target, sub, probe, expected, Expectation.ALLOW, null, () -> allowed,
                both(first.uncertain(), tail.map(Tail::uncertain).orElse(java.util.Set.of())));
    }

    private static String allowReason(DesiredState state) {
        return "every hop allows: OIDC trust, " + String.join(" and ", actions(state))
                + " permission, target trust with the ExternalId, a " + state.chainedSessionSeconds() + " s session";
    }

    /** A supplier that computes once. */
    private static java.util.function.Supplier<String> memo(java.util.function.Supplier<String> supplier) {
        return new java.util.function.Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private static List<String> actions(DesiredState state) {
        return state.sessionTagging() ? List.of("sts:AssumeRole", "sts:TagSession") : List.of("sts:AssumeRole");
    }

    /** Hops 2–4 for a chain: where it stops and why, or (hop null) that all allow; with the unclear points met. */
    private Tail tail(DesiredState state, List<IamAccount> accounts, Chain chain, Role oidc, String repository) {
        String session = Principal.session(state.partition(), state.toolingAccountId(), chain.oidcRoleName(),
                state.roleSessionName());
        List<PolicyDocument> identity = List.copyOf(oidc.inlinePolicies().values());
        List<String> actions = actions(state);
        // (2) the OIDC role's own permissions
        java.util.Set<dev.rolechain.iam.Unclear> doubts = java.util.Set.of();
        for (String action : actions) {
            Evaluation e = evaluator.evaluate(null, identity, new Request(session, action, chain.deployRoleArn(),
                    chain.resourceContext(Map.of())));
            doubts = both(doubts, e.uncertain());
            if (!e.allowed()) {
                return new Tail(Hop.OIDC_PERMISSIONS, reasonOf(e), doubts);
            }
        }
        // (3) the target role's trust, with the ExternalId
        String deployName = chain.deployRoleArn().substring(chain.deployRoleArn().lastIndexOf('/') + 1);
        Optional<Role> deploy = role(accounts, chain.targetAccountId(), deployName);
        if (deploy.isEmpty()) {
            return new Tail(Hop.TARGET_TRUST, "the deploy role " + chain.deployRoleArn() + " does not exist", doubts);
        }
        RequestContext externalId = chain.resourceContext(Map.of("sts:ExternalId", List.of(chain.externalId())));
        RequestContext tagged = chain.resourceContext(Map.of("sts:ExternalId", List.of(chain.externalId()),
                "aws:RequestTag/Repository", List.of(repository), "aws:TagKeys", List.of("Repository")));
        for (String action : actions) {
            Evaluation e = evaluator.evaluate(deploy.get().trustPolicy(), identity,
                    new Request(session, action, chain.deployRoleArn(), state.sessionTagging() ? tagged : externalId));
            doubts = both(doubts, e.uncertain());
            if (!e.allowed()) {
                return new Tail(Hop.TARGET_TRUST, reasonOf(e), doubts);
            }
        }
        // (4) the session rules of role chaining
        int asked = state.chainedSessionSeconds();
        if (asked > CHAINED_MAX || asked < SESSION_MIN || asked > deploy.get().maxSessionDuration()) {
            return new Tail(Hop.SESSION, doubts, "the workflow asks for " + asked + " s; a chained session may last "
                    + SESSION_MIN + "–" + Math.min(CHAINED_MAX, deploy.get().maxSessionDuration()) + " s");
        }
        return new Tail(null, null, doubts);
    }

    /** The lines of an explanation that say why a request was denied. */
    private static String reasonOf(Evaluation e) {
        return e.explanation().stream()
                .filter(line -> line.contains("condition failed") || line.contains("is not in") || line.startsWith("decision"))
                .reduce((a, b) -> a + "; " + b).orElse(e.decision().json());
    }

    private static Optional<Role> role(List<IamAccount> accounts, String accountId, String name) {
        return accounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst()
                .flatMap(a -> a.roles().stream().filter(r -> r.name().toLowerCase(Locale.ROOT)
                        .equals(name.toLowerCase(Locale.ROOT))).findFirst());
    }
}
