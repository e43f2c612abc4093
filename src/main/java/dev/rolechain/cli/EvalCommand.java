package dev.rolechain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.iam.Evaluation;
import dev.rolechain.iam.JsonTree;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain eval}: one request, or many from a JSON-lines file, against a policy. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a request against a trust (resource) policy and identity policies with AWS's logic; "
                + "print the decision (allow, implicit-deny, explicit-deny) and why.")
public final class EvalCommand implements Callable<Integer> {

    private final PolicyEvaluator evaluator;

    @Option(names = "--policy", paramLabel = "FILE", description = "The trust or resource policy (JSON).")
    Path policy;

    @Option(names = "--identity-policy", paramLabel = "FILE", description = "An identity policy of the principal; repeatable.")
    List<Path> identityPolicies = new ArrayList<>();

    @Option(names = "--action", paramLabel = "ACTION", description = "For example sts:AssumeRole.")
    String action;

    @Option(names = "--principal", paramLabel = "PRINCIPAL",
            description = "A principal ARN, account id, service (ec2.amazonaws.com) or federated provider ARN.")
    String principal;

    @Option(names = "--resource", paramLabel = "ARN", description = "The resource; for a trust policy, the role's ARN.")
    String resource;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "A context key and value; repeat a key for several values.")
    List<String> context = new ArrayList<>();

    @Option(names = "--cases", paramLabel = "FILE.jsonl",
            description = "Evaluate one request a line: {\"policy\":…,\"identityPolicies\":[…],\"action\":…,"
                    + "\"principal\":…,\"resource\":…,\"context\":{…}}; one result a line.")
    Path cases;

    @Option(names = "--explain", description = "With --cases: write each decision's explanation (without it, an empty "
            + "list; one request is always explained).")
    boolean explain;

    @Option(names = "--threads", paramLabel = "N", hidden = true,
            description = "With --cases: threads that evaluate (default: one a core); the output is the same for any N.")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public EvalCommand(Services services) {
        this.evaluator = services.evaluator();
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (cases != null) {
            return runCases(out, err);
        }
        if (action == null || principal == null || (policy == null && identityPolicies.isEmpty())) {
            err.println("rolechain: eval needs --action, --principal and --policy or --identity-policy (or --cases FILE)");
            return RolechainCommand.EXIT_INVALID;
        }
        PolicyDocument resourcePolicy;
        List<PolicyDocument> identity = new ArrayList<>();
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        try {
            resourcePolicy = policy == null ? null : read(policy);
            for (Path p : identityPolicies) {
                identity.add(read(p));
            }
            for (String kv : context) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--context \"" + kv + "\": write KEY=VALUE");
                }
                ctx.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            err.println("rolechain: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        }
        Evaluation evaluation = evaluator.evaluate(resourcePolicy, identity,
                new Request(principal, action, resource, RequestContext.of(ctx)));
        if (output.json()) {
            out.println(JsonTree.write(toJson(evaluation)));
        } else {
            out.println(evaluation.decision().json());
            evaluation.uncertain().forEach(u -> out.println(Uncertainty.line(u)));
            evaluation.explanation().forEach(line -> out.println("  " + line));
        }
        return 0;
    }

    /** Cases evaluated together: read, then decided on every core, then written in their order. */
    private static final int BATCH = 2048;

    private int runCases(PrintWriter out, PrintWriter err) throws IOException {
        if (!Files.isRegularFile(cases)) {
            err.println("rolechain: --cases " + cases + ": no such file");
            return RolechainCommand.EXIT_INVALID;
        }
        if (threads < 1) {
            err.println("rolechain: --threads " + threads + ": at least 1");
            return RolechainCommand.EXIT_INVALID;
        }
        Map<JsonNode, PolicyDocument> policies = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = threads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(
                threads, r -> {
                    Thread t = new Thread(r, "rolechain-eval");
                    t.setDaemon(true);
                    return t;
                });
        try (BufferedReader reader = Files.newBufferedReader(cases, StandardCharsets.UTF_8)) {
            List<String> lines = new ArrayList<>(BATCH);
            int first = 1;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                lines.add(line);
                if (lines.size() == BATCH) {
                    out.write(evaluateLines(lines, first, policies, pool));
                    first = number + 1;
                    lines.clear();
                }
            }
            out.write(evaluateLines(lines, first, policies, pool));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The result lines of consecutive input lines (the first numbered {@code first}), in their order, evaluated on
     * the pool's threads in slices when there is a pool; the same text either way.
     */
    private String evaluateLines(List<String> lines, int first, Map<JsonNode, PolicyDocument> policies,
            java.util.concurrent.ExecutorService pool) throws IOException {
        String[] results = new String[lines.size()];
        if (pool == null || lines.size() < 64) {
            evaluateSlice(lines, first, 0, lines.size(), results, policies);
        } else {
            int slice = (lines.size() + threads - 1) / threads;
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int from = 0; from < lines.size(); from += slice) {
                int start = from;
                int end = Math.min(lines.size(), from + slice);
                running.add(pool.submit(() -> evaluateSlice(lines, first, start, end, results, policies)));
            }
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        StringBuilder text = new StringBuilder(results.length * 64);
        for (String r : results) {
            if (r != null) {
                text.append(r).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    private void evaluateSlice(List<String> lines, int first, int from, int to, String[] results,
            Map<JsonNode, PolicyDocument> policies) {
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                results[i] = JsonTree.write(toJson(evaluateCase(JsonTree.read(line, false), policies)));
            } catch (IOException | IllegalArgumentException e) {
                ObjectNode error = JsonNodeFactory.instance.objectNode();
                error.put("error", "line " + (first + i) + ": " + message(e));
                results[i] = JsonTree.write(error);
            }
        }
    }

    /** One case; each distinct policy document is parsed once ({@code policies}: JSON → document, shared). */
    private Evaluation evaluateCase(JsonNode node, Map<JsonNode, PolicyDocument> policies) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a case is a JSON object");
        }
        String caseAction = requiredText(node, "action");
        String casePrincipal = requiredText(node, "principal");
        PolicyDocument resourcePolicy = node.hasNonNull("policy") ? parsed(node.get("policy"), policies) : null;
        List<PolicyDocument> identity = new ArrayList<>();
        JsonNode ids = node.get("identityPolicies");
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                throw new IllegalArgumentException("identityPolicies must be an array of policy documents");
            }
            ids.forEach(doc -> identity.add(parsed(doc, policies)));
        }
        if (resourcePolicy == null && identity.isEmpty()) {
            throw new IllegalArgumentException("give \"policy\" or \"identityPolicies\"");
        }
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        JsonNode c = node.get("context");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new IllegalArgumentException("context must be an object of key → value or [values]");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    values.add(e.getValue().asText());
                } else {
                    throw new IllegalArgumentException("context." + e.getKey() + " must be a value or an array of values");
                }
                ctx.put(e.getKey(), values);
            }
        }
        String caseResource = node.hasNonNull("resource") ? node.get("resource").asText() : null;
        Request request = new Request(casePrincipal, caseAction, caseResource, RequestContext.of(ctx));
        // the explanation is written only when it is asked for
        return explain ? evaluator.evaluate(resourcePolicy, identity, request)
                : evaluator.judge(resourcePolicy, identity, request);
    }

    /** A policy document parsed once however many cases hold it; an invalid one fails each time it is met. */
    private static PolicyDocument parsed(JsonNode json, Map<JsonNode, PolicyDocument> policies) {
        PolicyDocument known = policies.get(json);
        if (known != null) {
            return known;
        }
        PolicyDocument document = PolicyJson.parse(json);
        policies.putIfAbsent(json, document);
        return document;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required (a string)");
        }
        return v.asText();
    }

    private static PolicyDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return PolicyJson.parse(text);
        } catch (PolicyException e) {
            throw new IllegalArgumentException(file + ": not a valid IAM policy: " + e.getMessage());
        }
    }

    private static String message(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return "not JSON: " + j.getOriginalMessage();
        }
        return e instanceof PolicyException ? "not a valid IAM policy: " + e.getMessage() : e.getMessage();
    }

    /** The result as JSON; the explanation is an empty list when it was not asked for. */
    static ObjectNode toJson(Evaluation evaluation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("decision", evaluation.decision().json());
        Uncertainty.put(node, evaluation.uncertain());
        ArrayNode lines = node.putArray("explanation");
        evaluation.explanation().forEach(lines::add);
        return node;
    }
}
