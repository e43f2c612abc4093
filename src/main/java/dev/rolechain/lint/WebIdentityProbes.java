package dev.rolechain.lint;

import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyRelaxing;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.iam.Statement;
import java.util.ArrayList;
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
 * What a web-identity trust lets in, asked of the evaluator rather than read from patterns: for each Allow
 * statement that grants {@code sts:AssumeRoleWithWebIdentity}, a battery of probe tokens (another owner's
 * repository, another repository of the owner, the same repository's pull request, a tag, an arbitrary branch, an
 * environment, the immutable sub form with other ids, another audience; for other providers another subject and
 * another audience) and the tokens the statement itself names, each decided by {@link PolicyEvaluator} on the
 * statement together with every Deny of the document. Conditions on keys no token decides ({@code aws:},
 * {@code sts:}) are taken as met, since a caller could meet them; a condition on a key the provider's tokens do
 * not carry fails, as it does at AWS.
 */
public final class WebIdentityProbes {
    public static final String ACTION = "sts:AssumeRoleWithWebIdentity";
    static final String OTHER_OWNER = "rolechain-probe-owner";
    static final String OTHER_REPOSITORY = "rolechain-probe-repository";
    static final String PROBE_BRANCH = "rolechain-probe-branch";
    static final String PROBE_TAG = "rolechain-probe-tag";
    static final String PROBE_ENVIRONMENT = "rolechain-probe-environment";
    static final String PROBE_AUDIENCE = "rolechain-probe-audience";
    static final String PROBE_SUBJECT = "rolechain-probe-subject";

    /** What a probe stands for; findings are decided by which of them get in. */
    public enum Kind {
        OTHER_OWNER, OTHER_REPOSITORY, ENTERPRISE, PULL_REQUEST, ANY_BRANCH, ANY_TAG, ANY_ENVIRONMENT, OTHER_IDS,
        OTHER_AUDIENCE, OTHER_SUBJECT, OWN
    }

    /** One probe token: what it stands for, its sub (for messages) and the request context keys it gives IAM. */
    public record Probe(Kind kind, String sub, String repository, Map<String, List<String>> context) {
        public Probe {
            context = Map.copyOf(context);
        }
    }

    /** A probe and whether the statement (with the document's Denys) admits it. */
    public record Result(Probe probe, boolean admitted) {
    }

    /**
     * The judgment of one statement for one provider principal: the results of every probe. {@code roleArn} is the
     * role the requests were made for (a stand-in in the provider's account when the role is unknown).
     */
    public record Judgment(int statement, String principal, Provider provider, String roleArn, List<Result> results) {
        public Judgment {
            results = List.copyOf(results);
        }

        /** The first admitted probe of a kind. */
        public Optional<Probe> admitted(Kind kind) {
            return results.stream().filter(r -> r.admitted() && r.probe().kind() == kind).map(Result::probe).findFirst();
        }

        /** Whether no probe at all gets in: no token the provider issues can match the statement. */
        public boolean nothingMatches() {
            return results.stream().noneMatch(Result::admitted);
        }

        /** The request the judgment made for a probe: what {@code eval} is asked to confirm. */
        public Request request(Probe probe) {
            return new Request(principal, ACTION, roleArn, RequestContext.of(probe.context()));
        }
    }

    private final PolicyEvaluator evaluator;

