package dev.rolechain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.iam.Evaluation;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
            out.println(toJson(evaluation));
        } else {
            out.println(evaluation.decision().json());
            evaluation.uncertain().forEach(u -> out.println("uncertain: " + u.reason() + " (" + u.id() + ", "
                    + dev.rolechain.iam.Unclear.DECISION + ")"));
            evaluation.explanation().forEach(line -> out.println("  " + line));
        }
        return 0;
    }

    private int runCases(PrintWriter out, PrintWriter err) throws IOException {
        if (!Files.isRegularFile(cases)) {
            err.println("rolechain: --cases " + cases + ": no such file");
            return RolechainCommand.EXIT_INVALID;
        }
        try (BufferedReader reader = Files.newBufferedReader(cases, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.println(toJson(evaluateCase(JSON.readTree(line))));
                } catch (IOException | IllegalArgumentException e) {
                    ObjectNode error = JSON.createObjectNode();
                    error.put("error", "line " + number + ": " + message(e));
                    out.println(error);
                }
            }
        }
        out.flush();
        return 0;
    }

    private Evaluation evaluateCase(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a case is a JSON object");
        }
        String caseAction = requiredText(node, "action");
        String casePrincipal = requiredText(node, "principal");
        PolicyDocument resourcePolicy = node.hasNonNull("policy") ? PolicyJson.parse(node.get("policy")) : null;
        List<PolicyDocument> identity = new ArrayList<>();
        JsonNode ids = node.get("identityPolicies");
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                throw new IllegalArgumentException("identityPolicies must be an array of policy documents");
            }
            ids.forEach(doc -> identity.add(PolicyJson.parse(doc)));
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
        return evaluator.evaluate(resourcePolicy, identity, new Request(casePrincipal, caseAction, caseResource,
                RequestContext.of(ctx)));
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

    static ObjectNode toJson(Evaluation evaluation) {
        ObjectNode node = JSON.createObjectNode();
        node.put("decision", evaluation.decision().json());
        ArrayNode uncertain = node.putArray("uncertain");
        evaluation.uncertain().forEach(u -> uncertain.addObject().put("case", u.id()).put("reason", u.reason()));
        ArrayNode lines = node.putArray("explanation");
        evaluation.explanation().forEach(lines::add);
        return node;
    }
}
