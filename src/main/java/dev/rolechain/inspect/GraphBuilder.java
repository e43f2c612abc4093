package dev.rolechain.inspect;

import dev.rolechain.iam.Arns;
import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyRelaxing;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Statement;
import dev.rolechain.iam.Wildcards;
import dev.rolechain.lint.IdentityLint;
import dev.rolechain.lint.TrustContext;
import dev.rolechain.lint.TrustLint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the {@link TrustGraph} of the given accounts.
 *
 * <p>An edge exists when the evaluator allows the request with every condition that the caller could
 * meet taken as met: conditions on what the inspector knows of the caller (its ARN, account, type,
 * tags; a GitHub token's {@code sub} and {@code aud}) are evaluated, the others (ExternalId, MFA,
 * source IP, organization…) are kept as the edge's label. A Deny with a condition the caller may
 * avoid is not taken to apply. So the edges are every way in that the policies it reads leave open: where it
 * must guess it errs towards an edge. It sees less than AWS where it cannot read: principals of accounts not
 * inspected are judged by the trust alone and are ends of paths (what they reach further is not drawn), and
 * the queries keep at most {@link TrustQueries#MAX_PATHS} paths per node and chains of at most
 * {@link TrustQueries#MAX_DEPTH} roles. Service control policies and session policies are not seen (they
 * can only take away).
 *
 * <p>Across accounts a role of an inspected account reaches another role only if its own identity policies
 * (and its permissions boundary, when known) allow {@code sts:AssumeRole} on it too; within one account a
 * trust that names the role is enough.
 */
public final class GraphBuilder {
    public static final String ASSUME = "sts:AssumeRole";
    public static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    public static final String SAML = "sts:AssumeRoleWithSAML";
    static final List<String> TRUST_ACTIONS = List.of(ASSUME, WEB_IDENTITY, SAML, "sts:TagSession",
            "sts:SetSourceIdentity");
    static final String GITHUB_ISSUER = dev.rolechain.github.Issuer.GITHUB_COM;
    private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:[^:]+:sts::(\\d{12}):assumed-role/([^/]+)/(.+)");
    private static final Pattern PRODUCTION = Pattern.compile("prod|production|prd", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ENVIRONMENT_TAGS = Set.of("environment", "env", "stage");
    private static final String SESSION_NAME = "rolechain-inspect";

    private final PolicyEvaluator evaluator;
    private final TrustLint trustLint;
    private final IdentityLint identityLint;

    public GraphBuilder(PolicyEvaluator evaluator, TrustLint trustLint, IdentityLint identityLint) {
        this.evaluator = evaluator;
        this.trustLint = trustLint;
        this.identityLint = identityLint;
    }

    /** Which roles count as production, besides those tagged so. */
    public record Production(Set<String> accounts, Set<String> roleArns) {
        public static Production none() {
            return new Production(Set.of(), Set.of());
        }
    }

    /**
     * A role of an inspected account and what is known of its permissions, fixed when it is read.
     *
     * @param unknownManaged attached managed policies the source does not hold
     * @param callerContext what IAM knows of the role as a caller (its ARN, account, type, tags)
     * @param relaxedIdentity its identity policies with the conditions the caller could meet taken as met
     * @param relaxedBoundary its boundary likewise, or null
     * @param assumeResources the Resource patterns of its statements that allow sts:AssumeRole; null when any role may match
     */
    private record RoleInfo(String arn, String account, String partition, Role role, String source,
            List<PolicyDocument> identity, List<String> unknownManaged, PolicyDocument boundary, boolean production,
            String sessionArn, RequestContext callerContext, List<PolicyDocument> relaxedIdentity,
            PolicyDocument relaxedBoundary, List<String> assumeResources) {

        /** What a snapshot says of one of its roles; {@code production} says whether one counts as production. */
        static RoleInfo of(AccountSnapshot account, Role role, java.util.function.BiPredicate<String, Role> production) {
            String arn = Arns.role(account.partition(), account.accountId(), role.path(), role.name());
            List<PolicyDocument> identity = new ArrayList<>(role.inlinePolicies().values());
            List<String> unknownManaged = new ArrayList<>();
            for (String managed : role.managedPolicyArns()) {
                PolicyDocument doc = account.managedPolicies().get(managed);
                if (doc == null) {
                    unknownManaged.add(managed);
                } else {
                    identity.add(doc);
                }
            }
            PolicyDocument boundary = role.permissionsBoundaryArn() == null ? null
                    : account.managedPolicies().get(role.permissionsBoundaryArn());
            Map<String, List<String>> context = new LinkedHashMap<>();
            context.put("aws:PrincipalArn", List.of(arn));
            context.put("aws:PrincipalAccount", List.of(account.accountId()));
            context.put("aws:PrincipalType", List.of("AssumedRole"));
            role.tags().forEach((k, v) -> context.put("aws:PrincipalTag/" + k, List.of(v)));
            RequestContext caller = RequestContext.of(context);
            return new RoleInfo(arn, account.accountId(), account.partition(), role, account.source(), List.copyOf(identity),
                    List.copyOf(unknownManaged), boundary, production.test(arn, role),
                    Principal.session(account.partition(), account.accountId(), role.name(), SESSION_NAME), caller,
                    identity.stream().map(d -> PolicyRelaxing.relax(d, caller)).toList(),
                    boundary == null ? null : PolicyRelaxing.relax(boundary, caller),
                    unknownManaged.isEmpty() ? assumeResources(identity) : null);
        }

        /**
         * Whether its identity policies could allow sts:AssumeRole on the role: a cheap filter before
         * the evaluator, which decides.
         */
        boolean mayAssume(String roleArn) {
            if (assumeResources == null) {
                return true;
            }
            for (String r : assumeResources) {
                // a pattern with a policy variable may match any role; the evaluator decides
                if (r.equals(roleArn) || r.contains("${")
                        || ((r.indexOf('*') >= 0 || r.indexOf('?') >= 0) && Wildcards.arnMatches(r, roleArn))) {
                    return true;
                }
            }
            return false;
        }

        /** A role is one node: the same ARN, the same role (and no hashing of its documents in the builder's sets). */
        @Override
        public boolean equals(Object o) {
            return o instanceof RoleInfo other && arn.equals(other.arn);
        }

        @Override
        public int hashCode() {
            return arn.hashCode();
        }

        /** Whether its identity policies may allow sts:AssumeRole on something. */
        boolean capable() {
            return assumeResources == null || !assumeResources.isEmpty();
        }

        /** The Resource patterns that allow sts:AssumeRole, or null when a statement allows it on any resource. */
        private static List<String> assumeResources(List<PolicyDocument> identity) {
            List<String> patterns = new ArrayList<>();
            for (PolicyDocument d : identity) {
                for (Statement s : d.statements()) {
                    if (s.effect() == Effect.ALLOW && s.coversAction(ASSUME)) {
                        if (s.resources() == null) {
                            return null;
                        }
                        patterns.addAll(s.resources());
                    }
                }
            }
            return List.copyOf(patterns);
        }
    }

    public TrustGraph build(List<AccountSnapshot> accounts, Production production) {
        Run run = new Run(production);
        for (AccountSnapshot account : accounts) {
            run.index(account);
        }
        for (RoleInfo role : run.roles.values()) {
            run.trust(role);
        }
        run.subjects();
        return run.graph();
    }

    /** The state of one build. */
    private final class Run {
        final Production production;
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Map<String, RoleInfo> roles = new LinkedHashMap<>();
        final Map<String, RoleInfo> rolesByAccountAndName = new HashMap<>();
        /** The same, by role name in lower case: IAM role names are unique regardless of case. */
        final Map<String, RoleInfo> rolesByAccountAndLowerName = new HashMap<>();
        final Map<String, List<RoleInfo>> capableByAccount = new HashMap<>();
        final List<RoleInfo> capable = new ArrayList<>();
        final Map<String, OidcProvider> listedProviders = new HashMap<>();
        final Map<String, Edge> edges = new LinkedHashMap<>();
        /** The issuer (provider id) of each GitHub subject node. */
        final Map<String, String> subjectIssuers = new HashMap<>();
        final List<NodeFinding> findings = new ArrayList<>();
        /** Per GitHub provider ARN: the roles that trust it, indexed by the sub patterns they admit. */
        final Map<String, SubjectIndex> subjectIndexes = new LinkedHashMap<>();
        /** Subject node ids per provider ARN. */
        final Map<String, Set<String>> subjectsByProvider = new LinkedHashMap<>();

        Run(Production production) {
            this.production = production;
        }

        void index(AccountSnapshot account) {
            for (OidcProvider p : account.iam().oidcProviders()) {
                String arn = Arns.oidcProvider(account.partition(), account.accountId(), p.id());
                listedProviders.put(arn, p);
                node(arn, NodeKind.OIDC_PROVIDER, p.id(), account.accountId(), true);
            }
            for (String arn : account.samlProviderArns()) {
                node(arn, NodeKind.SAML_PROVIDER, arn.substring(arn.indexOf(":saml-provider/") + 15), account.accountId(), true);
            }
            for (Role role : account.iam().roles()) {
                RoleInfo info = RoleInfo.of(account, role, (arn, r) -> isProduction(account.accountId(), arn, r));
                roles.put(info.arn(), info);
                rolesByAccountAndName.put(info.account() + "/" + role.name(), info);
                rolesByAccountAndLowerName.put(info.account() + "/" + role.name().toLowerCase(Locale.ROOT), info);
                if (info.capable()) {
                    capable.add(info);
                    capableByAccount.computeIfAbsent(info.account(), k -> new ArrayList<>()).add(info);
                }
                nodes.put(info.arn(), new Node(info.arn(), NodeKind.ROLE, role.name(), info.account(), info.production(), true));
                lint(info);
            }
        }

        boolean isProduction(String account, String arn, Role role) {
            if (production.accounts().contains(account) || production.roleArns().contains(arn)) {
                return true;
            }
            // Rolechain tags the deploy roles of production targets; other tools say environment / env / stage
            if ("true".equalsIgnoreCase(role.tags().get("rolechain:production"))) {
                return true;
            }
            return role.tags().entrySet().stream().anyMatch(t -> ENVIRONMENT_TAGS.contains(t.getKey().toLowerCase(Locale.ROOT))
                    && PRODUCTION.matcher(t.getValue().strip()).matches());
        }

        void lint(RoleInfo info) {
            TrustContext context = new TrustContext(null, null, info.production(), null, info.account(), info.arn());
            trustLint.lint("trust policy", info.role().trustPolicy(), context)
                    .forEach(f -> findings.add(new NodeFinding(info.arn(), f)));
            info.role().inlinePolicies().forEach((name, doc) -> identityLint.lint("inline policy " + name, doc)
                    .forEach(f -> findings.add(new NodeFinding(info.arn(), f))));
        }

        void node(String id, NodeKind kind, String label, String account, boolean inspected) {
            Node existing = nodes.get(id);
            if (existing == null || (inspected && !existing.inspected())) {
                nodes.put(id, new Node(id, kind, label, account, false, inspected));
            }
        }

        /** The edges into one role, from every principal its trust policy names. */
        void trust(RoleInfo target) {
            PolicyDocument trust = target.role().trustPolicy();
            Set<RoleInfo> roleSources = new LinkedHashSet<>();
            Set<RoleInfo> named = new java.util.HashSet<>();
            for (Statement s : trust.statements()) {
                if (s.effect() != Effect.ALLOW || s.principal() == null) {
                    continue;
                }
                List<String> aws = new ArrayList<>(s.principal().values("AWS"));
                if (s.principal().anyone()) {
                    aws.add("*");
                }
                for (String value : aws) {
                    awsPrincipal(target, value, roleSources, named);
                }
                for (String service : s.principal().values("Service")) {
                    String id = "service:" + service;
                    node(id, NodeKind.SERVICE, service, null, false);
                    decide(target, id, service, List.of(ASSUME), RequestContext.of(Map.of()), null, true);
                }
                for (String federated : s.principal().values("Federated")) {
                    federated(target, federated, s);
                }
            }
            for (RoleInfo source : roleSources) {
                if (named.contains(source) || (source != target && source.mayAssume(target.arn()))) {
                    decideRole(target, source);
                }
            }
        }

        void awsPrincipal(RoleInfo target, String value, Set<RoleInfo> roleSources, Set<RoleInfo> named) {
            if (value.equals("*")) {
                String id = "principal:*";
                node(id, NodeKind.PRINCIPAL, "anyone (*)", null, false);
                decide(target, id, "arn:" + target.partition() + ":iam::000000000000:root", List.of(ASSUME),
                        RequestContext.of(Map.of()), null, true);
                roleSources.addAll(capable);
                return;
            }
            String account = Principal.accountOf(value);
            if (account != null && (Principal.isAccount(value) || value.endsWith(":root"))) {
                String id = "account:" + account;
                node(id, NodeKind.ACCOUNT, account, account, false);
                decide(target, id, "arn:" + target.partition() + ":iam::" + account + ":root", List.of(ASSUME),
                        RequestContext.of(Map.of("aws:PrincipalAccount", List.of(account))), null, true);
                roleSources.addAll(capableByAccount.getOrDefault(account, List.of()));
                return;
            }
            String roleName = value.matches("arn:[^:]+:iam::\\d{12}:role/.+") ? value.substring(value.lastIndexOf('/') + 1) : null;
            RoleInfo known = roleName == null ? null : rolesByAccountAndName.get(account + "/" + roleName);
            if (known == null && roleName != null) {
                // the role named in other letter case: the evaluator decides it, and says it is uncertain
                known = rolesByAccountAndLowerName.get(account + "/" + roleName.toLowerCase(Locale.ROOT));
            }
            if (known != null) {
                roleSources.add(known);
                named.add(known);
                return;
            }
            String label = value.startsWith("arn:") ? value.substring(value.indexOf(':', value.indexOf("::") + 2) + 1) : value;
            if (value.matches("A[A-Z]{3}[A-Z0-9]{12,}")) {
                label = "deleted principal " + value;
            }
            node(value, NodeKind.PRINCIPAL, label, account, false);
            // a session of an inspected role (an SSO user's, say) is that role acting: link them, so that paths
            // through the role reach what trusts the session
            java.util.regex.Matcher session = ASSUMED_ROLE.matcher(value);
            if (session.matches()) {
                RoleInfo of = rolesByAccountAndName.get(session.group(1) + "/" + session.group(2));
                if (of != null) {
                    edges.putIfAbsent(of.arn() + "\u0000" + value, new Edge(of.arn(), value, List.of("sts:AssumeRole (its session "
                            + session.group(3) + ")"), Map.of(), true));
                }
            }
            String requestPrincipal = roleName != null ? Principal.session(target.partition(), account, roleName, SESSION_NAME) : value;
            Map<String, List<String>> context = new LinkedHashMap<>();
            if (account != null) {
                context.put("aws:PrincipalAccount", List.of(account));
            }
            if (value.startsWith("arn:")) {
                context.put("aws:PrincipalArn", List.of(value));
            }
            decide(target, value, requestPrincipal, List.of(ASSUME), RequestContext.of(context), null, true);
        }

        void federated(RoleInfo target, String federated, Statement statement) {
            if (federated.contains(":oidc-provider/")) {
                String providerId = federated.substring(federated.indexOf(":oidc-provider/") + 15);
                node(federated, NodeKind.OIDC_PROVIDER, providerId, Principal.accountOf(federated), false);
                if (decide(target, federated, federated, List.of(WEB_IDENTITY), RequestContext.of(Map.of()), null, true)
                        && isGitHub(providerId, statement)) {
                    SubjectIndex index = subjectIndexes.computeIfAbsent(federated, k -> new SubjectIndex());
                    OidcProvider listed = listedProviders.get(federated);
                    index.clientIds = listed == null ? null : Set.copyOf(listed.clientIds());
                    index.add(target.arn(), target.role().trustPolicy(), federated, providerId);
                    for (String sub : subPatterns(statement, providerId)) {
                        String id = subjectId(providerId, sub);
                        node(id, NodeKind.GITHUB_SUBJECT, sub, null, false);
                        subjectIssuers.put(id, providerId);
                        subjectsByProvider.computeIfAbsent(federated, k -> new LinkedHashSet<>()).add(id);
                    }
                }
            } else if (federated.contains(":saml-provider/")) {
                node(federated, NodeKind.SAML_PROVIDER, federated.substring(federated.indexOf(":saml-provider/") + 15),
                        Principal.accountOf(federated), false);
                decide(target, federated, federated, List.of(SAML), RequestContext.of(Map.of()), null, true);
            } else {
                String id = "federated:" + federated;
                node(id, NodeKind.PRINCIPAL, federated, null, false);
                decide(target, id, federated, List.of(WEB_IDENTITY), RequestContext.of(Map.of()), null, true);
            }
        }

        void decideRole(RoleInfo target, RoleInfo source) {
            boolean certain = source.unknownManaged().isEmpty();
            if (source.role().permissionsBoundaryArn() != null && source.boundary() == null) {
                certain = false;
            }
            decide(target, source.arn(), source.sessionArn(), List.of(ASSUME), source.callerContext(), source, certain);
        }

        /**
         * Adds the edge {@code fromId} → target when the trust (and, for an inspected role, its
         * identity policies and boundary) allow one of the actions; returns whether it did.
         */
        boolean decide(RoleInfo target, String fromId, String requestPrincipal, List<String> actions, RequestContext context,
                RoleInfo source, boolean certain) {
            PolicyDocument trust = PolicyRelaxing.relax(target.role().trustPolicy(), context);
            List<PolicyDocument> identity = source == null ? null : source.relaxedIdentity();
            PolicyDocument boundary = source == null ? null : source.relaxedBoundary();
            List<String> allowed = new ArrayList<>();
            boolean uncertain = false;
            java.util.Set<String> doubts = new java.util.LinkedHashSet<>();
            for (String action : actions) {
                Reached reached = reach(trust, identity, boundary, certain,
                        new Request(requestPrincipal, action, target.arn(), context));
                if (reached.reach() != Reach.NONE) {
                    allowed.add(action);
                    uncertain |= reached.reach() == Reach.UNCERTAIN;
                    reached.unclear().forEach(u -> doubts.add(u.reason()));
                }
            }
            if (allowed.isEmpty()) {
                return false;
            }
            for (String extra : List.of("sts:TagSession", "sts:SetSourceIdentity")) {
                if (reach(trust, identity, boundary, certain, new Request(requestPrincipal, extra, target.arn(), context))
                        .reach() != Reach.NONE) {
                    allowed.add(extra);
                }
            }
            Request first = new Request(requestPrincipal, allowed.get(0), target.arn(), context);
            Statement best = target.role().trustPolicy().statements().stream()
                    .filter(s -> s.effect() == Effect.ALLOW)
                    .filter(s -> evaluator.evaluatePolicy("statement", PolicyRelaxing.relax(PolicyDocument.of(s), context), first, true)
                            .decision() == Decision.ALLOW)
                    .min(Comparator.comparingInt(s -> s.conditions().size()))
                    .orElse(null);
            Map<String, Map<String, List<String>>> conditions = new TreeMap<>();
            if (best != null) {
                for (Condition c : best.conditions()) {
                    conditions.computeIfAbsent(c.operator(), k -> new TreeMap<>()).put(c.key(), c.values());
                }
            }
            if (uncertain) {
                doubts.add(Edge.UNREAD);
            }
            edges.putIfAbsent(fromId + "\u0000" + target.arn(), new Edge(fromId, target.arn(), allowed, conditions,
                    List.copyOf(doubts)));
            return true;
        }

        /**
         * Whether the request is allowed: by the trust alone for a principal Rolechain cannot see,
         * else by trust, identity policies and boundary; UNCERTAIN when only unread policies could allow it.
         */
        private Reached reach(PolicyDocument trust, List<PolicyDocument> identity, PolicyDocument boundary, boolean certain,
                Request request) {
            PolicyEvaluator.PolicyResult byTrust = evaluator.evaluatePolicy("trust policy", trust, request, true);
            boolean trustAllows = byTrust.decision() == Decision.ALLOW;
            if (identity == null || !trustAllows) {
                return new Reached(trustAllows ? Reach.ALLOWED : Reach.NONE, byTrust.uncertain());
            }
            dev.rolechain.iam.Evaluation judged = evaluator.judge(trust, identity, request);
            Decision decision = judged.decision();
            java.util.Set<dev.rolechain.iam.Unclear> unclear = judged.uncertain();
            if (decision == Decision.ALLOW && boundary != null) {
                dev.rolechain.iam.Evaluation bounded = evaluator.judge(null, List.of(boundary), request);
                if (!bounded.uncertain().isEmpty()) {
                    java.util.Set<dev.rolechain.iam.Unclear> all = java.util.EnumSet.noneOf(dev.rolechain.iam.Unclear.class);
                    all.addAll(unclear);
                    all.addAll(bounded.uncertain());
                    unclear = all;
                }
                if (bounded.decision() != Decision.ALLOW) {
                    return new Reached(Reach.NONE, unclear);
                }
            }
            if (decision == Decision.ALLOW) {
                return new Reached(Reach.ALLOWED, unclear);
            }
            return new Reached(decision == Decision.IMPLICIT_DENY && !certain ? Reach.UNCERTAIN : Reach.NONE, unclear);
        }

        /** Subject edges and which roles admit each subject node. */
        void subjects() {
            subjectsByProvider.forEach((provider, subjects) -> {
                for (String subject : subjects) {
                    edges.putIfAbsent(subject + "\u0000" + provider,
                            new Edge(subject, provider, List.of(WEB_IDENTITY), Map.of(), true));
                }
            });
        }

        TrustGraph graph() {
            List<Edge> list = edges.values().stream()
                    .sorted(Comparator.comparing(Edge::from).thenComparing(Edge::to)).toList();
            Map<String, TrustGraph.RoleDetail> details = new LinkedHashMap<>();
            roles.values().forEach(r -> details.put(r.arn(), new TrustGraph.RoleDetail(r.arn(), r.account(), r.role(), r.source())));
            TrustGraph.Admission admission = new SubjectAdmission(Map.copyOf(subjectIndexes));
            Map<String, List<TrustGraph.Admit>> admits = new LinkedHashMap<>();
            for (Node n : nodes.values()) {
                if (n.kind() == NodeKind.GITHUB_SUBJECT) {
                    String issuer = subjectIssuers.get(n.id());
                    admits.put(n.id(), admission.admitted(n.label()).stream()
                            .filter(a -> providerIdOf(a.provider()).equals(issuer)).toList());
                }
            }
            return new TrustGraph(nodes, list, findings, details, admits, admission);
        }
    }

    private enum Reach { NONE, ALLOWED, UNCERTAIN }

    /** Whether a request reaches, and the points AWS leaves unclear that its decision rests on. */
    private record Reached(Reach reach, java.util.Set<dev.rolechain.iam.Unclear> unclear) {
    }

    /** The id of a GitHub subject node; the issuer is the provider's id (host, or host/slug for GHEC). */
    public static String subjectId(String issuer, String sub) {
        return "github-subject:" + issuer + ":" + sub;
    }

    static String providerIdOf(String providerArn) {
        return providerArn.substring(providerArn.indexOf(":oidc-provider/") + 15);
    }

    private static boolean isGitHub(String providerId, Statement statement) {
        return dev.rolechain.lint.Provider.ofIssuer(providerId).bySubjects(subPatterns(statement, providerId)).gitHub();
    }

    /** The sub values a statement admits with StringEquals or StringLike (any qualifier). */
    static List<String> subPatterns(Statement statement, String providerId) {
        List<String> subs = new ArrayList<>();
        for (Condition c : statement.conditions()) {
            String base = baseOperator(c.operator());
            if (c.key().equalsIgnoreCase(providerId + ":sub") && (base.equals("StringEquals") || base.equals("StringLike"))) {
                subs.addAll(c.values());
            }
        }
        return subs;
    }

    static String baseOperator(String operator) {
        return operator.replaceFirst("^For(Any|All)Values?:", "").replaceFirst("IfExists$", "");
    }

    /** Which roles admit a sub: candidates from the indexes, each decided by the evaluator. */
    private final class SubjectAdmission implements TrustGraph.Admission {
        private final Map<String, SubjectIndex> indexes;

        SubjectAdmission(Map<String, SubjectIndex> indexes) {
            this.indexes = indexes;
        }

        @Override
        public List<TrustGraph.Admit> admitted(String sub) {
            List<TrustGraph.Admit> result = new ArrayList<>();
            for (SubjectIndex index : indexes.values()) {
                for (String role : index.candidates(sub)) {
                    if (admits(index, index.trusts.get(role), role, sub)) {
                        result.add(new TrustGraph.Admit(index.providerArn, role));
                    }
                }
            }
            return result;
        }

        private boolean admits(SubjectIndex index, PolicyDocument trust, String role, String sub) {
            Set<String> audiences = new LinkedHashSet<>();
            for (Statement s : trust.statements()) {
                for (Condition c : s.conditions()) {
                    if (c.key().equalsIgnoreCase(index.providerId + ":aud") && baseOperator(c.operator()).startsWith("String")
                            && !c.operator().contains("Not")) {
                        audiences.addAll(c.values());
                    }
                }
            }
            audiences.add("sts.amazonaws.com");
            for (String aud : audiences) {
                if (index.clientIds != null && !index.clientIds.contains(aud)) {
                    continue;
                }
                RequestContext context = RequestContext.of(Map.of(index.providerId + ":sub", List.of(sub),
                        index.providerId + ":aud", List.of(aud)));
                Request request = new Request(index.providerArn, WEB_IDENTITY, role, context);
                if (evaluator.evaluatePolicy("trust policy", PolicyRelaxing.relax(trust, context), request, true).decision() == Decision.ALLOW) {
                    return true;
                }
            }
            return false;
        }
    }
}