    public WebIdentityProbes(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Whether a statement grants sts:AssumeRoleWithWebIdentity to some Federated principal. */
    public static boolean grantsWebIdentity(Statement s) {
        return s.effect() == Effect.ALLOW && s.principal() != null && !s.principal().values("Federated").isEmpty()
                && s.coversAction(ACTION);
    }

    /** Whether a Federated principal value names a SAML provider. */
    public static boolean saml(String federated) {
        return federated.contains(":saml-provider/");
    }

    /** The judgments of every web-identity statement of a trust; {@code roleArn} may be null. */
    public List<Judgment> judge(PolicyDocument trust, String roleArn) {
        List<Judgment> judgments = new ArrayList<>();
        List<Statement> denies = trust.statements().stream().filter(s -> s.effect() == Effect.DENY).toList();
        for (int i = 0; i < trust.statements().size(); i++) {
            Statement s = trust.statements().get(i);
            if (!grantsWebIdentity(s)) {
                continue;
            }
            List<Statement> alone = new ArrayList<>(denies.size() + 1);
            alone.add(s);
            alone.addAll(denies);
            for (String federated : s.principal().values("Federated")) {
                if (!saml(federated)) {
                    judgments.add(judge(i, s, federated, alone, trust, roleArn));
                }
            }
        }
        return judgments;
    }

    /** Whether the token decides a condition key: every key but the global ones (aws:, sts:), present or absent. */
    static boolean decidedByToken(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return !lower.startsWith("aws:") && !lower.startsWith("sts:") || lower.equals("aws:viaawsservice");
    }

    /** What every AssumeRoleWithWebIdentity request has: it is a direct call, never one a service makes on one's behalf. */
    private static final Map<String, List<String>> REQUEST = Map.of("aws:ViaAWSService", List.of("false"));

    private Judgment judge(int index, Statement s, String federated, List<Statement> alone, PolicyDocument trust,
            String roleArn) {
        String issuer = issuer(federated, s);
        // a principal that names no provider (a template's placeholder) stands for the provider of the issuer
        String principal = dev.rolechain.iam.Principal.typeOf(federated).equals("Federated") ? federated
                : "arn:aws:iam::000000000000:oidc-provider/" + issuer;
        List<Statement> statements = alone;
        if (!principal.equals(federated)) {
            statements = new ArrayList<>(alone);
            statements.set(0, new Statement(s.sid(), s.effect(), dev.rolechain.iam.Principals.of("Federated", principal),
                    s.notPrincipal(), s.actions(), s.notActions(), s.resources(), s.notResources(), s.conditions()));
        }
        PolicyDocument document = PolicyRelaxing.relax(new PolicyDocument(trust.version(), trust.id(), statements),
                WebIdentityProbes::decidedByToken);
        List<String> subs = new ArrayList<>(positiveValues(s, issuer, "sub"));
        // what a Deny's negated sub leaves in (Deny unless StringNotLike repo:acme/*) is a subject the trust names too
        for (Statement deny : alone.subList(1, alone.size())) {
            for (Condition c : deny.conditions()) {
                String base = c.operator().replaceFirst("^For(Any|All)Values?:", "");
                if (c.key().equalsIgnoreCase(issuer + ":sub") && base.startsWith("StringNot")) {
                    subs.addAll(c.values());
                }
            }
        }
        Provider provider = Provider.ofPrincipal(federated.contains(":oidc-provider/") ? federated : issuer).bySubjects(subs);
        provider = new Provider(provider.kind(), issuer, provider.shared());
        String role = roleArn != null ? roleArn : standInRole(principal);
        List<Probe> probes = provider.gitHub() ? gitHubProbes(s, provider, subs) : genericProbes(s, provider, subs);
        List<Result> results = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            Request request = new Request(principal, ACTION, role, RequestContext.of(probe.context()));
            results.add(new Result(probe, evaluator.decide(document, List.of(), request) == Decision.ALLOW));
        }
        return new Judgment(index, principal, provider, role, results);
    }


    private static String standInRole(String federated) {
        String account = dev.rolechain.iam.Principal.providerAccount(federated);
        return account != null ? "arn:" + federated.split(":")[1] + ":iam::" + account + ":role/rolechain-probe-role"
                : "arn:aws:iam::000000000000:role/rolechain-probe-role";
    }

    /**
     * The issuer whose keys the tokens carry: the provider ARN's, or the principal itself (accounts.google.com);
     * for a principal that names no provider (a template's placeholder) the prefix of the statement's sub or aud keys.
     */
    static String issuer(String federated, Statement s) {
        int at = federated.indexOf(":oidc-provider/");
        if (at >= 0) {
            return federated.substring(at + ":oidc-provider/".length());
        }
        if (federated.contains(".") && !federated.contains("{") && !federated.contains(" ")) {
            return federated;
        }
        for (Condition c : s.conditions()) {
            String key = c.key();
            String lower = key.toLowerCase(Locale.ROOT);
            if ((lower.endsWith(":sub") || lower.endsWith(":aud")) && decidedByToken(key)) {
                return key.substring(0, key.length() - 4);
            }
        }
        return federated;
    }

