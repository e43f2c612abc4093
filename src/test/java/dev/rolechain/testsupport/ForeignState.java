package dev.rolechain.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Roles that other teams already have in an account, as a test seeds them into moto: trust statements
 * of others (in several JSON layouts, some with a Sid, one an explicit Deny), sometimes a stale statement
 * of Rolechain's, inline and attached policies (some with the names the Setup uses), tags (some with
 * Rolechain's own key), a permissions boundary, a description and a maximum session.
 */
public record ForeignState(String name, String path, List<String> statements, Map<String, String> inline,
        List<String> attached, Map<String, String> tags, String boundary, String description, int maxSession) {

    /** Trust statements of others, each as the text it is written with. */
    public static final List<String> STATEMENTS = List.of(
            "{\n      \"Sid\": \"BreakGlass\",\n      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": "
                    + "\"arn:aws:iam::999999999999:root\"},\n      \"Action\": \"sts:AssumeRole\",\n      \"Condition\": "
                    + "{\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}\n    }",
            "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ec2.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"]}",
            "{ \"Sid\" : \"PartnerAudit\", \"Effect\" : \"Allow\", \"Principal\" : { \"AWS\" : "
                    + "\"arn:aws:iam::888888888888:role/audit\" }, \"Action\" : \"sts:AssumeRole\", \"Condition\" : "
                    + "{ \"StringEquals\" : { \"sts:ExternalId\" : \"partner+audit=1\" } } }",
            "{\"Sid\":\"NoOutsiders\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::777777777777:root\"},"
                    + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}",
            "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111111111111:oidc-provider/"
                    + "token.actions.githubusercontent.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                    + "{\"StringEquals\":{\"token.actions.githubusercontent.com:sub\":\"repo:other/tool:ref:refs/heads/main\","
                    + "\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}}");

    /** A statement of Rolechain's left from an earlier Setup: apply replaces it. */
    public static final String STALE_OWN = "{\"Sid\":\"RolechainOidcRoleChain\",\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::111111111111:role/gha-oidc-old\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
            + "{\"StringEquals\":{\"sts:ExternalId\":\"old-external-id\"}}}";

    private static final String READ_S3 = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::team-bucket/*\"}]\n}";
    private static final String LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Logs\",\"Effect\":\"Allow\","
            + "\"Action\":[\"logs:PutLogEvents\"],\"Resource\":\"*\"}}";

    public static Arbitrary<ForeignState> roles(String name) {
        Arbitrary<List<String>> statements = Arbitraries.of(STATEMENTS).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<Boolean> stale = Arbitraries.of(true, false, false, false);
        Arbitrary<Map<String, String>> inline = Arbitraries.of("legacy", "team-s3", "deploy-artifacts",
                "rolechain-assume-deploy-roles").set().ofMaxSize(2).map(names -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    names.forEach(n -> m.put(n, n.equals("legacy") ? LOGS : READ_S3));
                    return m;
                });
        Arbitrary<List<String>> attached = Arbitraries.of("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess")
                .list().ofMaxSize(2).uniqueElements();
        Arbitrary<Map<String, String>> tags = Arbitraries.of("owner=platform", "team=payments", "managed-by=terraform",
                "managed-by=rolechain", "cost-centre=4711").set().ofMaxSize(2).map(set -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    set.forEach(t -> m.putIfAbsent(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1)));
                    return m;
                });
        Arbitrary<String> boundary = Arbitraries.of("", "", "arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/PowerUserAccess");
        Arbitrary<String> description = Arbitraries.of("", "hand-made by the platform team", "Ünïcödé + spaces & more");
        Arbitrary<Integer> maxSession = Arbitraries.of(3600, 7200, 43200);
        return Combinators.combine(statements, stale, inline, attached, tags, boundary, description, maxSession)
                .as((st, old, in, at, tg, b, d, m) -> {
                    List<String> all = new ArrayList<>(st);
                    if (old) {
                        all.add(all.size() / 2, STALE_OWN);
                    }
                    return new ForeignState(name, "/", all, in, at, tg, b.isEmpty() ? null : b, d.isEmpty() ? null : d, m);
                });
    }

    /** The trust policy's text as the other team wrote it. */
    public String trust() {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + String.join(",\n    ", statements) + "\n  ]\n}\n";
    }

    /** The statements that are not Rolechain's, in order. */
    public List<String> foreignStatements() {
        return statements.stream().filter(s -> !s.equals(STALE_OWN)).toList();
    }

    public void create(IamClient iam) {
        iam.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(trust()).description(description)
                .maxSessionDuration(maxSession).permissionsBoundary(boundary)
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()));
        inline.forEach((policy, text) -> iam.putRolePolicy(r -> r.roleName(name).policyName(policy).policyDocument(text)));
        attached.forEach(arn -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn)));
    }
}
