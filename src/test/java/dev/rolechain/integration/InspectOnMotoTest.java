package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolechain.Services;
import dev.rolechain.aws.InspectSources;
import dev.rolechain.aws.TrustReader;
import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Inspect reading live accounts (moto, two accounts reached through profiles) that the test fills with
 * varied trust: GitHub OIDC with exact and wildcard subjects, a SAML provider, cross-account trust with
 * and without ExternalId, account root, Principal "*", a service principal, a customer managed policy,
 * and a chain of three roles over two accounts (gha-exact → hop → prod).
 */
class InspectOnMotoTest {
    static final String TOOLING = "111111111111";
    static final String TARGET = "222222222222";
    static final String GH = "token.actions.githubusercontent.com";
    static final String PROVIDER = "arn:aws:iam::" + TOOLING + ":oidc-provider/" + GH;
    static final String SAML = "arn:aws:iam::" + TOOLING + ":saml-provider/corp-idp";
    static final String EXACT = role(TOOLING, "gha-exact");
    static final String WILD = role(TOOLING, "gha-wild");
    static final String HOP = role(TOOLING, "hop");
    static final String SSO = role(TOOLING, "corp-admins");
    static final String BUILD = role(TOOLING, "build-box");
    static final String DEPLOY = role(TARGET, "deploy");
    static final String READONLY = role(TARGET, "readonly");
    static final String PROD = role(TARGET, "prod");
    static final String OPEN = role(TARGET, "open");
    static final String MAIN = "repo:acme/app:ref:refs/heads/main";

    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private final Services services = new Services();

    static String role(String account, String name) {
        return "arn:aws:iam::" + account + ":role/" + name;
    }

