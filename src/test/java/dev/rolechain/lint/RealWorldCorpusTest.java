package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lint on trusts and workflows people really have (src/test/resources/corpus, each file's source in SOURCES.md): the
 * verdict and the rules EXPECTED.tsv gives each file, reasoned there from AWS's and GitHub's documentation, hold.
 */
class RealWorldCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final Set<String> GITHUB_RULES = Set.of("RC101", "RC102", "RC103", "RC104", "RC105", "RC106", "RC107",
            "RC108", "RC109", "RC110");

    private final Linter linter = new Linter(new PolicyEvaluator());

    /** One line of EXPECTED.tsv. */
    record Expected(String file, String provider, String verdict, List<String> expect, List<String> absent, String reason) {
        @Override
        public String toString() {
            return file + " (" + provider + ", " + verdict + ")";
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("file\t") || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            cases.add(Arguments.of(new Expected(c[0].strip(), c[1].strip(), c[2].strip(), rules(c[3]), rules(c[4]),
                    c.length > 5 ? c[5] : "")));
        }
        return cases.stream();
    }

    private static List<String> rules(String column) {
        return column.isBlank() || column.strip().equals("-") ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private List<Finding> lint(Expected e) throws Exception {
        Path file = CORPUS.resolve(e.file());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (e.file().startsWith("workflows/")) {
            return linter.lintWorkflow(e.file(), new WorkflowParser().parse(text), null, Map.of());
        }
        List<Finding> findings = new ArrayList<>();
        for (PolicyInputs.Found f : PolicyInputs.read(e.file(), text)) {
            findings.addAll(linter.lintFound(f.location(), f, null, null, null));
        }
        return findings;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void lintGivesTheDocumentedVerdict(Expected e) throws Exception {
        if (e.verdict().equals("refused")) {
            assertThatThrownBy(() -> lint(e)).isInstanceOf(PolicyInputs.InputException.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(e.file()) + ":\\d+(:\\d+)?: .*expected .*");
            return;
        }
        List<Finding> findings = lint(e);
        List<String> ids = findings.stream().map(Finding::ruleId).toList();
        String all = String.join("\n", findings.stream().map(f -> f.ruleId() + " " + f.message()).toList());
        assertThat(ids).as("%s: %s%n%s", e, e.reason(), all).containsAll(e.expect());
        assertThat(ids).as("%s: %s%n%s", e, e.reason(), all).doesNotContainAnyElementsOf(e.absent());
        switch (e.verdict()) {
            case "any-owner" -> assertThat(ids).as(all).containsAnyOf("RC101", "RC102");
            case "owner-wide" -> assertThat(ids).as(all).contains("RC104").doesNotContain("RC101", "RC102");
            case "named" -> assertThat(ids).as(all).doesNotContain("RC101", "RC102", "RC104", "RC111");
            case "nothing" -> assertThat(ids).as(all).contains("RC111");
            case "any-subject" -> assertThat(ids).as(all).containsAnyOf("RC120", "RC121");
            case "pinned" -> assertThat(ids).as(all).doesNotContain("RC120", "RC111");
            default -> { }
        }
        if (!e.provider().equals("github") && !e.file().startsWith("workflows/")) {
            assertThat(ids).as("no GitHub rule on a %s trust: %s", e.provider(), all).doesNotContainAnyElementsOf(GITHUB_RULES);
        }
    }

    /** Every trust of the corpus, as the files give them. */
    static Stream<Arguments> trusts() throws IOException {
        return corpus().map(a -> (Expected) a.get()[0]).filter(e -> e.file().startsWith("trusts/")
                && !e.verdict().equals("refused")).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trusts")
    void everyProbeIsDecidedAsEvalDecidesItOnTheWholeDocument(Expected e) throws Exception {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        WebIdentityProbes probes = new WebIdentityProbes(evaluator);
        String text = Files.readString(CORPUS.resolve(e.file()), StandardCharsets.UTF_8);
        for (PolicyInputs.Found f : PolicyInputs.read(e.file(), text)) {
            // conditions on keys a caller steers are taken as met by the probes and absent in eval's request
            boolean steered = f.document().statements().stream().flatMap(st -> st.conditions().stream())
                    .anyMatch(c -> !WebIdentityProbes.decidedByToken(c.key()));
            long allows = f.document().statements().stream().filter(WebIdentityProbes::grantsWebIdentity).count();
            for (WebIdentityProbes.Judgment j : probes.judge(f.document(), f.roleArn())) {
                if (steered || allows > 1 || !j.principal().equals(f.document().statements().get(j.statement()).principal()
                        .values("Federated").get(0))) {
                    continue;
                }
                for (WebIdentityProbes.Result r : j.results()) {
                    boolean eval = evaluator.evaluate(f.document(), List.of(), j.request(r.probe())).allowed();
                    assertThat(eval).as("%s: %s %s", e.file(), r.probe().kind(), r.probe().sub()).isEqualTo(r.admitted());
                }
            }
        }
    }

    /**
     * Inspect, built from the corpus's trusts as one account each, holds every role to the findings lint gives its
     * trust, and its risky set names exactly the roles lint says let more in than they name.
     */
    @org.junit.jupiter.api.Test
    void inspectJudgesTheCorpusAsLintDoes() throws Exception {
        List<dev.rolechain.inspect.AccountSnapshot> accounts = new ArrayList<>();
        Map<String, List<String>> lintRules = new java.util.HashMap<>();
        Map<String, List<dev.rolechain.iam.Role>> byAccount = new java.util.TreeMap<>();
        TrustLint trustLint = new TrustLint(new PolicyEvaluator());
        int n = 0;
        for (Arguments a : trusts().toList()) {
            Expected e = (Expected) a.get()[0];
            String text = Files.readString(CORPUS.resolve(e.file()), StandardCharsets.UTF_8);
            for (PolicyInputs.Found f : PolicyInputs.read(e.file(), text)) {
                if (f.kind() == PolicyInputs.Kind.IDENTITY || f.document().statements().stream()
                        .noneMatch(st -> st.principal() != null)) {
                    continue;
                }
                // the role lies in the account of the provider its trust names (STS signs in nowhere else)
                String account = TrustLint.providerAccount(f.document()) != null ? TrustLint.providerAccount(f.document())
                        : String.format("%012d", 100000000000L + n);
                String name = "corpus-" + n++;
                byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(new dev.rolechain.iam.Role(name, "/", null,
                        f.document(), Map.of(), List.of(), 3600, null, Map.of()));
                String arn = "arn:aws:iam::" + account + ":role/" + name;
                lintRules.put(arn, trustLint.lint("trust policy", f.document(), TrustContext.unknown().forRole(arn, account))
                        .stream().map(Finding::ruleId).sorted().toList());
            }
        }
        byAccount.forEach((account, roles) -> accounts.add(new dev.rolechain.inspect.AccountSnapshot(account, "aws",
                new dev.rolechain.iam.IamAccount(account, List.of(), roles), List.of(), Map.of(), "corpus", false)));
        dev.rolechain.inspect.TrustGraph graph = new dev.rolechain.inspect.GraphBuilder(new PolicyEvaluator(), trustLint,
                new IdentityLint()).build(accounts, dev.rolechain.inspect.GraphBuilder.Production.none());
        for (Map.Entry<String, List<String>> role : lintRules.entrySet()) {
            assertThat(graph.findings(role.getKey()).stream().map(nf -> nf.finding().ruleId()).sorted().toList())
                    .as(role.getKey()).isEqualTo(role.getValue());
        }
        java.util.Set<String> risky = new java.util.TreeSet<>();
        new dev.rolechain.inspect.TrustQueries(graph).risky().forEach(r -> risky.add(r.node()));
        java.util.Set<String> lintRisky = new java.util.TreeSet<>();
        graph.findings().stream().filter(nf -> Set.of("RC101", "RC102", "RC104", "RC120").contains(nf.finding().ruleId())
                || nf.finding().ruleId().equals("RC121") && nf.finding().severity() == Severity.ERROR)
                .forEach(nf -> lintRisky.add(nf.node()));
        assertThat(risky).containsAll(lintRisky);
        assertThat(lintRisky).as("the corpus has risky trusts to find").isNotEmpty();
    }
}
