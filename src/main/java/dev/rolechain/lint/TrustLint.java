package dev.rolechain.lint;

import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Statement;
import dev.rolechain.iam.PolicyEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The trust-policy rules: web-identity trust (RC101–RC111 for GitHub, RC120–RC121 for other OIDC providers, RC122
 * for SAML) decided by probing the evaluator ({@link WebIdentityProbes}), and cross-account trust (RC201–RC205).
 */
public final class TrustLint {
    private final WebIdentityProbes probes;

    public TrustLint(PolicyEvaluator evaluator) {
        this.probes = new WebIdentityProbes(evaluator);
    }

    public TrustLint() {
        this(new PolicyEvaluator());
    }

    public List<Finding> lint(String location, PolicyDocument trust, TrustContext context) {
        if (context.roleAccountId() == null) {
            String account = providerAccount(trust);
            if (account != null) {
                context = context.forRole(context.roleArn(), account);
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<Statement> statements = trust.statements();
        Map<Integer, List<WebIdentityProbes.Judgment>> judgments = new HashMap<>();
        for (WebIdentityProbes.Judgment j : probes.judge(trust, context.roleArn())) {
            judgments.computeIfAbsent(j.statement(), k -> new ArrayList<>()).add(j);
        }
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            String where = location + ": Statement[" + i + "]";
            if (s.notPrincipal() != null) {
                findings.add(Rule.RC205.at(where, "NotPrincipal in a trust policy: with Allow it trusts everyone not listed"));
            }
            if (s.effect() != Effect.ALLOW || s.principal() == null) {
                continue;
            }
            if (s.principal().anyone() || s.principal().values("AWS").contains("*")) {
                findings.add(Rule.RC203.at(where, "Principal \"*\" lets any AWS principal assume this role"
                        + (s.conditions().isEmpty() ? "" : " that meets the conditions")));
            }
            for (WebIdentityProbes.Judgment j : judgments.getOrDefault(i, List.of())) {
                if (j.provider().gitHub()) {
                    gitHub(where, s, j, context, findings);
                } else {
                    otherProvider(where, s, j, findings);
                }
            }
            if (s.coversAction("sts:AssumeRoleWithSAML") && s.principal().values("Federated").stream()
                    .anyMatch(WebIdentityProbes::saml) && s.conditions().stream().noneMatch(c ->
                            c.key().equalsIgnoreCase("SAML:aud") && WebIdentityProbes.positive(c.operator()))) {
                findings.add(Rule.RC122.at(where, "the SAML provider is trusted without a SAML:aud condition: an assertion "
                        + "meant for another service provider that trusts the same identity provider is accepted"));
            }
            if (!s.principal().values("AWS").isEmpty() && s.coversAction("sts:AssumeRole")) {
                crossAccount(where, s, context, findings);
            }
        }
        tagSession(location, statements, context, findings);
        return findings;
    }

    /**
     * The role's account as the providers its trust names tell it: STS signs a web identity or SAML user in only to
     * roles of the provider's own account, so a trust of one account's providers is a role of that account (null
     * when it names none, or several accounts').
     */
    static String providerAccount(PolicyDocument trust) {
        java.util.Set<String> accounts = new java.util.HashSet<>();
        for (Statement s : trust.statements()) {
            if (s.effect() == Effect.ALLOW && s.principal() != null) {
                for (String federated : s.principal().values("Federated")) {
                    String account = Principal.providerAccount(federated);
                    if (account != null) {
                        accounts.add(account);
                    }
                }
            }
        }
        return accounts.size() == 1 ? accounts.iterator().next() : null;
    }

    /** Whether a statement trusts a GitHub Actions OIDC provider for sts:AssumeRoleWithWebIdentity. */
    static boolean isOidc(Statement s) {
        return WebIdentityProbes.grantsWebIdentity(s) && s.principal().values("Federated").stream()
                .filter(v -> v.contains(":oidc-provider/"))
                .anyMatch(v -> Provider.ofPrincipal(v).bySubjects(WebIdentityProbes.positiveValues(s,
                        WebIdentityProbes.issuer(v, s), "sub")).gitHub());
    }

    private static String token(WebIdentityProbes.Probe probe) {
        return "sub \"" + probe.sub() + "\"";
    }

    private static void gitHub(String where, Statement s, WebIdentityProbes.Judgment j, TrustContext context,
            List<Finding> findings) {
        String issuer = j.provider().issuer();
        if (s.conditions().isEmpty()) {
            findings.add(Rule.RC101.at(where, "the OIDC provider " + issuer + " is trusted with no condition: every "
                    + "repository on the issuer, of any owner, can assume this role"));
            return;
        }
        if (j.nothingMatches()) {
            findings.add(Rule.RC111.at(where, "no token GitHub issues can match this statement, so every deploy through it "
                    + "is denied" + whyNothing(s, j)));
        }
        boolean negativeOnly = s.conditions().stream().anyMatch(c -> claim(c, issuer, "sub"))
                && s.conditions().stream().filter(c -> claim(c, issuer, "sub")).noneMatch(c -> WebIdentityProbes.positive(c.operator()));
        Optional<WebIdentityProbes.Probe> otherOwner = j.admitted(WebIdentityProbes.Kind.OTHER_OWNER);
        Optional<WebIdentityProbes.Probe> otherRepository = j.admitted(WebIdentityProbes.Kind.OTHER_REPOSITORY);
        Optional<WebIdentityProbes.Probe> enterprise = j.admitted(WebIdentityProbes.Kind.ENTERPRISE);
        boolean reusable = s.conditions().stream().anyMatch(c -> claim(c, issuer, "job_workflow_ref")
                && WebIdentityProbes.positive(c.operator())) || WebIdentityProbes.positiveValues(s, issuer, "sub").stream()
                        .anyMatch(v -> v.contains("job_workflow_ref:"));
        if (otherOwner.isPresent()) {
            String repository = otherOwner.get().repository();
            findings.add(Rule.RC102.at(where, "any repository of any owner" + (j.provider().shared() ? ""
                    : " that gets tokens from " + issuer + " (every repository of that enterprise or server)")
                    + " can assume this role: a token of another owner's repository (" + repository + ", " + token(otherOwner.get()) + ") is admitted" + (negativeOnly
                    ? "; its only sub conditions are negated (StringNot…) or Null, which every other subject meets"
                    : reusable ? "; the reusable workflow it names can be called from any repository that may read it "
                    + "(all of them, for a public one), and the token then carries the caller's repository"
                    : s.conditions().stream().noneMatch(c -> claim(c, issuer, "sub")) ? "; no condition names the repository"
                    : "")));
        } else if (enterprise.isPresent()) {
            findings.add(Rule.RC104.at(where, context.isProduction() ? Severity.ERROR : Severity.WARNING, "every repository of "
                    + "every organization of the enterprise can assume this role: a token of another organization's "
                    + "repository with the same enterprise_id (" + token(enterprise.get()) + ") is admitted"));
        } else if (otherRepository.isPresent()) {
            String repository = otherRepository.get().repository();
            String owner = repository.substring(0, repository.indexOf('/'));
            findings.add(Rule.RC104.at(where, context.isProduction() ? Severity.ERROR : Severity.WARNING, "every repository of "
                    + owner + " can assume this role" + (context.isProduction() ? ", a production role" : "")
                    + (otherRepository.get().sub().startsWith("repo:") ? "" : " (its sub does not name one repository)")
                    + ": a token of "
                    + "another of its repositories (" + token(otherRepository.get()) + ") is admitted"));
        }
        if (otherOwner.isEmpty()) {
            j.admitted(WebIdentityProbes.Kind.OTHER_IDS).ifPresent(p -> findings.add(Rule.RC104.at(where,
                    context.isProduction() ? Severity.ERROR : Severity.WARNING, "the ids in the immutable sub are wildcards, "
                    + "so a repository that takes over the name " + p.repository() + " after a rename, transfer or deletion "
                    + "(another owner or repository id) can assume this role: " + token(p) + " is admitted")));
        }
        if (context.owner() != null) {
            for (String sub : WebIdentityProbes.positiveValues(s, issuer, "sub")) {
                java.util.regex.Matcher m = OWNER.matcher(sub);
                if (m.find() && !m.group(1).contains("*") && !m.group(1).contains("?")
                        && !m.group(1).equalsIgnoreCase(context.owner())) {
                    findings.add(Rule.RC104.at(where, "sub \"" + sub + "\" admits another owner's repositories (\""
                            + m.group(1) + "\", expected \"" + context.owner() + "\")"));
                    break;
                }
            }
        }
        if (context.isProduction() && otherOwner.isEmpty()) {
            j.admitted(WebIdentityProbes.Kind.PULL_REQUEST).ifPresent(p -> findings.add(Rule.RC107.at(where,
                    "pull request runs can assume this production role: " + token(p) + " is admitted")));
            Optional<WebIdentityProbes.Probe> anyRef = j.admitted(WebIdentityProbes.Kind.ANY_BRANCH)
                    .or(() -> j.admitted(WebIdentityProbes.Kind.ANY_TAG));
            anyRef.ifPresent(p -> findings.add(Rule.RC108.at(where, "branches or tags nobody named can assume this "
                    + "production role: " + token(p) + ", a ref nobody named, is admitted")));
        }
        j.admitted(WebIdentityProbes.Kind.OTHER_AUDIENCE).ifPresent(p -> findings.add(Rule.RC103.at(where,
                "no condition pins the aud claim: a token for another audience (\"" + WebIdentityProbes.PROBE_AUDIENCE
                        + "\") is admitted")));
        for (Condition aud : s.conditions()) {
            if (claim(aud, issuer, "aud") && WebIdentityProbes.positive(aud.operator())) {
                aud.values().stream().filter(v -> !v.equals(context.expectedAudience())).findFirst().ifPresent(v ->
                        findings.add(Rule.RC103.at(where, "aud \"" + v + "\" is not the configured audience \""
                                + context.expectedAudience() + "\"")));
            }
        }
        for (Condition c : s.conditions()) {
            String base = c.operator().replaceFirst("^For(Any|All)Values?:", "");
            if ((base.startsWith("StringEquals") || base.startsWith("StringNotEquals"))
                    && c.values().stream().anyMatch(v -> v.contains("*") || v.contains("?"))) {
                findings.add(Rule.RC105.at(where, c.operator() + " on " + c.key() + " compares \"*\" and \"?\" literally, "
                        + "so " + c.values() + " never matches a real claim"));
            }
            if ((claim(c, issuer, "sub") || claim(c, issuer, "aud")) && c.operator().startsWith("ForAllValues:")) {
                findings.add(Rule.RC106.at(where, c.operator() + " on the single-valued " + c.key() + " claim would pass "
                        + "if the claim were absent (an empty set meets ForAllValues); GitHub's tokens always carry it, so "
                        + "here it acts as " + base + ", but the qualifier is meant for multivalued keys"));
            } else if ((claim(c, issuer, "sub") || claim(c, issuer, "aud")) && c.operator().startsWith("ForAnyValue:")) {
                findings.add(Rule.RC106.at(where, Severity.INFO, c.operator() + " on the single-valued " + c.key()
                        + " claim acts as " + base + " (and fails when the claim is absent); the qualifier is meant for "
                        + "multivalued keys"));
            }
        }
    }

    private static final java.util.regex.Pattern OWNER = java.util.regex.Pattern.compile("^repo:([^/@:]+)[@/]");

    /** Why no token matches: the provider's account, the keys no token of the provider carries, or else the values tried. */
    private static String whyNothing(Statement s, WebIdentityProbes.Judgment j) {
        String provider = Principal.providerAccount(j.principal());
        String role = accountOf(j.roleArn());
        if (provider != null && role != null && !provider.equals(role)) {
            return ": the provider is in account " + provider + " and the role in " + role + ", and STS "
                    + "signs a web identity in only to roles of the provider's own account";
        }
        String prefix = j.provider().issuer().toLowerCase(Locale.ROOT) + ":";
        List<String> absent = new ArrayList<>();
        for (Condition c : s.conditions()) {
            String key = c.key().toLowerCase(Locale.ROOT);
            if (!WebIdentityProbes.decidedByToken(c.key())) {
                continue;
            }
            if (!key.startsWith(prefix) || !j.provider().carries(key.substring(prefix.length()))) {
                absent.add(c.key());
            }
        }
        if (!absent.isEmpty()) {
            return ": the condition key" + (absent.size() == 1 ? " " + absent.get(0) + " is" : "s " + absent + " are")
                    + " not one the tokens of " + j.provider().describe() + " carry, so no request has "
                    + (absent.size() == 1 ? "it" : "them");
        }
        List<String> variables = new ArrayList<>();
        s.conditions().stream().filter(c -> WebIdentityProbes.decidedByToken(c.key())).flatMap(c -> c.values().stream())
                .filter(v -> v.matches(".*\\$\\{(?![$*?]})[^}]+}.*")).forEach(variables::add);
        if (!variables.isEmpty()) {
            return ": " + variables.get(0) + " holds an IAM policy variable (${…}) that no request resolves, so its condition "
                    + "never holds (a placeholder from documentation, left in?)";
        }
        String tried = j.results().stream().filter(r -> r.probe().kind() == WebIdentityProbes.Kind.OWN).findFirst()
                .map(r -> " (for instance " + token(r.probe()) + ")").orElse("");
        return ": no value of its conditions is one a real token carries" + tried;
    }

    private static void otherProvider(String where, Statement s, WebIdentityProbes.Judgment j, List<Finding> findings) {
        Provider provider = j.provider();
        if (j.nothingMatches()) {
            findings.add(Rule.RC111.at(where, "no token " + provider.describe() + " issues can match this statement, so "
                    + "every AssumeRoleWithWebIdentity through it is denied" + whyNothing(s, j)));
            return;
        }
        boolean anySubject = j.admitted(WebIdentityProbes.Kind.OTHER_SUBJECT).isPresent();
        boolean anyAudience = j.admitted(WebIdentityProbes.Kind.OTHER_AUDIENCE).isPresent();
        if (anySubject && provider.kind() != Provider.Kind.COGNITO) {
            WebIdentityProbes.Probe probe = j.admitted(WebIdentityProbes.Kind.OTHER_SUBJECT).orElseThrow();
            boolean unpinned = probe.sub().equals(WebIdentityProbes.PROBE_SUBJECT);
            String tenant = switch (provider.kind()) {
                case GITLAB -> "another group or project";
                case TERRAFORM_CLOUD -> "another organization";
                case EKS -> "another namespace";
                default -> "another tenant";
            };
            findings.add(Rule.RC120.at(where, provider.shared() ? Severity.ERROR : Severity.WARNING, unpinned
                    ? "any identity " + provider.describe() + " issues tokens for can assume this role: no condition pins "
                    + "the sub claim" + (provider.shared() ? ", and the issuer serves every one of its customers"
                    : provider.kind() == Provider.Kind.EKS ? " (every service account of the cluster)" : "")
                    : "identities of " + tenant + " of " + provider.describe() + " can assume this role: the sub pattern "
                    + "leaves the " + (provider.kind() == Provider.Kind.EKS ? "namespace" : "owner") + " open, and sub \""
                    + probe.sub() + "\" is admitted" + (provider.shared() ? " (anyone can register such a name)" : "")));
        }
        if (anyAudience) {
            boolean cognito = provider.kind() == Provider.Kind.COGNITO;
            findings.add(Rule.RC121.at(where, cognito ? Severity.ERROR : Severity.WARNING, "no condition pins the aud claim "
                    + "of " + provider.describe() + (cognito ? ": identities of any identity pool can assume this role"
                    : ": a token for another audience is admitted")));
        }
    }

    private static boolean claim(Condition c, String issuer, String claim) {
        return c.key().equalsIgnoreCase(issuer + ":" + claim);
    }

    private static final java.util.regex.Pattern ARN_ACCOUNT = java.util.regex.Pattern.compile("arn:[^:]+:(?:iam|sts)::([^:]+):.+");

    /** The account a principal names: a 12-digit id, or an ARN's account field (a template's placeholder included). */
    private static String accountOf(String principal) {
        if (principal.matches("\\d{12}")) {
            return principal;
        }
        java.util.regex.Matcher m = ARN_ACCOUNT.matcher(principal);
        return m.matches() ? m.group(1) : null;
    }

    private static void crossAccount(String where, Statement s, TrustContext context, List<Finding> findings) {
        List<String> principals = s.principal().values("AWS").stream().filter(p -> !p.equals("*")).toList();
        boolean externalId = s.conditions().stream().anyMatch(c -> c.key().equalsIgnoreCase("sts:ExternalId"));
        if (!externalId && !principals.isEmpty()) {
            if (context.roleAccountId() == null) {
                List<String> accounts = principals.stream().map(p -> accountOf(p) == null ? p : accountOf(p)).distinct().toList();
                findings.add(Rule.RC201.at(where, Severity.INFO, "no sts:ExternalId condition; the role's own account is not "
                        + "known here, so whether " + (accounts.size() == 1 ? "account " + accounts.get(0) + " is another "
                        + "account" : "accounts " + accounts + " are other accounts") + " cannot be told (give --account ID, "
                        + "or lint get-role output, which names the role)"));
            } else {
                List<String> others = principals.stream().filter(p -> !context.roleAccountId().equals(accountOf(p))).toList();
                if (!others.isEmpty()) {
                    findings.add(Rule.RC201.at(where, "no sts:ExternalId condition on a cross-account trust of " + others));
                }
            }
        }
        principals.stream().filter(p -> Principal.isAccount(p) || p.matches("arn:[^:]+:iam::[^:]+:root"))
                .forEach(p -> findings.add(Rule.RC202.at(where,
                "the whole account " + p + " is trusted; any of its principals allowed sts:AssumeRole can assume this role")));
    }

    /** Session tagging on: some Allow statement for the calling roles must cover sts:TagSession. */
    private static void tagSession(String location, List<Statement> statements, TrustContext context,
            List<Finding> findings) {
        if (!Boolean.TRUE.equals(context.sessionTagging())) {
            return;
        }
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (s.effect() != Effect.ALLOW || s.principal() == null || s.principal().values("AWS").isEmpty()
                    || !s.coversAction("sts:AssumeRole")) {
                continue;
            }
            boolean tagging = statements.stream().anyMatch(t -> t.effect() == Effect.ALLOW && t.principal() != null
                    && t.principal().values("AWS").containsAll(s.principal().values("AWS")) && t.coversAction("sts:TagSession"));
            if (!tagging) {
                findings.add(Rule.RC204.at(location + ": Statement[" + i + "]", "session tagging is on but the trust does "
                        + "not allow sts:TagSession: configure-aws-credentials then fails with \"not authorized to "
                        + "perform sts:TagSession\""));
            }
        }
    }
}