    /** The values of the statement's positive String conditions on one claim of the issuer. */
    static List<String> positiveValues(Statement s, String issuer, String claim) {
        List<String> values = new ArrayList<>();
        for (Condition c : s.conditions()) {
            if (c.key().equalsIgnoreCase(issuer + ":" + claim) && positive(c.operator())) {
                values.addAll(c.values());
            }
        }
        return values;
    }

    static boolean positive(String operator) {
        String base = operator.replaceFirst("^For(Any|All)Values?:", "");
        return base.startsWith("String") && !base.contains("Not");
    }

    // ---- GitHub ----

    private static final Pattern DEFAULT_SUB = Pattern.compile("repo:([^/:@]*)(?:@([^/:]*))?/([^:@]*)(?:@([^:]*))?(?::(.*))?");

    /** One run of GitHub Actions that a probe token is issued for. */
    private record Run(String owner, String ownerId, String repository, String repositoryId, String kind, String value) {
        Run with(String owner, String ownerId, String repository, String repositoryId) {
            return new Run(owner, ownerId, repository, repositoryId, kind, value);
        }

        Run as(String kind, String value) {
            return new Run(owner, ownerId, repository, repositoryId, kind, value);
        }

        String ref() {
            return switch (kind) {
                case "tag" -> "refs/tags/" + value;
                case "pull_request" -> "refs/pull/1/merge";
                case "pull_request_target" -> "refs/heads/" + value;
                case "branch" -> "refs/heads/" + value;
                default -> "refs/heads/main";
            };
        }

        String context() {
            return switch (kind) {
                case "tag" -> "ref:refs/tags/" + value;
                case "pull_request", "pull_request_target" -> "pull_request";
                case "environment" -> "environment:" + value.replace(":", "%3A");
                default -> "ref:refs/heads/" + value;
            };
        }
    }

    /** How the statement's subs are written: GitHub's default form (by names or immutable), or a custom template. */
    private record Form(boolean immutable, List<String> template, Map<String, String> values) {
        Form(boolean immutable, List<String> template) {
            this(immutable, template, Map.of());
        }

        static Form custom(String sub) {
            return new Form(false, templateOf(sub), customValues(sub));
        }
    }

