package dev.rolechain.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.lint.IdentityLint;
import dev.rolechain.lint.TrustLint;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The trust graph of the two example dumps (examples/dumps): a tooling account with GitHub OIDC roles
 * (exact and wildcard subjects), a hop role and service roles, and a target account with
 * cross-account trust with and without ExternalId, account-root, Principal "*" and a vendor account.
 */
class TrustGraphFromDumpsTest {
    static final Path TOOLING = Path.of("examples/dumps/tooling-111111111111.json");
    static final Path TARGET = Path.of("examples/dumps/target-222222222222.json");
    static final String P = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
    static final String GHA = "arn:aws:iam::111111111111:role/gha-oidc";
    static final String WIDE = "arn:aws:iam::111111111111:role/gha-wide";
    static final String HOP = "arn:aws:iam::111111111111:role/hop";
    static final String RUNNER = "arn:aws:iam::111111111111:role/ci/ci-runner";
    static final String LAMBDA = "arn:aws:iam::111111111111:role/lambda-exec";
    static final String DEPLOY = "arn:aws:iam::222222222222:role/deploy";
    static final String READONLY = "arn:aws:iam::222222222222:role/readonly";
    static final String PROD_ADMIN = "arn:aws:iam::222222222222:role/prod-admin";
    static final String PUBLIC = "arn:aws:iam::222222222222:role/public-role";
    static final String VENDOR = "arn:aws:iam::222222222222:role/vendor-audit";
    static final String MAIN = "repo:myorg/app:ref:refs/heads/main";

    private final DumpReader reader = new DumpReader();
    private final GraphBuilder builder = new GraphBuilder(new PolicyEvaluator(), new TrustLint(), new IdentityLint());

    TrustGraph graph() {
        return builder.build(List.of(reader.read(TOOLING), reader.read(TARGET)), GraphBuilder.Production.none());
    }

    static String subject(String sub) {
        return GraphBuilder.subjectId("token.actions.githubusercontent.com", sub);
    }

    static Set<String> edges(TrustGraph g) {
        return g.edges().stream().map(e -> e.from() + " -> " + e.to()).collect(Collectors.toSet());
    }

    @Test
    void nodesOfEveryKind() {
        TrustGraph g = graph();
        Map<String, NodeKind> kinds = g.nodes().stream().collect(Collectors.toMap(Node::id, Node::kind));
        assertThat(kinds).containsEntry(GHA, NodeKind.ROLE).containsEntry(RUNNER, NodeKind.ROLE)
                .containsEntry(P, NodeKind.OIDC_PROVIDER)
                .containsEntry(subject(MAIN), NodeKind.GITHUB_SUBJECT)
                .containsEntry(subject("repo:myorg/app:environment:production"), NodeKind.GITHUB_SUBJECT)
                .containsEntry(subject("repo:myorg/*"), NodeKind.GITHUB_SUBJECT)
                .containsEntry("service:lambda.amazonaws.com", NodeKind.SERVICE)
                .containsEntry("service:ec2.amazonaws.com", NodeKind.SERVICE)
                .containsEntry("account:111111111111", NodeKind.ACCOUNT)
                .containsEntry("account:999999999999", NodeKind.ACCOUNT)
                .containsEntry("principal:*", NodeKind.PRINCIPAL);
        assertThat(g.nodes().stream().filter(n -> n.kind() == NodeKind.ROLE)).hasSize(11);
        assertThat(g.node(DEPLOY).orElseThrow().production()).as("tagged environment=production").isTrue();
        assertThat(g.node(PROD_ADMIN).orElseThrow().production()).as("tagged env=prod").isTrue();
        assertThat(g.node(READONLY).orElseThrow().production()).isFalse();
    }

