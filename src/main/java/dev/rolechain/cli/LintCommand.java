package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Linter;
import dev.rolechain.lint.Severity;
import dev.rolechain.plan.DesiredState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain lint}: the rules over a Setup, one policy, or a workflow file. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check a Setup's planned IAM and workflow, a single policy, or an existing workflow file against "
                + "Rolechain's rules (docs/lint-rules.md). Exit 1 when any error-severity finding exists.")
public final class LintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Services services;

    @Option(names = "--setup", paramLabel = "FILE", description = "A Setup file; alone, lint everything it plans.")
    Path setupFile;

    @Option(names = "--policy", paramLabel = "FILE", description = "A single policy document (JSON).")
    Path policy;

    @Option(names = "--type", paramLabel = "trust|identity", description = "What --policy is.")
    String type;

    @Option(names = "--workflow", paramLabel = "FILE", description = "A GitHub Actions workflow file, or a composite "
            + "action's action.yml; with --setup or --trust, checked against the trust of the roles it assumes.")
    Path workflowFile;

    @Option(names = "--trust", paramLabel = "ARN=FILE", description = "With --workflow: the trust policy (JSON) of the "
            + "role with that ARN, as it exists; repeatable.")
    List<String> trusts = new ArrayList<>();

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public LintCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Linter linter = services.linter();
        List<Finding> findings;
        String refusal = refusal();
        if (refusal != null) {
            err.println("rolechain: " + refusal);
            return RolechainCommand.EXIT_INVALID;
        }
        try {
            if (policy != null) {
                if (type == null || !(type.equals("trust") || type.equals("identity"))) {
                    err.println("rolechain: --policy needs --type trust or --type identity");
                    return RolechainCommand.EXIT_INVALID;
                }
                PolicyDocument document = PolicyJson.parse(read(policy));
                if (setupFile != null && type.equals("trust")) {
                    Optional<DesiredState> planned = SetupOption.plan(services, setupFile, err);
                    if (planned.isEmpty()) {
                        return RolechainCommand.EXIT_INVALID;
                    }
                    findings = linter.lintTrust(policy.toString(), document, planned.get().setup().github());
                } else {
                    findings = linter.lintPolicy(policy.toString(), document,
                            Linter.PolicyType.valueOf(type.toUpperCase(Locale.ROOT)));
                }
            } else if (setupFile != null || workflowFile != null) {
                DesiredState state = null;
                if (setupFile != null) {
                    Optional<DesiredState> planned = SetupOption.plan(services, setupFile, err);
                    if (planned.isEmpty()) {
                        return RolechainCommand.EXIT_INVALID;
                    }
                    state = planned.get();
                }
                if (workflowFile != null) {
                    Map<String, Role> known = new LinkedHashMap<>();
                    for (String trust : trusts) {
                        String[] arnAndFile = trust.split("=", 2);
                        Path file = Path.of(arnAndFile[1]);
                        try {
                            known.put(arnAndFile[0], role(arnAndFile[0], PolicyJson.parse(read(file))));
                        } catch (PolicyException e) {
                            err.println("rolechain: --trust " + trust + ": " + file + " is not a valid IAM policy: "
                                    + e.getMessage());
                            return RolechainCommand.EXIT_INVALID;
                        }
                    }
                    findings = linter.lintWorkflow(workflowFile.toString(), new WorkflowParser().parse(read(workflowFile)),
                            state, known);
                } else {
                    findings = linter.lintSetup(state, services.renderer().workflow(state));
                }
            } else {
                err.println("rolechain: lint needs --setup FILE, --policy FILE --type trust|identity, or --workflow FILE "
                        + "[--trust ARN=FILE]");
                return RolechainCommand.EXIT_INVALID;
            }
        } catch (PolicyException e) {
            err.println("rolechain: " + policy + ": not a valid IAM policy: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        } catch (WorkflowParser.WorkflowException e) {
            err.println("rolechain: " + workflowFile + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        } catch (IOException e) {
            err.println("rolechain: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        }
        print(findings, out);
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? 1 : 0;
    }

    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::\\d{12}:role(/.*/|/)([^/]+)");

    /** What is wrong with the combination of options given (null: nothing): no option is ever ignored. */
    private String refusal() {
        String allowed = "lint takes --setup FILE; --policy FILE --type trust|identity (with --setup FILE for a trust); "
                + "or --workflow FILE (with --setup FILE and any number of --trust ARN=FILE)";
        if (policy != null && workflowFile != null) {
            return "--policy and --workflow cannot be combined: " + allowed;
        }
        if (type != null && policy == null) {
            return "--type says what --policy is, and there is no --policy: " + allowed;
        }
        if (policy != null && setupFile != null && "identity".equals(type)) {
            return "--setup with --policy checks a trust policy against the Setup's GitHub side; an identity policy is "
                    + "linted alone: drop --setup, or use --type trust";
        }
        if (!trusts.isEmpty() && workflowFile == null) {
            return "--trust gives the trust of a role a workflow assumes, so it needs --workflow: " + allowed;
        }
        for (String trust : trusts) {
            String[] arnAndFile = trust.split("=", 2);
            if (arnAndFile.length != 2 || arnAndFile[1].isEmpty() || !ROLE_ARN.matcher(arnAndFile[0]).matches()) {
                return "--trust \"" + trust + "\": write ARN=FILE, a role ARN (arn:aws:iam::123456789012:role/deploy) "
                        + "and the file of its trust policy";
            }
        }
        return null;
    }

    /** A role known only by its ARN and trust policy (from --trust). */
    private static Role role(String arn, PolicyDocument trust) {
        Matcher m = ROLE_ARN.matcher(arn);
        m.matches();
        return new Role(m.group(2), m.group(1), null, trust, Map.of(), List.of(), 3600, null, Map.of());
    }

    private void print(List<Finding> findings, PrintWriter out) {
        if (output.json()) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("findings");
            for (Finding f : findings) {
                array.addObject().put("rule", f.ruleId()).put("severity", f.severity().json()).put("location", f.location())
                        .put("message", f.message()).put("fix", f.fix());
            }
            out.println(root);
            return;
        }
        for (Finding f : findings) {
            out.println(f.severity().json() + " " + f.rule() + " " + f.location() + ": " + f.message());
            out.println("    fix: " + f.fix());
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.println(errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + ", " + (findings.size() - errors - warnings) + " info");
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