    private List<Probe> gitHubProbes(Statement s, Provider provider, List<String> subs) {
        Map<String, String> pinned = pinnedClaims(s, provider);
        Run anchor = null;
        Form form = new Form(false, null);
        List<Run> own = new ArrayList<>();
        for (String sub : subs) {
            Run run = parseDefault(sub);
            if (run != null) {
                own.add(refine(run, pinned));
                if (anchor == null) {
                    anchor = refine(run, pinned);
                    form = new Form(run.ownerId() != null, null);
                }
            }
        }
        // a sub that is neither GitHub's default form nor names a claim key of a custom template is no real token's
        List<String> customSubs = subs.stream().filter(v -> parseDefault(v) == null && !templateOf(v).isEmpty()).toList();
        if (anchor == null && !customSubs.isEmpty()) {
            form = Form.custom(customSubs.get(0));
            anchor = refine(parseCustom(customSubs.get(0)), pinned);
        }
        if (anchor == null) {
            anchor = refine(new Run("acme", null, "app", null, "branch", "main"), pinned);
        }
        String audience = firstLiteral(positiveValues(s, provider.issuer(), "aud"), "sts.amazonaws.com");
        // claims the run does not decide (the actor, the workflow's name, a reusable workflow that any repository may
        // call) go into every probe: another owner's run can carry them too; an enterprise only its own members' runs
        Map<String, String> shared = new LinkedHashMap<>(pinned);
        shared.keySet().removeIf(RUN_CLAIMS::contains);
        Map<String, String> stranger = new LinkedHashMap<>(shared);
        stranger.remove("enterprise_id");
        List<Probe> probes = new ArrayList<>();
        probes.add(gitHub(Kind.OTHER_OWNER, anchor.with(OTHER_OWNER, "99000001", "app", "99000002"), form, audience, provider,
                stranger));
        probes.add(gitHub(Kind.OTHER_REPOSITORY, anchor.with(anchor.owner(), anchor.ownerId(), OTHER_REPOSITORY, "99000003"),
                form, audience, provider, shared));
        if (pinned.containsKey("enterprise_id")) {
            probes.add(gitHub(Kind.ENTERPRISE, anchor.with(OTHER_OWNER, "99000001", "app", "99000002"), form, audience,
                    provider, shared));
        }
        // the owner and repository patterns themselves: acme* admits acme-evil, app* admits app-anything
        for (String sub : subs) {
            Matcher m = DEFAULT_SUB.matcher(sub);
            if (!m.matches() || parseDefault(sub) == null) {
                continue;
            }
            String ownerPattern = m.group(1);
            String repositoryPattern = m.group(3);
            if (wildcard(ownerPattern) && !ownerPattern.equals("*")) {
                probes.add(gitHub(Kind.OTHER_OWNER, anchor.with(named(ownerPattern), "99000001", fill(repositoryPattern, "app"),
                        "99000002"), form, audience, provider, stranger));
            }
            if (wildcard(repositoryPattern) && !repositoryPattern.equals("*") && !wildcard(ownerPattern)) {
                probes.add(gitHub(Kind.OTHER_REPOSITORY, anchor.with(ownerPattern, anchor.ownerId(), named(repositoryPattern),
                        "99000003"), form, audience, provider, shared));
            }
        }
        // a pull request: pull_request runs on the merge ref, pull_request_target on the base branch
        probes.add(gitHub(Kind.PULL_REQUEST, anchor.as("pull_request", null), form, audience, provider, shared));
        probes.add(gitHub(Kind.PULL_REQUEST, anchor.as("pull_request_target", anchor.kind().equals("branch")
                ? anchor.value() : "main"), form, audience, provider, shared));
        probes.add(gitHub(Kind.ANY_BRANCH, anchor.as("branch", PROBE_BRANCH), form, audience, provider, shared));
        // git's ref names are case-sensitive, GitHub's owner, repository and environment names are not: MAIN is a
        // branch of its own, which a case-insensitive operator lets in beside main
        for (Run run : own.isEmpty() ? List.of(anchor) : own) {
            if ((run.kind().equals("branch") || run.kind().equals("tag")) && run.value() != null
                    && !run.value().equals(swapCase(run.value()))) {
                probes.add(gitHub(run.kind().equals("branch") ? Kind.ANY_BRANCH : Kind.ANY_TAG,
                        run.as(run.kind(), swapCase(run.value())), form, audience, provider, shared));
            }
        }
        probes.add(gitHub(Kind.ANY_TAG, anchor.as("tag", PROBE_TAG), form, audience, provider, shared));
        probes.add(gitHub(Kind.ANY_ENVIRONMENT, anchor.as("environment", PROBE_ENVIRONMENT), form, audience, provider, shared));
        if (form.immutable()) {
            probes.add(gitHub(Kind.OTHER_IDS, anchor.with(anchor.owner(), "99000004", anchor.repository(), "99000005"),
                    form, audience, provider, shared));
        }
        for (String sub : subs) {
            Matcher m = DEFAULT_SUB.matcher(sub);
            String context = m.matches() && m.group(5) != null ? m.group(5) : "";
            Run run = parseDefault(sub);
            // a wildcard branch or tag admits refs nobody named: one such ref
            if (run != null && (context.startsWith("ref:refs/heads/") || context.startsWith("ref:refs/tags/"))
                    && (context.indexOf('*') > 13 || context.indexOf('?') > 13)) {
                String named = fill(context.substring(context.indexOf('/', 9) + 1).replace("*", PROBE_BRANCH), "x");
                boolean branch = context.startsWith("ref:refs/heads/");
                probes.add(gitHub(branch ? Kind.ANY_BRANCH : Kind.ANY_TAG, run.as(branch ? "branch" : "tag", named), form,
                        audience, provider, shared));
            }
        }
        for (Run run : own) {
            probes.add(gitHub(Kind.OWN, run, new Form(run.ownerId() != null, null), audience, provider, shared));
            probes.add(gitHub(Kind.OTHER_AUDIENCE, run, new Form(run.ownerId() != null, null), PROBE_AUDIENCE, provider, shared));
        }
        for (String custom : customSubs) {
            Run run = refine(parseCustom(custom), pinned);
            probes.add(gitHub(Kind.OWN, run, Form.custom(custom), audience, provider, shared));
            probes.add(gitHub(Kind.OTHER_AUDIENCE, run, Form.custom(custom), PROBE_AUDIENCE, provider, shared));
        }
        if (subs.isEmpty()) {
            probes.add(gitHub(Kind.OWN, anchor, form, audience, provider, shared));
        }
        if (probes.stream().noneMatch(p -> p.kind() == Kind.OTHER_AUDIENCE)) {
            probes.add(gitHub(Kind.OTHER_AUDIENCE, anchor, form, PROBE_AUDIENCE, provider, shared));
        }
        return probes;
    }