    @Test
    void edgesAreDecidedFromTrustAndTheCallersIdentityPolicies() {
        TrustGraph g = graph();
        assertThat(edges(g)).contains(
                subject(MAIN) + " -> " + P, subject("repo:myorg/*") + " -> " + P,
                P + " -> " + GHA, P + " -> " + WIDE,
                GHA + " -> " + HOP, GHA + " -> " + DEPLOY, HOP + " -> " + PROD_ADMIN,
                WIDE + " -> " + READONLY, RUNNER + " -> " + READONLY,
                "account:111111111111 -> " + READONLY, "account:999999999999 -> " + VENDOR,
                "principal:* -> " + PUBLIC, "service:ec2.amazonaws.com -> " + RUNNER,
                "service:lambda.amazonaws.com -> " + LAMBDA);
        // trust alone is not enough across accounts: the caller's own policies must allow sts:AssumeRole on it
        assertThat(edges(g)).doesNotContain(GHA + " -> " + READONLY, WIDE + " -> " + DEPLOY, HOP + " -> " + DEPLOY,
                LAMBDA + " -> " + READONLY, GHA + " -> " + PROD_ADMIN);
        Edge deploy = edge(g, GHA, DEPLOY);
        assertThat(deploy.actions()).containsExactly("sts:AssumeRole");
        assertThat(deploy.conditions()).isEqualTo(Map.of("StringEquals", Map.of("sts:ExternalId", List.of("8f1c2a9e-deploy-ext"))));
        assertThat(deploy.certain()).isTrue();
        Edge prodAdmin = edge(g, HOP, PROD_ADMIN);
        // the trust allows sts:TagSession too, but hop's own policy allows only sts:AssumeRole
        assertThat(prodAdmin.actions()).containsExactly("sts:AssumeRole");
        assertThat(prodAdmin.hasConditionKey("sts:ExternalId")).isTrue();
        assertThat(prodAdmin.hasConditionKey("aws:MultiFactorAuthPresent")).isTrue();
        Edge oidc = edge(g, P, GHA);
        assertThat(oidc.actions()).containsExactly("sts:AssumeRoleWithWebIdentity");
        assertThat(oidc.conditions().get("StringLike").get("token.actions.githubusercontent.com:sub"))
                .containsExactly(MAIN, "repo:myorg/app:environment:production");
        assertThat(edge(g, "account:111111111111", READONLY).conditions()).isEmpty();
    }

    @Test
    void aRoleWhosePoliciesCannotBeReadGetsAnUncertainEdge() throws Exception {
        // the same tooling dump without the managed policy documents: ci-runner's assume-any is unknown
        ObjectNode dump = (ObjectNode) new ObjectMapper().readTree(TOOLING.toFile());
        dump.putArray("Policies");
        AccountSnapshot tooling = reader.read("tooling.json", new StringReader(dump.toString()));
        TrustGraph g = builder.build(List.of(tooling, reader.read(TARGET)), GraphBuilder.Production.none());
        assertThat(edge(g, RUNNER, READONLY).certain()).isFalse();
        assertThat(edge(g, GHA, DEPLOY).certain()).as("inline policies are known").isTrue();
    }

    @Test
    void findingsAreOnTheirRoles() {
        TrustGraph g = graph();
        assertThat(rules(g, READONLY)).contains("RC201", "RC202");
        assertThat(rules(g, PUBLIC)).contains("RC203");
        assertThat(rules(g, VENDOR)).contains("RC202").doesNotContain("RC201");
        assertThat(rules(g, DEPLOY)).isEmpty();
        assertThat(g.findings(DEPLOY)).isEmpty();
    }

    private static List<String> rules(TrustGraph g, String node) {
        return g.findings(node).stream().map(f -> f.finding().ruleId()).toList();
    }

    @Test
    void aSubjectReachesRolesThroughChainsWithEachPath() {
        TrustQueries.Answer answer = new TrustQueries(graph()).query(MAIN);
        assertThat(answer.direction()).isEqualTo(TrustQueries.Direction.REACH);
        Map<String, List<List<String>>> reached = answer.reached().stream()
                .collect(Collectors.toMap(TrustQueries.Reached::node, TrustQueries.Reached::paths));
        assertThat(reached).containsOnlyKeys(GHA, WIDE, HOP, DEPLOY, READONLY, PROD_ADMIN, PUBLIC);
        assertThat(reached.get(PROD_ADMIN)).containsExactly(List.of(subject(MAIN), P, GHA, HOP, PROD_ADMIN));
        assertThat(reached.get(DEPLOY)).containsExactly(List.of(subject(MAIN), P, GHA, DEPLOY));
        // the main branch also matches the wildcard role's repo:myorg/*
        assertThat(reached.get(READONLY)).containsExactly(List.of(subject(MAIN), P, WIDE, READONLY));
        assertThat(reached.get(PUBLIC)).hasSize(3).allMatch(p -> p.get(0).equals(subject(MAIN)));
    }

