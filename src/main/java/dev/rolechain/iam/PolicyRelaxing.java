package dev.rolechain.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy as it would decide for a caller whose other circumstances are unknown: the conditions the caller could
 * meet are taken as met (what Inspect asks: could this principal ever get in?).
 */
public final class PolicyRelaxing {
    private PolicyRelaxing() {
    }

    /**
     * The document with the conditions the caller could meet taken as met: in an Allow statement only
     * the conditions on keys the context decides stay; a Deny statement with any other condition is
     * dropped.
     */
    public static PolicyDocument relax(PolicyDocument document, RequestContext context) {
        return relax(document, key -> decided(key, context));
    }

    /**
     * The document with the conditions on keys that {@code decided} does not claim taken as met, as above: what a
     * caller could meet, when the request decides only some keys (a probe token decides its issuer's claims).
     */
    public static PolicyDocument relax(PolicyDocument document, java.util.function.Predicate<String> decided) {
        List<Statement> statements = new ArrayList<>();
        boolean changed = false;
        for (Statement s : document.statements()) {
            if (s.conditions().isEmpty()) {
                statements.add(s);
                continue;
            }
            List<Condition> known = s.conditions().stream().filter(c -> decided.test(c.key())).toList();
            if (known.size() == s.conditions().size()) {
                statements.add(s);
                continue;
            }
            changed = true;
            if (s.effect() == Effect.ALLOW) {
                statements.add(new Statement(s.sid(), s.effect(), s.principal(), s.notPrincipal(), s.actions(), s.notActions(),
                        s.resources(), s.notResources(), known));
            }
        }
        return changed ? new PolicyDocument(document.version(), document.id(), statements) : document;
    }

    private static boolean decided(String key, RequestContext context) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws:principaltag/")) {
            return context.values().containsKey("aws:PrincipalArn");
        }
        return context.values().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
    }
}