    /** The claims a run decides: a statement's pinned value for one of them shapes the run, not the probes of others. */
    private static final Set<String> RUN_CLAIMS = Set.of("sub", "aud", "repository", "repository_id", "ref", "environment");

    /** A run as the statement's pinned repository, ref and environment claims shape it (a sub may leave them open). */
    private static Run refine(Run run, Map<String, String> pinned) {
        String owner = run.owner();
        String repository = run.repository();
        String repositoryId = pinned.getOrDefault("repository_id", run.repositoryId());
        String named = pinned.get("repository");
        if (named != null && named.indexOf('/') > 0 && named.indexOf('/') < named.length() - 1) {
            owner = named.substring(0, named.indexOf('/'));
            repository = named.substring(named.indexOf('/') + 1);
        }
        String kind = run.kind();
        String value = run.value();
        if (pinned.containsKey("environment")) {
            kind = "environment";
            value = pinned.get("environment");
        } else if (pinned.containsKey("ref")) {
            String ref = pinned.get("ref");
            if (ref.startsWith("refs/tags/")) {
                kind = "tag";
                value = ref.substring(10);
            } else if (ref.startsWith("refs/heads/")) {
                kind = "branch";
                value = ref.substring(11);
            }
        }
        return new Run(owner, run.ownerId(), repository, repositoryId, kind, value);
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static boolean wildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** A name the pattern admits that nobody chose: each * becomes "rolechain-probe", each ? an x. */
    private static String named(String pattern) {
        return fill(pattern.replace("*", "rolechain-probe"), "x");
    }

    /** A sub in GitHub's default form, wildcards filled with what one real run carries; null when it is none. */
    private static Run parseDefault(String sub) {
        Matcher m = DEFAULT_SUB.matcher(sub);
        if (!m.matches() || templateOf(sub).size() > 2) {
            return null;
        }
        String owner = fill(m.group(1), "acme");
        String repository = fill(m.group(3), "app");
        if (owner.isEmpty() || repository.isEmpty()) {
            return null;
        }
        String ownerId = m.group(2) == null ? null : fillDigits(m.group(2));
        String repositoryId = m.group(4) == null ? null : fillDigits(m.group(4));
        if (ownerId == null && repositoryId != null) {
            return null;
        }
        if (ownerId != null && repositoryId == null) {
            // repo:acme@12345/* admits every repository of the owner id, each in the immutable form
            repositoryId = "67890";
        }
        Run run = contextRun(m.group(5) == null ? "*" : m.group(5));
        return run == null ? null : new Run(owner, ownerId, repository, repositoryId, run.kind(), run.value());
    }

    private static Run contextRun(String context) {
        if (context.startsWith("ref:refs/heads/")) {
            return new Run(null, null, null, null, "branch", fill(context.substring(15), "main"));
        }
        if (context.startsWith("ref:refs/tags/")) {
            return new Run(null, null, null, null, "tag", fill(context.substring(14), "v1"));
        }
        if (context.startsWith("environment:")) {
            return new Run(null, null, null, null, "environment", fill(context.substring(12), "production"));
        }
        if (context.equals("pull_request")) {
            return new Run(null, null, null, null, "pull_request", null);
        }
        if (context.startsWith("*") || context.startsWith("?")) {
            return new Run(null, null, null, null, "branch", "main");
        }
        return null;
    }

    /** The claim keys of a custom-template sub, in order: each known claim name starts a key:value pair. */
    private static List<String> templateOf(String sub) {
        List<String> keys = new ArrayList<>();
        for (String segment : sub.split(":", -1)) {
            if (CUSTOM_KEYS.contains(segment) || segment.startsWith("repo_property_")) {
                keys.add(segment);
            } else if (segment.equals("pull_request") && (keys.isEmpty() || !keys.get(keys.size() - 1).equals("event_name"))) {
                keys.add("context");
            }
        }
        // repo:O/R:environment:prod:… is GitHub's [repo, context, …]: the run's part after repo is the context
        if (keys.size() > 1 && keys.get(0).equals("repo") && (keys.get(1).equals("ref") || keys.get(1).equals("environment"))) {
            keys.set(1, "context");
        }
        return keys;
    }

    private static final Set<String> CUSTOM_KEYS = Set.of("repo", "repository", "repository_owner", "repository_owner_id",
            "repository_id", "ref", "ref_type", "environment", "event_name", "job_workflow_ref", "workflow", "actor",
            "actor_id", "enterprise", "enterprise_id", "runner_environment", "workflow_ref", "context");

    /** The run a custom-template sub names, wildcards filled. */
    private static Run parseCustom(String sub) {
        Map<String, String> values = customValues(sub);
        String repository = values.getOrDefault("repository", values.get("repo"));
        String owner = values.getOrDefault("repository_owner", repository != null && repository.contains("/")
                ? repository.substring(0, repository.indexOf('/')) : "acme");
        String name = repository != null && repository.contains("/") ? repository.substring(repository.indexOf('/') + 1) : "app";
        String kind = "branch";
        String value = "main";
        if (values.containsKey("environment") && !values.get("environment").isEmpty()) {
            kind = "environment";
            value = values.get("environment");
        } else if ("pull_request".equals(values.get("event_name")) || values.containsKey("context")) {
            kind = "pull_request";
            value = null;
        } else if (values.containsKey("ref")) {
            String ref = values.get("ref");
            kind = ref.startsWith("refs/tags/") ? "tag" : "branch";
            value = ref.replaceFirst("^refs/(heads|tags)/", "");
        }
        return new Run(fill(owner, "acme"), values.getOrDefault("repository_owner_id", "12345"), fill(name, "app"),
                values.getOrDefault("repository_id", "67890"), kind, value == null ? null : fill(value, "main"));
    }

    private static Map<String, String> customValues(String sub) {
        Map<String, String> values = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String segment : sub.split(":", -1)) {
            if (CUSTOM_KEYS.contains(segment) || segment.startsWith("repo_property_")) {
                if (key != null) {
                    values.put(key, value.toString());
                }
                key = segment;
                value.setLength(0);
            } else if (segment.equals("pull_request")) {
                if (key != null) {
                    values.put(key, value.toString());
                }
                values.put("context", "pull_request");
                key = null;
            } else if (key != null) {
                if (value.length() > 0) {
                    value.append(':');
                }
                value.append(segment);
            }
        }
        if (key != null) {
            values.put(key, value.toString());
        }
        values.replaceAll((k, v) -> fill(v, k.endsWith("_id") ? "12345" : "x"));
        return values;
    }

