package dev.rolechain.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Setup file: JSON to {@link Setup} and back. Reading reports every structural problem (malformed
 * JSON, unknown or duplicate fields, wrong types, a subject without exactly one kind) with its path,
 * line and column; {@link SetupValidator} checks the values. Absent fields take their defaults.
 */
public final class SetupJson {

    /** Built on first use: writing a Setup needs it, reading one does not (start-up of every command, issue #18). */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());
    }

    static final Set<String> ROOT_FIELDS = ordered("github", "tooling", "targets", "workflow", "quotas",
            "organizations");
    static final Set<String> ORGANIZATIONS_FIELDS = ordered("id", "rootId", "profile", "retainStacksOnAccountRemoval");
    static final Set<String> GITHUB_FIELDS = ordered("owner", "enterpriseSlug", "serverHost", "audience", "ownerId",
            "subjectFormat", "subTemplate", "repositories", "environments");
    static final Set<String> REPOSITORY_FIELDS = ordered("id", "subjectFormat", "subTemplate");
    static final Set<String> ENVIRONMENT_FIELDS = ordered("reviewers", "branches", "preventSelfReview", "waitMinutes");
    static final Set<String> TOOLING_FIELDS = ordered("accountId", "region", "profile", "createProvider",
            "oidcRoleName", "oidcRoles", "maxSessionSeconds");
    static final Set<String> TARGET_FIELDS = ordered("name", "accountId", "profile", "roleName", "externalId",
            "production", "subjects", "managedPolicyArns", "inlinePolicies", "maxSessionSeconds",
            "permissionsBoundaryArn", "acceptRisk", "organizationalUnitIds", "regions");
    static final Set<String> SUBJECT_KINDS = ordered("branch", "tag", "environment", "pullRequest", "any");
    static final Set<String> SUBJECT_FIELDS = ordered("repository", "branch", "tag", "environment", "pullRequest", "any");
    static final Set<String> WORKFLOW_FIELDS = ordered("actionRef", "region", "sessionTagging", "roleSessionName",
            "durationSeconds");

    private SetupJson() {
    }

    /** The result of reading: the Setup when the structure is sound, and the problems found. */
    public static final class Read {
        private final Setup setup;
        private final List<Problem> problems;
        private final LocatedJson json;

        private final Map<String, String> renamed;

        private Read(Setup setup, List<Problem> problems, LocatedJson json, Map<String, String> renamed) {
            this.setup = setup;
            this.problems = List.copyOf(problems);
            this.json = json;
            this.renamed = renamed;
        }

        /** The Setup as far as it could be built (null when the file is not a JSON object); check {@link #problems()}. */
        public Setup setup() {
            return setup;
        }

        public List<Problem> problems() {
            return problems;
        }

        /**
         * A problem found later (by the validator) as the file has it: its path names the element where it
         * stands in the file (elements that could not be read are not counted by the Setup), with line and column.
         */
        public Problem locate(Problem problem) {
            String path = problem.path() == null ? null : remap(remap(problem.path(), false), true);
            return json.locate(java.util.Objects.equals(path, problem.path()) ? problem : problem.withPath(path));
        }

        /** The path with its target (or, {@code subjects}, its subject) element renamed to where it stands in the file. */
        private String remap(String path, boolean subjects) {
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                String from = e.getKey();
                if (from.contains(".subjects[") == subjects
                        && (path.equals(from) || path.startsWith(from + ".") || path.startsWith(from + "["))) {
                    return e.getValue() + path.substring(from.length());
                }
            }
            return path;
        }
    }

    /** Reads a Setup file's text. The Setup is null when a problem kept it from being built. */
    public static Read read(String text) {
        LocatedJson json = LocatedJson.read(text);
        List<Problem> problems = new ArrayList<>(json.problems());
        if (json.root() == null) {
            return new Read(null, problems, json, Map.of());
        }
        Reader reader = new Reader(problems);
        Setup setup = reader.setup(json.root());
        List<Problem> located = problems.stream().map(json::locate).toList();
        return new Read(setup, located, json, reader.renamed);
    }

    // ---------------------------------------------------------------- writing

    /** The Setup as indented JSON, every field written (defaults too), optional empty ones left out. */
    public static String write(Setup setup) {
        ObjectNode root = Mapper.MAPPER.createObjectNode();
        GitHub g = setup.github();
        ObjectNode github = root.putObject("github");
        putText(github, "owner", g.owner());
        putText(github, "enterpriseSlug", g.enterpriseSlug());
        putText(github, "serverHost", g.serverHost());
        putText(github, "audience", g.audience());
        if (g.ownerId() != null) {
            github.put("ownerId", g.ownerId());
        }
        if (g.subjectFormat() != SubjectFormat.NAMES) {
            github.put("subjectFormat", g.subjectFormat().json());
        }
        if (g.subTemplate() != null) {
            g.subTemplate().forEach(github.putArray("subTemplate")::add);
        }
        if (!g.repositories().isEmpty()) {
            ObjectNode repos = github.putObject("repositories");
            g.repositories().forEach((name, r) -> {
                ObjectNode repo = repos.putObject(name);
                if (r.id() != null) {
                    repo.put("id", r.id());
                }
                if (r.subjectFormat() != null) {
                    repo.put("subjectFormat", r.subjectFormat().json());
                }
                if (r.subTemplate() != null) {
                    r.subTemplate().forEach(repo.putArray("subTemplate")::add);
                }
            });
        }
        if (!g.environments().isEmpty()) {
            ObjectNode envs = github.putObject("environments");
            g.environments().forEach((name, e) -> {
                ObjectNode env = envs.putObject(name);
                e.reviewers().forEach(env.putArray("reviewers")::add);
                e.branches().forEach(env.putArray("branches")::add);
                env.put("preventSelfReview", e.preventSelfReview());
                env.put("waitMinutes", e.waitMinutes());
            });
        }
        Tooling t = setup.tooling();
        ObjectNode tooling = root.putObject("tooling");
        putText(tooling, "accountId", t.accountId());
        putText(tooling, "region", t.region());
        putText(tooling, "profile", t.profile());
        tooling.put("createProvider", t.createProvider());
        putText(tooling, "oidcRoleName", t.oidcRoleName());
        tooling.put("oidcRoles", t.oidcRoles().json());
        tooling.put("maxSessionSeconds", t.maxSessionSeconds());
        ArrayNode targets = root.putArray("targets");
        for (Target target : setup.targets()) {
            ObjectNode node = targets.addObject();
            putText(node, "name", target.name());
            if (target.organizational()) {
                target.organizationalUnitIds().forEach(node.putArray("organizationalUnitIds")::add);
                if (!target.regions().isEmpty()) {
                    target.regions().forEach(node.putArray("regions")::add);
                }
            } else {
                putText(node, "accountId", target.accountId());
            }
            putText(node, "profile", target.profile());
            putText(node, "roleName", target.roleName());
            putText(node, "externalId", target.externalId());
            node.put("production", target.production());
            ArrayNode subjects = node.putArray("subjects");
            for (Subject subject : target.subjects()) {
                ObjectNode s = subjects.addObject();
                putText(s, "repository", subject.repository());
                Subject.Kind kind = subject.kind();
                if (kind instanceof Subject.Branch b) {
                    s.put("branch", b.pattern());
                } else if (kind instanceof Subject.Tag tag) {
                    s.put("tag", tag.pattern());
                } else if (kind instanceof Subject.Environment e) {
                    s.put("environment", e.name());
                } else if (kind instanceof Subject.PullRequest) {
                    s.put("pullRequest", true);
                } else {
                    s.put("any", true);
                }
            }
            ArrayNode arns = node.putArray("managedPolicyArns");
            target.managedPolicyArns().forEach(arns::add);
            ObjectNode inline = node.putObject("inlinePolicies");
            target.inlinePolicies().forEach((name, doc) -> inline.set(name, parseOrText(doc)));
            node.put("maxSessionSeconds", target.maxSessionSeconds());
            putText(node, "permissionsBoundaryArn", target.permissionsBoundaryArn());
            if (!target.acceptRisk().isEmpty()) {
                ObjectNode accept = node.putObject("acceptRisk");
                target.acceptRisk().forEach(accept::put);
            }
        }
        Workflow w = setup.workflow();
        ObjectNode workflow = root.putObject("workflow");
        putText(workflow, "actionRef", w.actionRef());
        putText(workflow, "region", w.region());
        workflow.put("sessionTagging", w.sessionTagging());
        putText(workflow, "roleSessionName", w.roleSessionName());
        workflow.put("durationSeconds", w.durationSeconds());
        if (!setup.quotas().isEmpty()) {
            ObjectNode quotas = root.putObject("quotas");
            setup.quotas().forEach(quotas::put);
        }
        Organizations org = setup.organizations();
        if (org != null) {
            ObjectNode o = root.putObject("organizations");
            putText(o, "id", org.id());
            putText(o, "rootId", org.rootId());
            putText(o, "profile", org.profile());
            o.put("retainStacksOnAccountRemoval", org.retainStacksOnAccountRemoval());
        }
        try {
            return Mapper.PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseOrText(String json) {
        try {
            return Mapper.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Mapper.MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    // ---------------------------------------------------------------- reading

    /** Maps the JSON tree to records, collecting structural problems. */
    private static final class Reader {
        private final List<Problem> problems;

        /**
         * Where an element of the Setup stood in the file, when elements before it could not be read: a
         * later problem about {@code targets[0]} is about the file's {@code targets[1]}.
         */
        final Map<String, String> renamed = new java.util.LinkedHashMap<>();

        Reader(List<Problem> problems) {
            this.problems = problems;
        }

        Setup setup(JsonNode root) {
            ObjectNode node = object(root, "", ROOT_FIELDS, "the Setup");
            if (node == null) {
                return null;
            }
            GitHub github = github(node.get("github"));
            Tooling tooling = tooling(node.get("tooling"));
            List<Target> targets = targets(node.get("targets"));
            Workflow workflow = workflow(node.get("workflow"));
            return new Setup(github, tooling, targets, workflow, quotas(node.get("quotas")),
                    organizations(node.get("organizations")));
        }

        private Organizations organizations(JsonNode value) {
            if (value == null) {
                return null;
            }
            ObjectNode o = object(value, "organizations", ORGANIZATIONS_FIELDS, "the organization");
            if (o == null) {
                return null;
            }
            return new Organizations(text(o, "organizations", "id"), text(o, "organizations", "rootId"),
                    text(o, "organizations", "profile"), bool(o, "organizations", "retainStacksOnAccountRemoval", false));
        }

        private GitHub github(JsonNode value) {
            if (value == null) {
                problems.add(new Problem("github", "required: an object with at least \"owner\""));
                return GitHub.of(null);
            }
            ObjectNode o = object(value, "github", GITHUB_FIELDS, "the GitHub side");
            if (o == null) {
                return GitHub.of(null);
            }
            return new GitHub(text(o, "github", "owner"), text(o, "github", "enterpriseSlug"),
                    text(o, "github", "serverHost"), textOr(o, "github", "audience", GitHub.DEFAULT_AUDIENCE),
                    id(o.get("ownerId"), "github.ownerId"), format(o.get("subjectFormat"), "github.subjectFormat"),
                    repositories(o.get("repositories")), template(o.get("subTemplate"), "github.subTemplate"),
                    environments(o.get("environments")));
        }

        /** A sub template: the claim keys in order; absent means GitHub's default. */
        private List<String> template(JsonNode value, String path) {
            if (value == null || value.isNull()) {
                return null;
            }
            List<String> keys = stringList(value, path);
            if (value.isArray() && keys.isEmpty()) {
                problems.add(new Problem(path, "must name at least one claim key, e.g. [\"repo\", \"context\"] (leave it "
                        + "out for GitHub's default)"));
                return null;
            }
            return keys;
        }

        private Map<String, GitHub.Environment> environments(JsonNode value) {
            Map<String, GitHub.Environment> environments = new LinkedHashMap<>();
            if (value == null || value.isNull()) {
                return environments;
            }
            if (!value.isObject()) {
                problems.add(new Problem("github.environments", "must be an object of environment name → {\"reviewers\": "
                        + "[…], \"branches\": […]}, got " + kind(value)));
                return environments;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = LocatedJson.child("github.environments", e.getKey());
                ObjectNode o = object(e.getValue(), path, ENVIRONMENT_FIELDS, "an environment's protection");
                if (o != null) {
                    environments.put(nfc(e.getKey()), new GitHub.Environment(
                            stringList(o.get("reviewers"), LocatedJson.child(path, "reviewers")),
                            stringList(o.get("branches"), LocatedJson.child(path, "branches")),
                            bool(o, path, "preventSelfReview", false), integer(o, path, "waitMinutes", 0)));
                }
            }
            return environments;
        }

        /** A GitHub id: a positive whole number. */
        private Long id(JsonNode value, String path) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || value.asLong() <= 0) {
                problems.add(new Problem(path, "must be GitHub's numeric id (a positive whole number, as the API's \"id\" "
                        + "gives it), got " + value));
                return null;
            }
            return value.asLong();
        }

        private SubjectFormat format(JsonNode value, String path) {
            if (value == null || value.isNull()) {
                return null;
            }
            SubjectFormat f = value.isTextual() ? SubjectFormat.fromJson(value.asText()).orElse(null) : null;
            if (f == null) {
                problems.add(new Problem(path, "must be \"names\", \"immutable\" or \"both\", got " + value));
            }
            return f;
        }

        private Map<String, GitHub.Repository> repositories(JsonNode value) {
            Map<String, GitHub.Repository> repos = new LinkedHashMap<>();
            if (value == null) {
                return repos;
            }
            if (!value.isObject()) {
                problems.add(new Problem("github.repositories", "must be an object of repository name → {\"id\": …, "
                        + "\"subjectFormat\": …}, got " + kind(value)));
                return repos;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = LocatedJson.child("github.repositories", e.getKey());
                ObjectNode r = object(e.getValue(), path, REPOSITORY_FIELDS, "a repository");
                if (r != null) {
                    repos.put(nfc(e.getKey()), new GitHub.Repository(id(r.get("id"), path + ".id"),
                            format(r.get("subjectFormat"), path + ".subjectFormat"),
                            template(r.get("subTemplate"), path + ".subTemplate")));
                }
            }
            return repos;
        }

        private Tooling tooling(JsonNode value) {
            String path = "tooling";
            if (value == null) {
                problems.add(new Problem(path, "required: an object with \"accountId\" and \"region\""));
                return null;
            }
            ObjectNode o = object(value, path, TOOLING_FIELDS, "the tooling account");
            if (o == null) {
                return null;
            }
            OidcRoles mode = OidcRoles.PER_TARGET;
            String modeText = text(o, path, "oidcRoles");
            if (modeText != null) {
                mode = OidcRoles.fromJson(modeText).orElse(null);
                if (mode == null) {
                    problems.add(new Problem(path + ".oidcRoles", "must be \"per-target\" or \"shared\", got \""
                            + modeText + "\""));
                    mode = OidcRoles.PER_TARGET;
                }
            }
            return new Tooling(text(o, path, "accountId"), text(o, path, "region"), text(o, path, "profile"),
                    bool(o, path, "createProvider", true),
                    textOr(o, path, "oidcRoleName", Tooling.DEFAULT_OIDC_ROLE_NAME), mode,
                    integer(o, path, "maxSessionSeconds", Tooling.DEFAULT_MAX_SESSION_SECONDS));
        }

        private List<Target> targets(JsonNode value) {
            if (value == null) {
                problems.add(new Problem("targets", "required: an array of target accounts"));
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(new Problem("targets", "must be an array of target accounts, got " + kind(value)));
                return List.of();
            }
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                Target target = target(value.get(i), LocatedJson.element("targets", i));
                if (target != null) {
                    renamed.put(LocatedJson.element("targets", targets.size()), LocatedJson.element("targets", i));
                    targets.add(target);
                }
            }
            return targets;
        }

        private Target target(JsonNode value, String path) {
            ObjectNode o = object(value, path, TARGET_FIELDS, "a target account");
            if (o == null) {
                return null;
            }
            return new Target(text(o, path, "name"), text(o, path, "accountId"), text(o, path, "profile"),
                    text(o, path, "roleName"), text(o, path, "externalId"), bool(o, path, "production", false),
                    subjects(o.get("subjects"), LocatedJson.child(path, "subjects")),
                    stringList(o.get("managedPolicyArns"), LocatedJson.child(path, "managedPolicyArns")),
                    inlinePolicies(o.get("inlinePolicies"), LocatedJson.child(path, "inlinePolicies")),
                    integer(o, path, "maxSessionSeconds", Tooling.DEFAULT_MAX_SESSION_SECONDS),
                    text(o, path, "permissionsBoundaryArn"),
                    acceptRisk(o.get("acceptRisk"), LocatedJson.child(path, "acceptRisk")),
                    stringList(o.get("organizationalUnitIds"), LocatedJson.child(path, "organizationalUnitIds")),
                    stringList(o.get("regions"), LocatedJson.child(path, "regions")));
        }

        private Map<String, Integer> quotas(JsonNode value) {
            Map<String, Integer> quotas = new LinkedHashMap<>();
            if (value == null) {
                return quotas;
            }
            if (!value.isObject()) {
                problems.add(new Problem("quotas", "must be an object of quota → raised limit, e.g. {\"trustPolicySize\": "
                        + "4096}, got " + kind(value)));
                return quotas;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isInt()) {
                    problems.add(new Problem(LocatedJson.child("quotas", entry.getKey()), "must be a whole number, got "
                            + entry.getValue()));
                } else {
                    quotas.put(entry.getKey(), entry.getValue().asInt());
                }
            }
            return quotas;
        }

        private Map<String, String> acceptRisk(JsonNode value, String path) {
            Map<String, String> accepted = new LinkedHashMap<>();
            if (value == null) {
                return accepted;
            }
            if (!value.isObject()) {
                problems.add(new Problem(path, "must be an object of rule id → reason, e.g. {\"RC108\": \"monorepo "
                        + "deploys from every branch\"}, got " + kind(value)));
                return accepted;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual()) {
                    problems.add(new Problem(LocatedJson.child(path, entry.getKey()), "must be the reason, as text, got "
                            + kind(entry.getValue())));
                } else {
                    accepted.put(entry.getKey(), nfc(entry.getValue().asText()));
                }
            }
            return accepted;
        }

        private List<Subject> subjects(JsonNode value, String path) {
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(new Problem(path, "must be an array of subjects, got " + kind(value)));
                return List.of();
            }
            List<Subject> subjects = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                Subject subject = subject(value.get(i), LocatedJson.element(path, i));
                if (subject != null) {
                    renamed.put(LocatedJson.element(path, subjects.size()), LocatedJson.element(path, i));
                    subjects.add(subject);
                }
            }
            return subjects;
        }

        private Subject subject(JsonNode value, String path) {
            ObjectNode o = object(value, path, SUBJECT_FIELDS, "a subject");
            if (o == null) {
                return null;
            }
            String repository = text(o, path, "repository");
            List<String> kinds = new ArrayList<>();
            SUBJECT_KINDS.forEach(k -> {
                if (o.has(k)) {
                    kinds.add(k);
                }
            });
            if (kinds.size() != 1) {
                problems.add(new Problem(path, "needs exactly one of branch, tag, environment, pullRequest: true, "
                        + "any: true; " + (kinds.isEmpty() ? "found none" : "found " + String.join(", ", kinds))));
                return null;
            }
            String kind = kinds.get(0);
            Subject.Kind k;
            switch (kind) {
                case "branch" -> k = new Subject.Branch(text(o, path, "branch"));
                case "tag" -> k = new Subject.Tag(text(o, path, "tag"));
                case "environment" -> k = new Subject.Environment(text(o, path, "environment"));
                default -> {
                    JsonNode flag = o.get(kind);
                    if (!flag.isBoolean() || !flag.booleanValue()) {
                        problems.add(new Problem(LocatedJson.child(path, kind), "must be true when given, got " + flag));
                        return null;
                    }
                    k = kind.equals("pullRequest") ? new Subject.PullRequest() : new Subject.AnyRun();
                }
            }
            return new Subject(repository, k);
        }

        private Map<String, String> inlinePolicies(JsonNode value, String path) {
            Map<String, String> policies = new LinkedHashMap<>();
            if (value == null) {
                return policies;
            }
            if (!value.isObject()) {
                problems.add(new Problem(path, "must be an object of policy name → policy document, got " + kind(value)));
                return policies;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode doc = entry.getValue();
                if (doc.isObject()) {
                    policies.put(nfc(entry.getKey()), nfc(LocatedJson.text(doc)));
                } else if (doc.isTextual()) {
                    policies.put(nfc(entry.getKey()), nfcText(doc.asText()));
                } else {
                    problems.add(new Problem(LocatedJson.child(path, entry.getKey()),
                            "must be a policy document (a JSON object), got " + kind(doc)));
                }
            }
            return policies;
        }

        /**
         * A policy given as JSON text, in NFC like every other string: parsed, so that a string written
         * with \\u escapes is normalised too (text that is not JSON is kept for the validator to report).
         */
        private static String nfcText(String text) {
            try {
                JsonNode tree = Mapper.MAPPER.readTree(text);
                if (tree != null && tree.isObject()) {
                    return nfc(tree.toString());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // reported by the validator
            }
            return nfc(text);
        }

        private Workflow workflow(JsonNode value) {
            Workflow d = Workflow.defaults();
            if (value == null) {
                return d;
            }
            String path = "workflow";
            ObjectNode o = object(value, path, WORKFLOW_FIELDS, "the workflow settings");
            if (o == null) {
                return d;
            }
            return new Workflow(textOr(o, path, "actionRef", d.actionRef()), text(o, path, "region"),
                    bool(o, path, "sessionTagging", d.sessionTagging()),
                    textOr(o, path, "roleSessionName", d.roleSessionName()),
                    integer(o, path, "durationSeconds", d.durationSeconds()));
        }

        // ------------------------------------------------------------ field helpers

        private ObjectNode object(JsonNode value, String path, Set<String> allowed, String what) {
            if (!value.isObject()) {
                problems.add(new Problem(path, "must be a JSON object (" + what + "), got " + kind(value)));
                return null;
            }
            value.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    problems.add(new Problem(LocatedJson.child(path, name), "unknown field in " + what
                            + "; allowed: " + String.join(", ", allowed)));
                }
            });
            return (ObjectNode) value;
        }

        private String text(ObjectNode o, String path, String field) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                problems.add(new Problem(LocatedJson.child(path, field), "must be a string, got " + kind(v)
                        + (v.isNumber() ? " (write it in quotes: \"" + v.asText() + "\")" : "")));
                return null;
            }
            return nfc(v.asText());
        }

        private String textOr(ObjectNode o, String path, String field, String fallback) {
            return o.hasNonNull(field) ? text(o, path, field) : fallback;
        }

        private boolean bool(ObjectNode o, String path, String field, boolean fallback) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                problems.add(new Problem(LocatedJson.child(path, field), "must be true or false, got " + v));
                return fallback;
            }
            return v.booleanValue();
        }

        private int integer(ObjectNode o, String path, String field, int fallback) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber() || v.bigIntegerValue().abs().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                problems.add(new Problem(LocatedJson.child(path, field), "must be a whole number"
                        + (field.endsWith("Minutes") ? " of minutes" : field.endsWith("Seconds") ? " of seconds" : "")
                        + ", got " + v));
                return fallback;
            }
            return v.intValue();
        }

        private List<String> stringList(JsonNode value, String path) {
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(new Problem(path, "must be an array of strings, got " + kind(value)));
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isTextual()) {
                    problems.add(new Problem(LocatedJson.element(path, i), "must be a string, got " + kind(item)));
                } else {
                    values.add(nfc(item.asText()));
                }
            }
            return values;
        }

        /**
         * Strings are read in Unicode NFC: Terraform stores every string in NFC, so a value in another
         * form would be applied differently from how it was planned.
         */
        private static String nfc(String value) {
            return java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
        }

        private static String kind(JsonNode node) {
            return switch (node.getNodeType()) {
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