    @Test
    void anotherRepositoryReachesOnlyWhatTheWildcardAdmits() {
        TrustQueries queries = new TrustQueries(graph());
        assertThat(queries.query("repo:myorg/other:ref:refs/heads/dev").reached()).extracting(TrustQueries.Reached::node)
                .containsExactlyInAnyOrder(WIDE, READONLY, PUBLIC);
        assertThat(queries.query("repo:evil/app:ref:refs/heads/main").reached()).isEmpty();
    }

    @Test
    void whoCanReachARole() {
        TrustQueries.Answer answer = new TrustQueries(graph()).query(PROD_ADMIN);
        assertThat(answer.direction()).isEqualTo(TrustQueries.Direction.REACHED_BY);
        Map<String, List<List<String>>> reached = answer.reached().stream()
                .collect(Collectors.toMap(TrustQueries.Reached::node, TrustQueries.Reached::paths));
        assertThat(reached).containsOnlyKeys(HOP, GHA, P, subject(MAIN), subject("repo:myorg/app:environment:production"));
        assertThat(reached.get(subject(MAIN))).containsExactly(List.of(subject(MAIN), P, GHA, HOP, PROD_ADMIN));
        assertThat(reached.get(HOP)).containsExactly(List.of(HOP, PROD_ADMIN));
    }

    @Test
    void theRiskySet() {
        List<String> risks = new TrustQueries(graph()).risky().stream().map(r -> r.node() + ": " + r.reason()).toList();
        assertThat(risks).contains(
                WIDE + ": every repository of myorg can assume this role: a token of another of its repositories "
                        + "(sub \"repo:myorg/rolechain-probe-repository:ref:refs/heads/main\") is admitted",
                READONLY + ": account 111111111111 is trusted without sts:ExternalId",
                PUBLIC + ": Principal \"*\": any AWS principal can assume it that meets aws:PrincipalOrgID",
                subject(MAIN) + ": reaches production role " + DEPLOY,
                subject(MAIN) + ": reaches production role " + PROD_ADMIN);
        assertThat(risks).noneMatch(r -> r.startsWith(VENDOR)).as("the vendor account needs an ExternalId");
        assertThat(risks).noneMatch(r -> r.startsWith(subject("repo:myorg/*") + ": reaches production"));
    }

    @Test
    void urlEncodedAndPlainDocumentsReadAlike() throws Exception {
        String text = Files.readString(TARGET);
        assertThat(text).contains("%7B%22Version%22");
        JsonNode dump = new ObjectMapper().readTree(text);
        for (JsonNode role : dump.get("RoleDetailList")) {
            String decoded = URLDecoder.decode(role.get("AssumeRolePolicyDocument").asText(), StandardCharsets.UTF_8);
            ((ObjectNode) role).set("AssumeRolePolicyDocument", new ObjectMapper().readTree(decoded));
        }
        AccountSnapshot encoded = reader.read(TARGET);
        AccountSnapshot plain = reader.read("plain.json", new StringReader(dump.toString()));
        assertThat(plain.iam().normalized()).isEqualTo(encoded.iam().normalized());
        assertThat(encoded.accountId()).isEqualTo("222222222222");
    }

    @Test
    void aBadDumpNamesTheFileLineAndWhatIsWrong() {
        String bad = "{\n  \"RoleDetailList\": [\n    {\"RoleName\": \"x\", \"Arn\": \"arn:aws:iam::123456789012:role/x\",\n"
                + "     \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Maybe\"}]}}\n  ]\n}\n";
        assertThatThrownBy(() -> reader.read("bad.json", new StringReader(bad)))
                .isInstanceOf(DumpReader.DumpException.class)
                .hasMessageStartingWith("bad.json: line 4: RoleDetailList[0] (x) AssumeRolePolicyDocument: not a valid IAM policy");
        assertThatThrownBy(() -> reader.read("broken.json", new StringReader("{\n \"RoleDetailList\": [ {,\n")))
                .hasMessageStartingWith("broken.json: line 2, column");
        assertThatThrownBy(() -> reader.read("empty.json", new StringReader("{\"RoleDetailList\": []}")))
                .hasMessageContaining("cannot tell which account");
    }