    /** The claims other than sub and aud that the statement pins, as a run of its own would carry them. */
    private static Map<String, String> pinnedClaims(Statement s, Provider provider) {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (Condition c : s.conditions()) {
            String key = c.key();
            String prefix = provider.issuer() + ":";
            if (key.length() > prefix.length() && key.regionMatches(true, 0, prefix, 0, prefix.length()) && positive(c.operator())
                    && !c.values().isEmpty()) {
                String claim = key.substring(prefix.length()).toLowerCase(Locale.ROOT);
                if (!claim.equals("sub") && !claim.equals("aud")) {
                    pinned.putIfAbsent(claim, fill(c.values().get(0), "x"));
                }
            }
        }
        return pinned;
    }

    /**
     * A probe token for a run, with the claims GitHub puts in every token and AWS evaluates; {@code pinned} claims
     * (the statement's own values) override those of the run, for the probes of the statement's own repository.
     */
    private static Probe gitHub(Kind kind, Run run, Form form, String audience, Provider provider, Map<String, String> pinned) {
        String sub = form.template() != null ? customSub(run, form)
                : "repo:" + (form.immutable() ? run.owner() + "@" + orDefault(run.ownerId(), "12345") + "/" + run.repository()
                        + "@" + orDefault(run.repositoryId(), "67890") : run.owner() + "/" + run.repository()) + ":" + run.context();
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("aud", audience);
        claims.put("repository", run.owner() + "/" + run.repository());
        claims.put("repository_id", orDefault(run.repositoryId(), "67890"));
        claims.put("ref", run.ref());
        if (run.kind().equals("environment")) {
            claims.put("environment", run.value());
        }
        claims.put("job_workflow_ref", form.values().getOrDefault("job_workflow_ref",
                run.owner() + "/" + run.repository() + "/.github/workflows/deploy.yml@" + run.ref()));
        claims.put("workflow", "deploy");
        claims.put("actor", "rolechain-probe-actor");
        claims.put("actor_id", "99000009");
        pinned.forEach(claims::put);
        Map<String, List<String>> context = new LinkedHashMap<>();
        claims.forEach((claim, value) -> {
            if (provider.carries(claim)) {
                context.put(provider.issuer() + ":" + claim, List.of(value));
            }
        });
        context.putAll(REQUEST);
        return new Probe(kind, sub, run.owner() + "/" + run.repository(), context);
    }

