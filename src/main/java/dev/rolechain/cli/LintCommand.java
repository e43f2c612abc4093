package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyInputs;
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
                + "Rolechain's rules (docs/lint-rules.md). Exit 1 when any error-severity finding exists. "
                + "--format sarif writes SARIF 2.1.0 for GitHub code scanning.")
public final class LintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Services services;

    @Option(names = "--setup", paramLabel = "FILE", description = "A Setup file; alone, lint everything it plans.")
    Path setupFile;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policies to lint: a policy document or statement "
            + "(JSON), aws iam get-role, list-roles or get-account-authorization-details output, a CloudFormation template "
            + "(JSON or YAML), or terraform show -json output of a plan or state.")
    Path policy;

    @Option(names = "--type", paramLabel = "trust|identity", description = "What a bare document in --policy is (by "
            + "default: a trust policy when it has a Principal, else an identity policy).")
    String type;

    @Option(names = "--account", paramLabel = "ID", description = "The account of the role whose trust --policy holds, "
            + "where the file does not say (get-role, dump and template output do): principals of that account are not "
            + "cross-account.")
    String account;

    @Option(names = "--workflow", paramLabel = "FILE", description = "A GitHub Actions workflow file, or a composite "
            + "action's action.yml; with --setup or --trust, checked against the trust of the roles it assumes.")
    Path workflowFile;

    @Option(names = "--trust", paramLabel = "[ARN=]FILE", description = "With --workflow: the trust of a role the "
            + "workflow assumes, as it exists: ARN=FILE for a bare trust policy, or FILE alone for aws iam get-role, "
            + "list-roles or get-account-authorization-details output (or a template that names its roles); repeatable.")
    List<String> trusts = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "With --workflow: a profile of ~/.aws/config whose "
            + "account's roles are read live (read-only), so that the workflow is checked against the trusts that exist; "
            + "repeatable, one per account (the tooling account's and each deploy role's).")
    List<String> profiles = new ArrayList<>();

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat(OutputFormat.Format.sarif);

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
                if (type != null && !(type.equals("trust") || type.equals("identity"))) {
                    err.println("rolechain: --type " + type + ": allowed are trust and identity (without --type, a document "
                            + "with a Principal is a trust policy, one without an identity policy)");
                    return RolechainCommand.EXIT_INVALID;
                }
                if (account != null && !account.matches("\\d{12}")) {
                    err.println("rolechain: --account " + account + ": expected the 12-digit id of the role's account");
                    return RolechainCommand.EXIT_INVALID;
                }
                dev.rolechain.setup.GitHub github = null;
                if (setupFile != null) {
                    Optional<DesiredState> planned = SetupOption.plan(services, setupFile, err);
                    if (planned.isEmpty()) {
                        return RolechainCommand.EXIT_INVALID;
                    }
                    github = planned.get().setup().github();
                }
                List<PolicyInputs.Found> found;
                try {
                    found = PolicyInputs.read(policy.toString(), read(policy));
                } catch (PolicyInputs.InputException e) {
                    err.println("rolechain: " + e.getMessage());
                    return RolechainCommand.EXIT_INVALID;
                }
                findings = new java.util.ArrayList<>();
                for (PolicyInputs.Found f : found) {
                    if (!output.json() && !output.sarif() && !f.placeholders().isEmpty()) {
                        out.println("note " + f.location() + ": read with " + String.join(", ", f.placeholders()));
                    }
                    // a file that is one bare document is named alone, as before
                    String location = found.size() == 1 && f.kind() == PolicyInputs.Kind.UNKNOWN ? policy.toString()
                            : f.location();
                    findings.addAll(linter.lintFound(location, f, type == null ? null
                            : Linter.PolicyType.valueOf(type.toUpperCase(Locale.ROOT)), account, github));
                }
                if (found.isEmpty()) {
                    err.println("rolechain: " + policy + ": holds no IAM role or policy document");
                    return RolechainCommand.EXIT_INVALID;
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
                    if (!profiles.isEmpty()) {
                        try {
                            var loaded = services.inspectSources().load(new dev.rolechain.aws.InspectSources.Request(profiles,
                                    List.of(), null, null), (profile, message) -> err.println(profile + ": " + message),
                                    () -> false);
                            for (var account : loaded.accounts()) {
                                for (Role role : account.iam().roles()) {
                                    known.put(dev.rolechain.iam.Arns.role(account.partition(), account.accountId(), role.path(),
                                            role.name()), role);
                                }
                            }
                        } catch (dev.rolechain.aws.TrustReader.ReadException e) {
                            err.println("rolechain: --profile: " + e.getMessage());
                            return 1;
                        }
                    }
                    for (String trust : trusts) {
                        String[] arnAndFile = ROLE_ARN.matcher(trust.split("=", 2)[0]).matches() ? trust.split("=", 2)
                                : new String[] {null, trust};
                        Path file = Path.of(arnAndFile[1]);
                        List<PolicyInputs.Found> found;
                        try {
                            found = PolicyInputs.read(file.toString(), read(file));
                        } catch (PolicyInputs.InputException e) {
                            err.println("rolechain: --trust " + trust + ": " + e.getMessage());
                            return RolechainCommand.EXIT_INVALID;
                        }
                        int before = known.size();
                        for (PolicyInputs.Found f : found) {
                            String arn = arnAndFile[0] != null ? arnAndFile[0] : f.roleArn();
                            if (f.kind() != PolicyInputs.Kind.IDENTITY && arn != null && ROLE_ARN.matcher(arn).matches()) {
                                known.put(arn, role(arn, f.document()));
                            }
                        }
                        if (known.size() == before) {
                            err.println("rolechain: --trust " + trust + ": " + file + " names no role: give ARN=FILE for a "
                                    + "bare trust policy, or get-role, list-roles or get-account-authorization-details output");
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
        String allowed = "lint takes --setup FILE; --policy FILE [--type trust|identity] [--account ID] (with --setup FILE "
                + "for a trust); or --workflow FILE (with --setup FILE, any number of --trust [ARN=]FILE and --profile PROFILE)";
        if (policy != null && workflowFile != null) {
            return "--policy and --workflow cannot be combined: " + allowed;
        }
        if (type != null && policy == null) {
            return "--type says what --policy is, and there is no --policy: " + allowed;
        }
        if (account != null && policy == null) {
            return "--account names the account of the role whose trust --policy holds, and there is no --policy: " + allowed;
        }
        if (policy != null && setupFile != null && "identity".equals(type)) {
            return "--setup with --policy checks a trust policy against the Setup's GitHub side; an identity policy is "
                    + "linted alone: drop --setup, or use --type trust";
        }
        if (!profiles.isEmpty() && workflowFile == null) {
            return "--profile reads the roles a workflow assumes, so it needs --workflow: " + allowed;
        }
        if (!trusts.isEmpty() && workflowFile == null) {
            return "--trust gives the trust of a role a workflow assumes, so it needs --workflow: " + allowed;
        }
        for (String trust : trusts) {
            String[] arnAndFile = trust.split("=", 2);
            if (trust.startsWith("arn:") && (arnAndFile.length != 2 || arnAndFile[1].isEmpty()
                    || !ROLE_ARN.matcher(arnAndFile[0]).matches())) {
                return "--trust \"" + trust + "\": write ARN=FILE, a role ARN (arn:aws:iam::123456789012:role/deploy) "
                        + "and the file of its trust policy, or FILE alone for get-role or dump output, which names the roles";
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
        if (output.sarif()) {
            out.println(new SarifReport(Path.of(""), setupFile).write(findings));
            return;
        }
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
