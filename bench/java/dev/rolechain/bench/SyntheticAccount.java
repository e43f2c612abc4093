package dev.rolechain.bench;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.inspect.AccountSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A large account with the mix of roles a platform account has: one in ten a GitHub OIDC role (an
 * exact branch and an environment pattern) that may assume a deploy role, the deploy roles with an
 * ExternalId, vendor roles trusting another account with an ExternalId, "ops" roles trusting the
 * account itself, and service roles, some of which may assume an ops role. Used by the inspect
 * benchmarks, in-process and on moto.
 */
final class SyntheticAccount {
    static final String ACCOUNT = "111111111111";
    static final String GH = "token.actions.githubusercontent.com";
    static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + GH;

    record RoleSpec(String name, String trust, String inline) {
    }

    private SyntheticAccount() {
    }

    static List<RoleSpec> roles(int count) {
        List<RoleSpec> roles = new ArrayList<>();
        String[] services = {"lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"};
        for (int i = 0; i < count; i++) {
            switch (i % 10) {
                case 0 -> roles.add(new RoleSpec("gha-" + i, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                         "Action":"sts:AssumeRoleWithWebIdentity","Condition":{
                          "StringEquals":{"%s:aud":"sts.amazonaws.com"},
                          "StringLike":{"%s:sub":["repo:acme/app-%d:ref:refs/heads/main","repo:acme/app-%d:environment:*"]}}}]}
                        """.formatted(PROVIDER, GH, GH, i, i), assume("arn:aws:iam::" + ACCOUNT + ":role/deploy-" + (i + 1))));
                case 1 -> roles.add(new RoleSpec("deploy-" + i, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:role/gha-%d"},
                         "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-%d"}}}]}
                        """.formatted(ACCOUNT, i - 1, i), logs()));
                case 2 -> roles.add(new RoleSpec("vendor-" + i, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},
                         "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"vendor-%d"}}}]}
                        """.formatted(i), logs()));
                case 3 -> roles.add(new RoleSpec("ops-" + i, """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                         "Action":"sts:AssumeRole"}]}
                        """.formatted(ACCOUNT), logs()));
                case 9 -> roles.add(new RoleSpec("worker-" + i, service(services[i % 3]),
                        assume("arn:aws:iam::" + ACCOUNT + ":role/ops-" + (i - 6))));
                default -> roles.add(new RoleSpec("svc-" + i, service(services[i % 3]), logs()));
            }
        }
        return roles;
    }

    private static String service(String service) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}
                """.formatted(service);
    }

    private static String assume(String resource) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}
                """.formatted(resource);
    }

    private static String logs() {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}
                """;
    }

    /** The account as `aws iam get-account-authorization-details` would save it. */
    static void writeDump(java.nio.file.Path file, int count) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("RoleDetailList");
        for (RoleSpec spec : roles(count)) {
            com.fasterxml.jackson.databind.node.ObjectNode role = list.addObject();
            role.put("Path", "/").put("RoleName", spec.name()).put("Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + spec.name());
            role.set("AssumeRolePolicyDocument", json.readTree(spec.trust()));
            com.fasterxml.jackson.databind.node.ArrayNode inline = role.putArray("RolePolicyList");
            if (spec.inline() != null) {
                inline.addObject().put("PolicyName", "inline").set("PolicyDocument", json.readTree(spec.inline()));
            }
            role.putArray("AttachedManagedPolicies");
            role.putArray("Tags");
        }
        root.putArray("Policies");
        json.writeValue(file.toFile(), root);
    }

    /** The account as the inspector would read it. */
    static AccountSnapshot snapshot(int count) {
        List<Role> roles = new ArrayList<>();
        for (RoleSpec spec : roles(count)) {
            roles.add(new Role(spec.name(), "/", null, PolicyJson.parse(spec.trust()),
                    spec.inline() == null ? Map.of() : Map.of("inline", PolicyJson.parse(spec.inline())), List.of(), 3600, null,
                    Map.of()));
        }
        OidcProvider provider = new OidcProvider("https://" + GH, List.of("sts.amazonaws.com"), List.of(), Map.of());
        return new AccountSnapshot(ACCOUNT, "aws", new IamAccount(ACCOUNT, List.of(provider), roles), List.of(), Map.of(),
                "synthetic", true);
    }
}