    private static String customSub(Run run, Form form) {
        StringBuilder sub = new StringBuilder();
        for (String key : form.template()) {
            if (sub.length() > 0) {
                sub.append(':');
            }
            String value = switch (key) {
                case "context" -> null;
                case "repo" -> run.owner() + "/" + run.repository();
                case "repository" -> run.owner() + "/" + run.repository();
                case "repository_owner" -> run.owner();
                case "repository_owner_id" -> orDefault(run.ownerId(), "12345");
                case "repository_id" -> orDefault(run.repositoryId(), "67890");
                case "ref" -> run.ref();
                case "ref_type" -> run.kind().equals("tag") ? "tag" : "branch";
                case "environment" -> run.kind().equals("environment") ? run.value() : "";
                case "event_name" -> run.kind().startsWith("pull_request") ? run.kind() : "push";
                case "job_workflow_ref" -> form.values().getOrDefault("job_workflow_ref",
                        run.owner() + "/" + run.repository() + "/.github/workflows/deploy.yml@" + run.ref());
                default -> form.values().getOrDefault(key, "x");
            };
            sub.append(value == null ? run.context() : key + ":" + value);
        }
        return sub.toString();
    }

    // ---- other providers ----

    private List<Probe> genericProbes(Statement s, Provider provider, List<String> subs) {
        List<String> audiences = positiveValues(s, provider.issuer(), "aud");
        String audience = firstLiteral(audiences, provider.kind() == Provider.Kind.EKS ? "sts.amazonaws.com" : PROBE_AUDIENCE);
        Map<String, String> pinned = new LinkedHashMap<>();
        for (Condition c : s.conditions()) {
            String prefix = provider.issuer() + ":";
            if (c.key().regionMatches(true, 0, prefix, 0, prefix.length()) && positive(c.operator()) && !c.values().isEmpty()) {
                String claim = c.key().substring(prefix.length()).toLowerCase(Locale.ROOT);
                if (!claim.equals("sub") && !claim.equals("aud")) {
                    pinned.putIfAbsent(claim, fill(c.values().get(0), "x"));
                }
            }
        }
        List<Probe> probes = new ArrayList<>();
        probes.add(generic(Kind.OTHER_SUBJECT, PROBE_SUBJECT, audience, provider, pinned));
        for (String sub : subs) {
            String stranger = stranger(provider, sub);
            if (stranger != null) {
                probes.add(generic(Kind.OTHER_SUBJECT, stranger, audience, provider, pinned));
            }
        }
        Set<String> own = new LinkedHashSet<>();
        subs.forEach(v -> own.add(fill(v, "x")));
        if (own.isEmpty()) {
            own.add(PROBE_SUBJECT);
        }
        for (String sub : own) {
            probes.add(generic(Kind.OWN, sub, audience, provider, pinned));
            probes.add(generic(Kind.OTHER_AUDIENCE, sub, PROBE_AUDIENCE, provider, pinned));
        }
        return probes;
    }

