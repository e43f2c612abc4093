package dev.rolechain.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random corpus of {@code rolechain eval --cases} lines that stresses the evaluator as real inputs do: trust and
 * identity policies with Allow/Deny mixes, NotAction/NotResource, condition operators with IfExists and set
 * operators, policy variables, account, role, session, service and federated principals, same- and cross-account
 * requests. Cases repeat policies, as a review of a real account does (a pool of a few hundred documents). Only
 * actions and resources that AWS knows, so that an independent simulator takes the same cases.
 */
public final class EvalCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACCOUNTS = {"111111111111", "222222222222", "333333333333"};
    private static final String[] ROLES = {"deploy", "gha-oidc", "reader", "Admin", "ci/runner"};
    private static final String PROVIDER = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
    private static final String[] SUBS = {"repo:acme/app:ref:refs/heads/main", "repo:acme/app:pull_request",
            "repo:acme/web:environment:production", "repo:other/app:ref:refs/heads/main", "repo:acme/app:ref:refs/tags/v1"};

    private EvalCorpus() {
    }

    /** {@code n} cases from {@code seed}: the same seed, the same lines. */
    public static List<String> cases(int n, long seed) {
        Random random = new Random(seed);
        List<ObjectNode> trusts = new ArrayList<>();
        List<ObjectNode> identities = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            trusts.add(trust(random));
            identities.add(identity(random));
        }
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(random.nextInt(3) == 0 ? s3Case(random, identities) : assumeCase(random, trusts, identities).toString());
        }
        return lines;
    }

    private static ObjectNode assumeCase(Random r, List<ObjectNode> trusts, List<ObjectNode> identities) {
        ObjectNode c = JSON.createObjectNode();
        String target = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
        c.set("policy", trusts.get(r.nextInt(trusts.size())));
        ObjectNode context = c.putObject("context");
        int kind = r.nextInt(4);
        if (kind == 0) {
            c.put("principal", PROVIDER).put("action", "sts:AssumeRoleWithWebIdentity");
            context.put("token.actions.githubusercontent.com:sub", SUBS[r.nextInt(SUBS.length)]);
            context.put("token.actions.githubusercontent.com:aud", r.nextInt(5) == 0 ? "other" : "sts.amazonaws.com");
        } else if (kind == 1) {
            c.put("principal", "ec2.amazonaws.com").put("action", "sts:AssumeRole");
        } else {
            String account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
            String role = ROLES[r.nextInt(ROLES.length)];
            c.put("principal", "arn:aws:sts::" + account + ":assumed-role/" + role.substring(role.lastIndexOf('/') + 1)
                    + "/session-" + r.nextInt(3));
            c.put("action", r.nextInt(4) == 0 ? "sts:TagSession" : "sts:AssumeRole");
            ArrayNode ids = c.putArray("identityPolicies");
            for (int i = r.nextInt(3); i > 0; i--) {
                ids.add(identities.get(r.nextInt(identities.size())));
            }
            context.put("aws:PrincipalAccount", account);
            if (r.nextBoolean()) {
                context.put("sts:ExternalId", r.nextBoolean() ? "ext-4f9c2a7d1e" : "wrong");
            }
            if (r.nextInt(3) == 0) {
                context.putArray("aws:TagKeys").add("Repository").add(r.nextBoolean() ? "Team" : "Repository");
            }
            if (r.nextInt(3) == 0) {
                context.put("aws:MultiFactorAuthPresent", r.nextBoolean() ? "true" : "false");
            }
        }
        c.put("resource", "arn:aws:iam::" + target + ":role/deploy");
        return c;
    }

    private static String s3Case(Random r, List<ObjectNode> identities) {
        ObjectNode c = JSON.createObjectNode();
        ArrayNode ids = c.putArray("identityPolicies");
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            ids.add(identities.get(r.nextInt(identities.size())));
        }
        String account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
        c.put("principal", "arn:aws:sts::" + account + ":assumed-role/reader/s");
        c.put("action", r.nextBoolean() ? "s3:GetObject" : "s3:PutObject");
        String team = r.nextBoolean() ? "blue" : "red";
        c.put("resource", "arn:aws:s3:::acme-" + (r.nextBoolean() ? "artifacts" : "logs") + "/" + team + "/file-" + r.nextInt(5));
        ObjectNode context = c.putObject("context");
        context.put("aws:PrincipalAccount", account);
        if (r.nextBoolean()) {
            context.put("aws:PrincipalTag/team", team);
        }
        if (r.nextBoolean()) {
            context.put("aws:SourceIp", r.nextBoolean() ? "10.1.2.3" : "192.0.2.7");
        }
        if (r.nextBoolean()) {
            context.put("aws:SecureTransport", r.nextBoolean() ? "true" : "false");
        }
        return c.toString();
    }

    private static ObjectNode trust(Random r) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            ObjectNode s = statements.addObject();
            boolean deny = r.nextInt(5) == 0;
            s.put("Effect", deny ? "Deny" : "Allow");
            int kind = r.nextInt(4);
            if (kind == 0) {
                s.putObject("Principal").put("Federated", PROVIDER);
                s.put("Action", "sts:AssumeRoleWithWebIdentity");
                ObjectNode condition = s.putObject("Condition");
                condition.putObject("StringEquals").put("token.actions.githubusercontent.com:aud", "sts.amazonaws.com");
                condition.putObject(r.nextBoolean() ? "StringLike" : "StringEquals").put(
                        "token.actions.githubusercontent.com:sub", r.nextBoolean() ? "repo:acme/*" : SUBS[r.nextInt(SUBS.length)]);
            } else if (kind == 1) {
                s.putObject("Principal").put("Service", "ec2.amazonaws.com");
                s.put("Action", "sts:AssumeRole");
            } else {
                String account = ACCOUNTS[r.nextInt(ACCOUNTS.length)];
                String principal = switch (r.nextInt(3)) {
                    case 0 -> account;
                    case 1 -> "arn:aws:iam::" + account + ":root";
                    default -> "arn:aws:iam::" + account + ":role/" + ROLES[r.nextInt(ROLES.length)];
                };
                s.putObject("Principal").put("AWS", principal);
                if (r.nextBoolean()) {
                    s.putArray("Action").add("sts:AssumeRole").add("sts:TagSession");
                } else {
                    s.put("Action", r.nextInt(4) == 0 ? "sts:*" : "sts:AssumeRole");
                }
                if (r.nextBoolean()) {
                    ObjectNode condition = s.putObject("Condition");
                    condition.putObject("StringEquals").put("sts:ExternalId", "ext-4f9c2a7d1e");
                    if (r.nextInt(3) == 0) {
                        condition.putObject(r.nextBoolean() ? "ForAllValues:StringEquals" : "ForAnyValue:StringLike")
                                .putArray("aws:TagKeys").add("Repository").add("Team*");
                    }
                    if (r.nextInt(4) == 0) {
                        condition.putObject("BoolIfExists").put("aws:MultiFactorAuthPresent", "true");
                    }
                }
            }
        }
        return doc;
    }

    private static ObjectNode identity(Random r) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            ObjectNode s = statements.addObject();
            s.put("Effect", r.nextInt(4) == 0 ? "Deny" : "Allow");
            switch (r.nextInt(4)) {
                case 0 -> s.put("Action", "sts:AssumeRole").put("Resource", "arn:aws:iam::*:role/" + (r.nextBoolean() ? "deploy" : "*"));
                case 1 -> s.put("NotAction", "iam:*").put("Resource", "*");
                case 2 -> s.putArray("Action").add("s3:GetObject").add("s3:PutObject");
                default -> s.put("Action", "s3:*").put("NotResource", "arn:aws:s3:::acme-logs/*");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                s.put("Resource", r.nextBoolean() ? "arn:aws:s3:::acme-artifacts/${aws:PrincipalTag/team}/*"
                        : "arn:aws:s3:::acme-*/*");
            }
            if (r.nextInt(3) == 0) {
                ObjectNode condition = s.putObject("Condition");
                switch (r.nextInt(4)) {
                    case 0 -> condition.putObject("IpAddress").put("aws:SourceIp", "10.0.0.0/8");
                    case 1 -> condition.putObject("Bool").put("aws:SecureTransport", "true");
                    case 2 -> condition.putObject("StringNotEqualsIfExists").put("aws:PrincipalTag/team", "red");
                    default -> condition.putObject("StringEquals").put("aws:PrincipalAccount", ACCOUNTS[r.nextInt(ACCOUNTS.length)]);
                }
            }
        }
        return doc;
    }
}