    @Test
    void aDumpOfTwoAccountsIsReadAsTheAccountsItHolds() throws Exception {
        String two = "{\"RoleDetailList\": ["
                + "{\"RoleName\":\"a\",\"Arn\":\"arn:aws:iam::111111111111:role/a\",\"AssumeRolePolicyDocument\":" + SERVICE_TRUST
                + ",\"RolePolicyList\":[{\"PolicyName\":\"hop\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::222222222222:role/b\"}]}}]},"
                + "{\"RoleName\":\"b\",\"Arn\":\"arn:aws:iam::222222222222:role/b\",\"AssumeRolePolicyDocument\":"
                + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:role/a\"},\"Action\":\"sts:AssumeRole\"}]}}]}";
        List<AccountSnapshot> accounts = reader.readAll("two.json", new StringReader(two));
        assertThat(accounts).extracting(AccountSnapshot::accountId).containsExactly("111111111111", "222222222222");
        assertThat(accounts).extracting(AccountSnapshot::source).containsExactly("two.json (111111111111)",
                "two.json (222222222222)");
        TrustGraph g = builder.build(accounts, GraphBuilder.Production.none());
        assertThat(g.node("arn:aws:iam::222222222222:role/b")).isPresent();
        assertThat(g.incoming("arn:aws:iam::222222222222:role/b")).extracting(Edge::from)
                .contains("arn:aws:iam::111111111111:role/a");
        assertThatThrownBy(() -> reader.read("two.json", new StringReader(two)))
                .hasMessage("two.json: holds 2 accounts (111111111111, 222222222222)");
    }

    @Test
    void aRolesNodeIsItsArnEvenWithAnEmptyPathOrANameTheArnDoesNotSay() throws Exception {
        String trustsBad = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:role/bad_role\"},\"Action\":\"sts:AssumeRole\"}]}";
        AccountSnapshot snapshot = reader.read("shapes.json", new StringReader("{\"RoleDetailList\": ["
                + "{\"RoleName\":\"bad_role\",\"Path\":\"\",\"Arn\":\"arn:aws:iam::123456789012:role/bad_role\","
                + "\"AssumeRolePolicyDocument\":" + SERVICE_TRUST + "},"
                + "{\"RoleName\":\"Renamed\",\"Path\":\"/team/\",\"Arn\":\"arn:aws:iam::123456789012:role/team/original\","
                + "\"AssumeRolePolicyDocument\":" + trustsBad + "}]}"));
        TrustGraph g = builder.build(List.of(snapshot), GraphBuilder.Production.none());
        assertThat(g.nodes()).extracting(Node::id).contains("arn:aws:iam::123456789012:role/bad_role",
                "arn:aws:iam::123456789012:role/team/original").doesNotContain("arn:aws:iam::123456789012:rolebad_role",
                "arn:aws:iam::123456789012:role/team/Renamed");
        assertThat(edges(g)).contains("arn:aws:iam::123456789012:role/bad_role -> arn:aws:iam::123456789012:role/team/original");
    }