    private static final Pattern TENANT = Pattern.compile(
            "^(project_path:|organization:|system:serviceaccount:|project_path:|namespace_path:)([^:]*)(.*)$");

    /**
     * The subject of a stranger that a pattern admits, where the provider's subject names its tenant first: GitLab's
     * group and project ({@code project_path:acme*}), HCP Terraform's organization ({@code organization:*:…}), an EKS
     * namespace ({@code system:serviceaccount:*:deployer}); null when the tenant part has no wildcard.
     */
    static String stranger(Provider provider, String sub) {
        Matcher m = TENANT.matcher(sub);
        if (!m.matches() || !wildcard(m.group(2))) {
            return null;
        }
        boolean known = switch (provider.kind()) {
            case GITLAB -> m.group(1).equals("project_path:") || m.group(1).equals("namespace_path:");
            case TERRAFORM_CLOUD -> m.group(1).equals("organization:");
            case EKS -> m.group(1).equals("system:serviceaccount:");
            default -> false;
        };
        return known ? m.group(1) + named(m.group(2)) + fill(m.group(3), "x") : null;
    }

    private static Probe generic(Kind kind, String sub, String audience, Provider provider, Map<String, String> pinned) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put(provider.issuer() + ":sub", List.of(sub));
        context.put(provider.issuer() + ":aud", List.of(audience));
        pinned.forEach((claim, value) -> {
            if (provider.carries(claim)) {
                context.put(provider.issuer() + ":" + claim, List.of(value));
            }
        });
        context.putAll(REQUEST);
        return new Probe(kind, sub, null, context);
    }

    // ---- helpers ----

    /**
     * IAM wildcards in a pattern filled with text one real value could hold: {@code forStar} for a lone {@code *},
     * else {@code x} for each; the escapes {@code ${$}}, {@code ${*}} and {@code ${?}} become the character they
     * stand for, and other policy variables stay as written.
     */
    static String fill(String pattern, String forStar) {
        if (pattern.equals("*")) {
            return forStar;
        }
        StringBuilder out = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '$' && pattern.startsWith("${", i) && pattern.indexOf('}', i) > 0) {
                int end = pattern.indexOf('}', i);
                String variable = pattern.substring(i + 2, end);
                out.append(variable.equals("$") || variable.equals("*") || variable.equals("?") ? variable
                        : pattern.substring(i, end + 1));
                i = end;
            } else {
                out.append(c == '*' || c == '?' ? 'x' : c);
            }
        }
        return out.toString();
    }

    private static String fillDigits(String pattern) {
        return pattern.replace("*", "1").replace("?", "1");
    }

    private static String firstLiteral(List<String> values, String otherwise) {
        return values.isEmpty() ? otherwise : fill(values.get(0), "x");
    }

    private static String orDefault(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
