package dev.rolechain.lint;

import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Statement;
import dev.rolechain.iam.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The trust-policy rules: OIDC trust (RC101–RC107) and cross-account trust (RC201–RC205). */
public final class TrustLint {

    public List<Finding> lint(String location, PolicyDocument trust, TrustContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Statement> statements = trust.statements();
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
            if (isOidc(s)) {
                oidc(where, s, context, findings);
            }
            if (!s.principal().values("AWS").isEmpty() && s.coversAction("sts:AssumeRole")) {
                crossAccount(where, s, context, findings);
            }
        }
        tagSession(location, statements, context, findings);
        return findings;
    }

    static boolean isOidc(Statement s) {
        return s.principal().values("Federated").stream().anyMatch(v -> v.contains(":oidc-provider/"))
                && s.coversAction("sts:AssumeRoleWithWebIdentity");
    }

    private static void oidc(String where, Statement s, TrustContext context, List<Finding> findings) {
        if (s.conditions().isEmpty()) {
            findings.add(Rule.RC101.at(where, "the OIDC provider is trusted with no condition: every repository on the "
                    + "issuer, of any owner, can assume this role"));
            return;
        }
        List<Condition> subs = s.conditions().stream().filter(c -> claim(c, "sub")).toList();
        List<Condition> auds = s.conditions().stream().filter(c -> claim(c, "aud")).toList();
        if (subs.isEmpty()) {
            findings.add(Rule.RC102.at(where, "no condition on the sub claim: any repository and ref can assume this role"));
        }
        if (auds.isEmpty()) {
            findings.add(Rule.RC103.at(where, "no condition on the aud claim"));
        } else {
            for (Condition aud : auds) {
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
            if ((claim(c, "sub") || claim(c, "aud")) && c.operator().startsWith("For")) {
                findings.add(Rule.RC106.at(where, c.operator() + " on the single-valued " + c.key()
                        + " claim passes when the claim is absent"));
            }
        }
        for (Condition sub : subs) {
            if (!sub.operator().replaceFirst("^For(Any|All)Values?:", "").startsWith("String")
                    || sub.operator().contains("Not")) {
                continue;
            }
            boolean like = sub.operator().contains("Like");
            for (String value : sub.values()) {
                subPattern(where, value, like, context, findings);
            }
        }
    }

    private static void subPattern(String where, String value, boolean like, TrustContext context, List<Finding> findings) {
        if (!like && (value.contains("*") || value.contains("?"))) {
            return; // RC105 already says it never matches
        }
        if (!value.startsWith("repo:")) {
            customPattern(where, value, like, context, findings);
            return;
        }
        String rest = value.substring("repo:".length());
        int slash = rest.indexOf('/');
        // the immutable form appends @OWNER_ID and @REPO_ID to the names
        String owner = (slash < 0 ? rest : rest.substring(0, slash)).replaceFirst("@\\d+$", "");
        if (owner.contains("*") || owner.contains("?") || slash < 0) {
            findings.add(Rule.RC104.at(where, "sub \"" + value + "\" admits repositories of any owner"));
            return;
        }
        if (context.owner() != null && !owner.equalsIgnoreCase(context.owner())) {
            findings.add(Rule.RC104.at(where, "sub \"" + value + "\" admits another owner's repositories (\"" + owner
                    + "\", expected \"" + context.owner() + "\")"));
            return;
        }
        String afterOwner = rest.substring(slash + 1);
        int colon = afterOwner.indexOf(':');
        String repo = (colon < 0 ? afterOwner : afterOwner.substring(0, colon)).replaceFirst("@\\d+$", "");
        String suffix = colon < 0 ? "*" : dev.rolechain.github.SubjectClaims.context(value);
        if (like && (repo.contains("*") || repo.contains("?")) && context.isProduction()) {
            findings.add(Rule.RC104.at(where, "sub \"" + value + "\" admits every repository of "
                    + owner + " matching \"" + repo + "\" into a production target"));
        }
        if (context.isProduction() && (like ? Wildcards.matches(suffix, "pull_request") : suffix.equals("pull_request"))) {
            findings.add(Rule.RC107.at(where, "sub \"" + value + "\" admits pull request runs into a production target"));
        }
        if (context.isProduction() && like && !suffix.startsWith("environment:")
                && (suffix.contains("*") || suffix.contains("?"))) {
            findings.add(Rule.RC108.at(where, "sub \"" + value + "\" admits "
                    + (suffix.equals("*") ? "every run (any ref, event or environment)" : "every ref matching \"" + suffix + "\"")
                    + " into a production target"));
        }
    }

    private static final java.util.regex.Pattern CUSTOM_IDENTITY = java.util.regex.Pattern.compile(
            "(?:^|:)(?:repository:([^:/*?]+)/[^:*?]+|repository_id:\\d+)(?=:|$)");
    private static final java.util.regex.Pattern CUSTOM_OWNER = java.util.regex.Pattern.compile(
            "(?:^|:)(?:repository|repository_owner):([^:/]+)");

    /**
     * A sub under a custom template ({@code include_claim_keys}): it must name one repository
     * ({@code repository:OWNER/REPO} or {@code repository_id:ID}) before any wildcard, of the expected owner.
     */
    private static void customPattern(String where, String value, boolean like, TrustContext context,
            List<Finding> findings) {
        int wildcard = like ? firstWildcard(value) : -1;
        java.util.regex.Matcher identity = CUSTOM_IDENTITY.matcher(value);
        if (!identity.find() || wildcard >= 0 && identity.start() > wildcard) {
            findings.add(Rule.RC104.at(where, "sub \"" + value + "\" does not name one repository (repo:OWNER/REPO, "
                    + "repository:OWNER/REPO or repository_id:ID before any wildcard): it admits "
                    + (value.contains("*") ? "every repository of every owner" : "the same run of any repository")));
            return;
        }
        java.util.regex.Matcher owner = CUSTOM_OWNER.matcher(value);
        if (owner.find() && context.owner() != null && !owner.group(1).equalsIgnoreCase(context.owner())) {
            findings.add(Rule.RC104.at(where, "sub \"" + value + "\" admits another owner's repositories (\"" + owner.group(1)
                    + "\", expected \"" + context.owner() + "\")"));
            return;
        }
        String run = dev.rolechain.github.SubjectClaims.context(value);
        if (context.isProduction() && (like ? Wildcards.matches(run, "pull_request") : run.equals("pull_request"))) {
            findings.add(Rule.RC107.at(where, "sub \"" + value + "\" admits pull request runs into a production target"));
        }
        if (context.isProduction() && like && !run.startsWith("environment:") && firstWildcard(run) >= 0) {
            findings.add(Rule.RC108.at(where, "sub \"" + value + "\" admits " + (run.equals("*")
                    ? "every run (any ref, event or environment)" : "every ref matching \"" + run + "\"")
                    + " into a production target"));
        }
    }

    private static int firstWildcard(String value) {
        int star = value.indexOf('*');
        int question = value.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    private static boolean claim(Condition c, String claim) {
        String key = c.key().toLowerCase(Locale.ROOT);
        return key.endsWith(":" + claim) && !key.startsWith("aws:") && !key.startsWith("sts:");
    }

    private static void crossAccount(String where, Statement s, TrustContext context, List<Finding> findings) {
        List<String> principals = s.principal().values("AWS").stream().filter(p -> !p.equals("*")).toList();
        boolean crossAccount = context.roleAccountId() == null || principals.stream()
                .map(Principal::accountOf).anyMatch(a -> a == null || !a.equals(context.roleAccountId()));
        if (crossAccount && s.conditions().stream().noneMatch(c -> c.key().equalsIgnoreCase("sts:ExternalId"))) {
            findings.add(Rule.RC201.at(where, "no sts:ExternalId condition on a cross-account trust of " + principals));
        }
        principals.stream().filter(Principal::isAccount).forEach(p -> findings.add(Rule.RC202.at(where,
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
