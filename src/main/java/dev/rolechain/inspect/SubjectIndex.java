package dev.rolechain.inspect;

import dev.rolechain.iam.Condition;
import dev.rolechain.iam.Effect;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles that trust one GitHub provider, indexed by the sub patterns they admit, so that a
 * subject is evaluated only against the roles whose patterns could match it.
 */
final class SubjectIndex {
    final Map<String, Set<String>> exact = new HashMap<>();
    final Map<String, Set<String>> byPrefix = new HashMap<>();
    final Set<String> unindexed = new LinkedHashSet<>();
    final Map<String, PolicyDocument> trusts = new HashMap<>();
    String providerArn;
    String providerId;
    /** The provider's audiences when its account was read; null when unknown. */
    Set<String> clientIds;

    void add(String roleArn, PolicyDocument trust, String providerArn, String providerId) {
        this.providerArn = providerArn;
        this.providerId = providerId;
        if (trusts.put(roleArn, trust) != null) {
            return;
        }
        List<String> patterns = new ArrayList<>();
        for (Statement s : trust.statements()) {
            if (s.effect() != Effect.ALLOW || s.principal() == null || !s.principal().values("Federated").contains(providerArn)) {
                continue;
            }
            List<Condition> subs = s.conditions().stream()
                    .filter(c -> c.key().equalsIgnoreCase(providerId + ":sub"))
                    .filter(c -> c.operator().equals("StringEquals") || c.operator().equals("StringLike")).toList();
            if (subs.isEmpty()) {
                unindexed.add(roleArn);
                return;
            }
            subs.forEach(c -> patterns.addAll(c.values()));
        }
        for (String p : patterns) {
            int wild = firstWildcard(p);
            if (wild < 0) {
                exact.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(roleArn);
            } else {
                byPrefix.computeIfAbsent(p.substring(0, wild), k -> new LinkedHashSet<>()).add(roleArn);
            }
        }
    }

    Set<String> candidates(String sub) {
        Set<String> result = new LinkedHashSet<>(exact.getOrDefault(sub, Set.of()));
        for (int i = 0; i <= sub.length(); i++) {
            Set<String> match = byPrefix.get(sub.substring(0, i));
            if (match != null) {
                result.addAll(match);
            }
        }
        result.addAll(unindexed);
        return result;
    }

    private static int firstWildcard(String p) {
        int star = p.indexOf('*');
        int question = p.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }
}