    @BeforeAll
    static void start() throws Exception {
        TestHome.awsConfig(moto.sharedConfig(Map.of("tooling", TOOLING, "target", TARGET)));
        try (IamClient iam = moto.iam(TOOLING)) {
            iam.createOpenIDConnectProvider(r -> r.url("https://" + GH).clientIDList("sts.amazonaws.com")
                    .thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"));
            iam.createSAMLProvider(r -> r.name("corp-idp").samlMetadataDocument("<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com\"/>"));
            create(iam, "gha-exact", oidc("StringEquals", MAIN), assume(DEPLOY, HOP));
            create(iam, "gha-wild", oidc("StringLike", "repo:acme/*"), assume(READONLY));
            create(iam, "hop", trustAws("\"" + EXACT + "\"", null), null);
            String policy = iam.createPolicy(r -> r.policyName("hop-assume-prod").policyDocument(assume(PROD))).policy().arn();
            iam.attachRolePolicy(r -> r.roleName("hop").policyArn(policy));
            create(iam, "corp-admins", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + SAML + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":"
                    + "\"https://signin.aws.amazon.com/saml\"}}}]}", null);
            create(iam, "build-box", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", null);
        }
        try (IamClient iam = moto.iam(TARGET)) {
            create(iam, "deploy", trustAws("\"" + EXACT + "\"", "ext-deploy-4d1f"), null);
            create(iam, "readonly", trustAws("\"arn:aws:iam::" + TOOLING + ":root\"", null), null);
            create(iam, "prod", trustAws("\"" + HOP + "\"", "ext-prod-9a2e"), null);
            iam.tagRole(r -> r.roleName("prod").tags(t -> t.key("environment").value("production")));
            create(iam, "open", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}", null);
        }
    }

    static void create(IamClient iam, String name, String trust, String inline) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust));
        if (inline != null) {
            iam.putRolePolicy(r -> r.roleName(name).policyName("assume").policyDocument(inline));
        }
    }

    static String oidc(String operator, String sub) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                + (operator.equals("StringEquals")
                        ? "{\"StringEquals\":{\"" + GH + ":aud\":\"sts.amazonaws.com\",\"" + GH + ":sub\":\"" + sub + "\"}}"
                        : "{\"StringEquals\":{\"" + GH + ":aud\":\"sts.amazonaws.com\"},\"" + operator + "\":{\"" + GH
                                + ":sub\":\"" + sub + "\"}}")
                + "}]}";
    }

    static String trustAws(String principal, String externalId) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":" + principal
                + "},\"Action\":\"sts:AssumeRole\"" + (externalId == null ? "" : ",\"Condition\":{\"StringEquals\":"
                + "{\"sts:ExternalId\":\"" + externalId + "\"}}") + "}]}";
    }

    static String assume(String... roles) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":["
                + java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "]}]}";
    }

    private TrustGraph graph(List<String> progress) {
        InspectSources.Loaded loaded = services.inspectSources().load(new InspectSources.Request(List.of("tooling", "target"),
                List.of(), null, null), (profile, message) -> progress.add(profile + ": " + message), () -> false);
        return services.graphBuilder().build(loaded.accounts(), loaded.production());
    }

    @Test
    void liveAccountsGiveTheExpectedNodesEdgesAndFindings() {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        TrustGraph g = graph(progress);
        assertThat(progress).contains("tooling: signing in", "target: signing in")
                .anyMatch(p -> p.matches("tooling: \\d+ roles, 1 OIDC and 1 SAML providers"));
        Map<String, NodeKind> kinds = g.nodes().stream().collect(Collectors.toMap(n -> n.id(), n -> n.kind()));
        assertThat(kinds).containsEntry(EXACT, NodeKind.ROLE).containsEntry(PROD, NodeKind.ROLE)
                .containsEntry(PROVIDER, NodeKind.OIDC_PROVIDER).containsEntry(SAML, NodeKind.SAML_PROVIDER)
                .containsEntry(GraphBuilder.subjectId(GH, MAIN), NodeKind.GITHUB_SUBJECT)
                .containsEntry(GraphBuilder.subjectId(GH, "repo:acme/*"), NodeKind.GITHUB_SUBJECT)
                .containsEntry("service:ec2.amazonaws.com", NodeKind.SERVICE)
                .containsEntry("account:" + TOOLING, NodeKind.ACCOUNT)
                .containsEntry("principal:*", NodeKind.PRINCIPAL);
        assertThat(g.node(PROVIDER).orElseThrow().inspected()).as("read from the provider list").isTrue();
        assertThat(g.node(PROD).orElseThrow().production()).isTrue();
        Set<String> edges = g.edges().stream().map(e -> e.from() + " -> " + e.to()).collect(Collectors.toSet());
        assertThat(edges).contains(PROVIDER + " -> " + EXACT, PROVIDER + " -> " + WILD, SAML + " -> " + SSO,
                EXACT + " -> " + DEPLOY, EXACT + " -> " + HOP, HOP + " -> " + PROD, WILD + " -> " + READONLY,
                "account:" + TOOLING + " -> " + READONLY, "principal:* -> " + OPEN, "service:ec2.amazonaws.com -> " + BUILD);
        assertThat(edges).doesNotContain(WILD + " -> " + DEPLOY, EXACT + " -> " + READONLY, EXACT + " -> " + PROD,
                BUILD + " -> " + READONLY);
        Edge prod = g.outgoing(HOP).stream().filter(e -> e.to().equals(PROD)).findFirst().orElseThrow();
        assertThat(prod.conditions()).isEqualTo(Map.of("StringEquals", Map.of("sts:ExternalId", List.of("ext-prod-9a2e"))));
        assertThat(prod.certain()).as("hop's customer managed policy was read").isTrue();
        assertThat(g.outgoing(SAML).get(0).actions()).containsExactly("sts:AssumeRoleWithSAML");
        assertThat(g.findings(READONLY)).extracting(f -> f.finding().ruleId()).contains("RC201", "RC202");
        assertThat(g.findings(OPEN)).extracting(f -> f.finding().ruleId()).contains("RC203");
        assertThat(g.findings(DEPLOY)).isEmpty();
    }

    @Test
    void queriesFollowTheChainOverTwoAccounts() {
        TrustQueries queries = new TrustQueries(graph(new ArrayList<>()));
        Map<String, List<List<String>>> reach = queries.query(MAIN).reached().stream()
                .collect(Collectors.toMap(TrustQueries.Reached::node, TrustQueries.Reached::paths));
        String subject = GraphBuilder.subjectId(GH, MAIN);
        assertThat(reach.get(PROD)).containsExactly(List.of(subject, PROVIDER, EXACT, HOP, PROD));
        assertThat(reach.get(DEPLOY)).containsExactly(List.of(subject, PROVIDER, EXACT, DEPLOY));
        assertThat(reach.get(READONLY)).containsExactly(List.of(subject, PROVIDER, WILD, READONLY));
        assertThat(queries.query("repo:acme/app:ref:refs/heads/dev").reached()).extracting(TrustQueries.Reached::node)
                .contains(WILD, READONLY).doesNotContain(EXACT, DEPLOY, PROD);
        Map<String, List<List<String>>> who = queries.query(PROD).reached().stream()
                .collect(Collectors.toMap(TrustQueries.Reached::node, TrustQueries.Reached::paths));
        assertThat(who).containsOnlyKeys(HOP, EXACT, PROVIDER, subject);
        List<String> risky = queries.risky().stream().map(r -> r.node() + ": " + r.reason()).toList();
        assertThat(risky).contains(subject + ": reaches production role " + PROD,
                WILD + ": every repository of acme can assume this role: a token of another of its repositories "
                        + "(sub \"repo:acme/rolechain-probe-repository:ref:refs/heads/main\") is admitted",
                READONLY + ": account " + TOOLING + " is trusted without sts:ExternalId",
                OPEN + ": Principal \"*\": any AWS principal can assume it");
    }

    @Test
    void theCommandReadsProfilesAndAnswersTheQuery() throws Exception {
        Cli cli = new Cli();
        assertThat(cli.run("inspect", "--profile", "tooling", "--profile", "target", "--query", MAIN)).isZero();
        JsonNode answer = new ObjectMapper().readTree(cli.out());
        List<String> path = new ArrayList<>();
        answer.get("reached").forEach(r -> {
            if (r.get("node").asText().equals(PROD)) {
                r.get("paths").get(0).forEach(id -> path.add(id.asText()));
            }
        });
        assertThat(path).containsExactly(GraphBuilder.subjectId(GH, MAIN), PROVIDER, EXACT, HOP, PROD);
        assertThat(cli.err()).contains("tooling: signing in");
    }

    @Test
    void readingStopsWhenCancelledAndAMissingProfileSaysSo() {
        AtomicBoolean cancel = new AtomicBoolean();
        assertThatThrownBy(() -> services.inspectSources().load(new InspectSources.Request(List.of("tooling"), List.of(), null,
                null), (profile, message) -> cancel.set(true), cancel::get))
                .isInstanceOf(CancellationException.class).hasMessageContaining("nothing was changed");
        Cli cli = new Cli();
        assertThat(cli.run("inspect", "--profile", "no-such-profile")).isEqualTo(1);
        assertThat(cli.err()).contains("no-such-profile");
        assertThatThrownBy(() -> services.inspectSources().load(new InspectSources.Request(List.of("no-such-profile"), List.of(),
                null, null), (p, m) -> { }, () -> false)).isInstanceOf(TrustReader.ReadException.class);
    }
}
