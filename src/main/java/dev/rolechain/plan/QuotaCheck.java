package dev.rolechain.plan;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what a plan asks of AWS against the {@link Quota}s in force (the defaults, or the limits the
 * Setup says were raised), so that a breach is known while the user is still editing, not half-way
 * through an apply. Sizes are counted as IAM counts them: the characters of the document as Rolechain
 * sends it, without whitespace.
 */
public final class QuotaCheck {

    /** One quota a planned thing exceeds: where, how much, the limit in force. */
    public record Breach(Quota quota, String location, long measured, int limit) {
        /** What is over, by how much, whether the limit can be raised, and how to stay under it. */
        public String message() {
            String raise = quota.adjustable()
                    ? "the limit can be raised to " + number(quota.maxLimit()) + " (Service Quotas), then say so in the "
                            + "Setup: \"quotas\": {\"" + quota.key() + "\": " + quota.maxLimit() + "}"
                    : "the limit cannot be raised";
            return quota.what() + ": " + number(measured) + " " + quota.unit() + ", over the limit of " + number(limit)
                    + "; " + raise + "; to stay under it: " + quota.advice();
        }
    }

    private QuotaCheck() {
    }

    /** Every breach of the plan, in a fixed order (accounts, then their roles, then the provider). */
    public static List<Breach> check(DesiredState state) {
        Map<String, Integer> raised = state.setup().quotas();
        List<Breach> breaches = new ArrayList<>();
        for (IamAccount account : state.accounts()) {
            measure(breaches, Quota.ROLES_PER_ACCOUNT, "account " + account.accountId(), account.roles().size(), raised);
            for (Role role : account.roles()) {
                String dir = "policies/" + account.accountId() + "/" + role.name() + "/";
                measure(breaches, Quota.TRUST_POLICY_SIZE, dir + "trust.json", size(role.trustPolicy()), raised);
                long inline = role.inlinePolicies().values().stream().mapToLong(QuotaCheck::size).sum();
                measure(breaches, Quota.INLINE_POLICIES_SIZE, dir + "inline-*.json", inline, raised);
                measure(breaches, Quota.MANAGED_POLICIES_PER_ROLE, dir + " (role " + role.name() + ")",
                        role.managedPolicyArns().size(), raised);
                measure(breaches, Quota.TAGS_PER_ROLE, dir + " (role " + role.name() + ")", role.tags().size(), raised);
                role.tags().forEach((k, v) -> {
                    measure(breaches, Quota.TAG_KEY_LENGTH, dir + " (tag " + k + ")", k.length(), raised);
                    measure(breaches, Quota.TAG_VALUE_LENGTH, dir + " (tag " + k + ")", v.length(), raised);
                });
                measure(breaches, Quota.ROLE_NAME_LENGTH, dir, role.name().length(), raised);
                measure(breaches, Quota.ROLE_PATH_LENGTH, dir, role.path().length(), raised);
                measure(breaches, Quota.ROLE_DESCRIPTION_LENGTH, dir,
                        role.description() == null ? 0 : role.description().length(), raised);
                role.inlinePolicies().keySet().forEach(name -> measure(breaches, Quota.INLINE_POLICY_NAME_LENGTH,
                        dir + "inline-" + name + ".json", name.length(), raised));
                measure(breaches, Quota.MAX_SESSION_DURATION, dir, role.maxSessionDuration(), raised);
            }
            for (OidcProvider provider : account.oidcProviders()) {
                String where = "oidc-provider/" + provider.id();
                measure(breaches, Quota.CLIENT_IDS_PER_PROVIDER, where, provider.clientIds().size(), raised);
                measure(breaches, Quota.THUMBPRINTS_PER_PROVIDER, where, provider.thumbprints().size(), raised);
            }
        }
        return breaches;
    }

    /** A policy's size as IAM counts it: its characters as sent, without whitespace between the tokens. */
    public static long size(PolicyDocument document) {
        return dev.rolechain.iam.JsonTree.write(PolicyJson.toTree(document)).length();
    }

    private static void measure(List<Breach> breaches, Quota quota, String location, long measured,
            Map<String, Integer> raised) {
        if (!quota.within(measured, raised)) {
            breaches.add(new Breach(quota, location, measured, quota.limit(raised)));
        }
    }

    /** 2048 as "2,048". */
    public static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