    @Test
    void aTrustInAnSsoSessionIsLinkedToTheSsoRoleSoThatPathsGoThroughIt() throws Exception {
        String saml = "arn:aws:iam::123456789012:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE";
        String ssoTrust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + saml + "\"},\"Action\":[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
                + "{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}";
        String session = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com";
        String trustsSession = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + session + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        String sso = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef";
        AccountSnapshot snapshot = reader.read("sso.json", new StringReader("{\"RoleDetailList\": ["
                + "{\"RoleName\":\"AWSReservedSSO_Admin_0123456789abcdef\",\"Path\":\"/aws-reserved/sso.amazonaws.com/\","
                + "\"Arn\":\"" + sso + "\",\"AssumeRolePolicyDocument\":" + ssoTrust + "},"
                + "{\"RoleName\":\"break-glass\",\"Arn\":\"arn:aws:iam::123456789012:role/break-glass\","
                + "\"AssumeRolePolicyDocument\":" + trustsSession + "}]}"));
        TrustGraph g = builder.build(List.of(snapshot), GraphBuilder.Production.none());
        assertThat(edges(g)).contains(saml + " -> " + sso, sso + " -> " + session,
                session + " -> arn:aws:iam::123456789012:role/break-glass");
        TrustQueries.Answer who = new TrustQueries(g).query("arn:aws:iam::123456789012:role/break-glass");
        assertThat(who.reached()).extracting(TrustQueries.Reached::node).contains(session, sso, saml);
        assertThat(who.reached()).filteredOn(r -> r.node().equals(saml)).singleElement().satisfies(r ->
                assertThat(r.paths().get(0)).containsExactly(saml, sso, session, "arn:aws:iam::123456789012:role/break-glass"));
    }

    @Test
    void aRoleRolechainAppliedForProductionIsMarkedProduction() throws Exception {
        AccountSnapshot snapshot = reader.read("tagged.json", new StringReader("{\"RoleDetailList\": ["
                + "{\"RoleName\":\"gha-deploy\",\"Arn\":\"arn:aws:iam::123456789012:role/rolechain/gha-deploy\","
                + "\"AssumeRolePolicyDocument\":" + SERVICE_TRUST + ",\"Tags\":[{\"Key\":\"managed-by\",\"Value\":\"rolechain\"},"
                + "{\"Key\":\"rolechain:production\",\"Value\":\"true\"}]},"
                + "{\"RoleName\":\"dev\",\"Arn\":\"arn:aws:iam::123456789012:role/dev\",\"AssumeRolePolicyDocument\":"
                + SERVICE_TRUST + "}]}"));
        TrustGraph g = builder.build(List.of(snapshot), GraphBuilder.Production.none());
        assertThat(g.node("arn:aws:iam::123456789012:role/rolechain/gha-deploy")).get().extracting(Node::production)
                .isEqualTo(true);
        assertThat(g.node("arn:aws:iam::123456789012:role/dev")).get().extracting(Node::production).isEqualTo(false);
    }

    @Test
    void anEdgeDecidedByAPointAwsLeavesUnclearIsUncertainAndSaysWhy() throws Exception {
        String trustsCased = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::123456789012:role/Deployer\"},\"Action\":\"sts:AssumeRole\"}]}";
        String assumeAny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"*\"}]}";
        AccountSnapshot snapshot = reader.read("cased.json", new StringReader("{\"RoleDetailList\": ["
                + "{\"RoleName\":\"deployer\",\"Arn\":\"arn:aws:iam::123456789012:role/deployer\",\"AssumeRolePolicyDocument\":"
                + SERVICE_TRUST + ",\"RolePolicyList\":[{\"PolicyName\":\"assume\",\"PolicyDocument\":" + assumeAny + "}]},"
                + "{\"RoleName\":\"target\",\"Arn\":\"arn:aws:iam::123456789012:role/target\",\"AssumeRolePolicyDocument\":"
                + trustsCased + "}]}"));
        TrustGraph g = builder.build(List.of(snapshot), GraphBuilder.Production.none());
        Edge cased = edge(g, "arn:aws:iam::123456789012:role/deployer", "arn:aws:iam::123456789012:role/target");
        assertThat(cased.certain()).isFalse();
        assertThat(cased.doubts()).containsExactly(dev.rolechain.iam.Unclear.ROLE_NAME_CASE.reason());
        com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(GraphExport.json(g, List.of(), null));
        assertThat(json.get("edges").toString()).contains("\"certain\":false,\"doubts\":[\"the Principal names the role "
                + "with other letter case");
        assertThat(edge(g, "service:ec2.amazonaws.com", "arn:aws:iam::123456789012:role/deployer").doubts()).isEmpty();
    }

    static final String SERVICE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    static Edge edge(TrustGraph g, String from, String to) {
        return g.outgoing(from).stream().filter(e -> e.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }
}
