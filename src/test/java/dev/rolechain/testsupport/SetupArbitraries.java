package dev.rolechain.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.setup.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of Setups, valid by construction as far as the rules are simple; properties still pass
 * each through the validator and skip the rare invalid one. User values lean on the characters that
 * need escaping: quotes, backslashes, {@code $}/{@code %} before {@code {}, {@code #}, non-ASCII letters.
 */
public final class SetupArbitraries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SetupArbitraries() {
    }

    public static Arbitrary<String> owners() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofMinLength(1).ofMaxLength(20);
    }

    public static Arbitrary<String> repositories() {
        return Arbitraries.oneOf(Arbitraries.just("*"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMinLength(1).ofMaxLength(15)
                        .filter(s -> !s.equals(".") && !s.equals("..")));
    }

    /** Ref patterns with the characters git allows that other formats treat specially. */
    public static Arbitrary<String> refPatterns() {
        Arbitrary<String> part = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789_-\"'$%{}#!&+=,;<>|`üé")
                .ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> segment = Arbitraries.oneOf(part, part.map(s -> s + "*"), Arbitraries.just("*"),
                part.map(s -> s + "?"));
        return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l))
                .filter(s -> !s.startsWith("-") && !s.endsWith(".") && !s.contains("@{"));
    }

    public static Arbitrary<String> environmentNames() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABC 0123456789_-\"'#%{}&ü")
                .ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank());
    }

    public static Arbitrary<String> externalIds() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@:/-")
                .ofMinLength(2).ofMaxLength(40);
    }

    public static Arbitrary<String> accountIds() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    public static Arbitrary<Subject> subjects() {
        Arbitrary<String> repo = repositories();
        return Arbitraries.oneOf(
                Combinators.combine(repo, refPatterns()).as(Subject::branch),
                Combinators.combine(repo, refPatterns()).as(Subject::tag),
                Combinators.combine(repo, environmentNames()).as(Subject::environment),
                repo.map(Subject::pullRequest),
                repo.map(Subject::any));
    }

    /** An inline policy whose strings carry the awkward characters too. */
    public static Arbitrary<String> inlinePolicies() {
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().withCharRange('\u0020', '\u00ff').ofMinLength(1).ofMaxLength(12))
                .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c <= 0xff));
        Arbitrary<String> awkward = Arbitraries.of("${aws:username}", "%{if x}", "\"quoted\"", "back\\slash",
                "new\nline", "tab\there", "ünïcödé", "#hash", "$$", "a'b");
        Arbitrary<String> value = Arbitraries.oneOf(text, awkward);
        return Combinators.combine(value, value).as(SetupArbitraries::policy);
    }

    private static String policy(String resource, String condition) {
        ObjectNode statement = JSON.createObjectNode()
                .put("Effect", "Allow")
                .put("Action", "s3:GetObject")
                .put("Resource", "arn:aws:s3:::bucket/" + resource);
        ObjectNode test = statement.putObject("Condition").putObject("StringEquals");
        test.put("aws:PrincipalTag/team", condition);
        test.put("aws:PrincipalTag/" + resource, "x");
        ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
        document.putArray("Statement").add(statement);
        return document.toString();
    }

    /**
     * Several targets whose names meet once made Terraform names ({@code x} with policy {@code a-b} and
     * {@code x-a} with policy {@code b}, a target named {@code tooling}), with profiles and role names
     * that carry the characters HCL, YAML and file systems treat specially.
     */
    public static Arbitrary<Setup> adversarialSetups() {
        Arbitrary<String> names = Arbitraries.of("x", "x-a", "tooling", "region", "a-b", "a", "b-1", "1b");
        Arbitrary<String> profiles = Arbitraries.of("we\"ird", "${var.region}", "%{if x}y%{endif}", "$", "prøfile",
                "a\u00a0b", "back\\slash", "#hash", "'quote'", "x:y", "ü€", "emoji\uD83D\uDE00");
        Arbitrary<String> roleNames = Arbitraries.of("deploy", ".deploy", "a.b", "@x", "a=b,c", "..x", "Deploy+1");
        Arbitrary<String> policyNames = Arbitraries.of("a-b", "b", "a_b", "inline", "x.y", "p@q");
        Arbitrary<Target> target = Combinators.combine(names, accountIds(), externalIds(), Arbitraries.of(true, false),
                subjects().list().ofMinSize(1).ofMaxSize(3), Combinators.combine(policyNames, inlinePolicies())
                        .as(Map::entry).list().ofMaxSize(2), profiles, roleNames)
                .as((name, account, externalId, production, subjects, inline, profile, role) -> {
                    Map<String, String> policies = new java.util.LinkedHashMap<>();
                    inline.forEach(e -> policies.putIfAbsent(e.getKey(), e.getValue()));
                    Map<String, String> accept = production ? Map.of("RC104", "generated", "RC107", "generated",
                            "RC108", "generated", "RC403", "generated") : Map.of();
                    return new Target(name, account, profile, role + "-" + name, externalId, production, subjects,
                            List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), policies, 3600, null, accept);
                });
        Arbitrary<Tooling> tooling = Combinators.combine(accountIds(), Arbitraries.of(OidcRoles.values()), profiles)
                .as((id, mode, profile) -> new Tooling(id, "eu-west-1", profile, true, "gha-oidc", mode, 3600));
        Arbitrary<Workflow> workflow = Arbitraries.of(true, false)
                .map(tagging -> new Workflow(Workflow.DEFAULT_ACTION_REF, null, tagging, "GitHubActions", 3600));
        return withOrganizationTargets(Combinators.combine(owners(), tooling, target.list().ofMinSize(2).ofMaxSize(4)
                .uniqueElements(Target::name), workflow).as((owner, t, targets, w) -> new Setup(GitHub.of(owner), t,
                new ArrayList<>(targets), w)), profiles);
    }

    /**
     * The same Setups with about one target in four made a target of OUs (every account of them, through a
     * StackSet) and, when there is one, the {@code organizations} block it needs, under one of {@code profiles}.
     */
    static Arbitrary<Setup> withOrganizationTargets(Arbitrary<Setup> setups, Arbitrary<String> profiles) {
        Arbitrary<String> ou = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(8)
                .ofMaxLength(12).map(x -> "ou-ab12-" + x);
        return setups.flatMap(setup -> Combinators.combine(Arbitraries.integers().between(0, 3).list()
                        .ofSize(setup.targets().size()), ou.list().ofMinSize(1).ofMaxSize(2).uniqueElements(),
                profiles, Arbitraries.of(true, false))
                .as((dice, units, profile, retain) -> {
                    List<Target> targets = new ArrayList<>();
                    for (int i = 0; i < setup.targets().size(); i++) {
                        Target t = setup.targets().get(i);
                        targets.add(dice.get(i) != 0 ? t : new Target(t.name(), null, null, t.roleName(), t.externalId(),
                                t.production(), t.subjects(), t.managedPolicyArns(), t.inlinePolicies(),
                                t.maxSessionSeconds(), t.permissionsBoundaryArn(), t.acceptRisk(), units, List.of()));
                    }
                    boolean organization = targets.stream().anyMatch(Target::organizational);
                    return new Setup(setup.github(), setup.tooling(), targets, setup.workflow(), setup.quotas(),
                            organization ? new dev.rolechain.setup.Organizations("o-a1b2c3d4e5", "r-ab12", profile, retain)
                                    : null);
                }));
    }

    /**
     * Setups that reach IAM's quotas: up to sixty subjects with long branch patterns per target, a shared
     * OIDC role or per-target ones, up to twelve managed policies.
     */
    public static Arbitrary<Setup> largeSetups() {
        Arbitrary<List<Subject>> subjects = Combinators.combine(Arbitraries.strings().withChars("abcdefghij-/")
                .ofMinLength(1).ofMaxLength(40), Arbitraries.integers().between(1, 60))
                .as((stem, n) -> {
                    List<Subject> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        list.add(Subject.branch("app", "release/" + stem.replace("//", "/") + "-" + i));
                    }
                    return list;
                });
        Arbitrary<List<String>> managed = Arbitraries.integers().between(0, 12).map(n -> {
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                arns.add("arn:aws:iam::aws:policy/Policy" + i);
            }
            return arns;
        });
        Arbitrary<Target> target = Combinators.combine(Arbitraries.of("dev", "staging", "qa"), accountIds(), subjects,
                managed).as((name, account, s, m) -> new Target(name, account, null, "deploy-" + name,
                        "external-id-" + name + "-7f3a9c", false, s, m, Map.of(), 3600, null));
        return Combinators.combine(owners(), accountIds(), Arbitraries.of(OidcRoles.values()),
                target.list().ofMinSize(1).ofMaxSize(3).uniqueElements(Target::name))
                .as((owner, tooling, mode, targets) -> new Setup(GitHub.of(owner), new Tooling(tooling, "eu-west-1", null,
                        true, "gha-oidc", mode, 3600), new ArrayList<>(targets), Workflow.defaults()));
    }

    public static Arbitrary<Setup> setups() {
        Arbitrary<GitHub> github = Combinators.combine(owners(),
                Arbitraries.of(0, 1, 2), Arbitraries.of("sts.amazonaws.com", "https://github.com/acme", "custom-aud"))
                .as((owner, issuer, audience) -> new GitHub(owner, issuer == 1 ? "acme-ent" : null,
                        issuer == 2 ? "github.example.com" : null, audience));
        Arbitrary<Tooling> tooling = Combinators.combine(accountIds(), Arbitraries.of("us-east-1", "eu-central-1",
                "cn-north-1", "us-gov-west-1"), Arbitraries.of(true, false), Arbitraries.of(OidcRoles.values()),
                Arbitraries.of("acme-tooling", null))
                .as((id, region, create, mode, profile) -> new Tooling(id, region, profile, create, "gha-oidc", mode, 3600));
        Arbitrary<Target> target = Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(10),
                accountIds(), externalIds(), Arbitraries.of(true, false),
                subjects().list().ofMinSize(1).ofMaxSize(4),
                inlinePolicies().list().ofMaxSize(1),
                Arbitraries.of(List.<String>of(), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")))
                .as((name, account, externalId, production, subjects, inline, managed) -> new Target(name, account,
                        null, "deploy-" + name, externalId, production, subjects, managed,
                        inline.isEmpty() ? Map.of() : Map.of("inline", inline.get(0)), 3600, null));
        Arbitrary<Workflow> workflow = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(900, 3600))
                .as((tagging, duration) -> new Workflow(Workflow.DEFAULT_ACTION_REF, null, tagging, "GitHubActions", duration));
        return withOrganizationTargets(Combinators.combine(github, tooling, target.list().ofMinSize(1).ofMaxSize(4)
                        .uniqueElements(Target::name), workflow)
                .as((g, t, targets, w) -> new Setup(g, t, new ArrayList<>(targets), w)), Arbitraries.of("org-management"));
    }
}
