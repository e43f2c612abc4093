package dev.rolechain.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the policy documents one file holds, whatever the file is that people have at hand: a policy document, a
 * statement or an array of them, {@code aws iam get-role} / {@code list-roles} /
 * {@code get-account-authorization-details} output, a CloudFormation template (JSON or YAML, short and long
 * intrinsic forms) or {@code terraform show -json} output of a plan or of state. What the file is is told from its
 * content, not its name. A file that holds no role or policy (a template without IAM resources) gives an empty list.
 */
public final class PolicyInputs {
    /** What every refusal says the reader takes. */
    static final String EXPECTED = "expected an IAM policy document, a statement, aws iam get-role or "
            + "get-account-authorization-details output, a CloudFormation template or terraform show -json output";
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern TERRAFORM_SOURCE = Pattern.compile(
            "(?m)^[ \\t]*(resource|data|module|provider|terraform|variable|locals|output)[ \\t]+(\"[^\"\\n]*\"[ \\t]*)*\\{");

    private PolicyInputs() {
    }

    /** Whether a document is a role's trust, an identity policy, or a bare document the caller's --type decides. */
    public enum Kind { TRUST, IDENTITY, UNKNOWN }

    /**
     * One policy document found in a file. {@code location} is the file, the line where there is one and what holds
     * the document, e.g. {@code template.yaml:14 (Resources.DeployRole.AssumeRolePolicyDocument)}. The role's name,
     * ARN and account are null where the file does not say them. {@code placeholders} lists what stands in the
     * document for values the file does not fix: {@code Param=default} for a parameter's default, {@code {{Param}}},
     * {@code {{AWS::AccountId}}}, {@code {{Fn::GetAtt X.Arn}}} or {@code {{unknown}}} (terraform: known after apply).
     */
    public record Found(String location, int line, String roleName, String roleArn, String accountId,
            Kind kind, PolicyDocument document, List<String> placeholders) {
        public Found {
            placeholders = List.copyOf(placeholders);
        }
    }

    /** A file that cannot be read as any input Rolechain takes; the message names the file, the line and what is expected. */
    public static final class InputException extends Exception {
        private final String file;
        private final int line;
        private final int column;
        private final String detail;

        public InputException(String file, int line, int column, String detail) {
            super(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + detail);
            this.file = file;
            this.line = line;
            this.column = column;
            this.detail = detail;
        }

        public InputException(String file, int line, String detail) {
            this(file, line, 0, detail);
        }

        public String file() {
            return file;
        }

        /** The line (from 1) where the file went wrong. */
        public int line() {
            return line;
        }

        /** The column (from 1) where one is useful, else 0. */
        public int column() {
            return column;
        }

        /** What is wrong, without the file and line. */
        public String detail() {
            return detail;
        }
    }

    /** The policy documents {@code text}, the content of {@code file}, holds. */
    public static List<Found> read(String file, String text) throws InputException {
        String content = PolicyJson.decode(text.startsWith("\uFEFF") ? text.substring(1) : text);
        String lower = file.toLowerCase(Locale.ROOT);
        Matcher terraform = TERRAFORM_SOURCE.matcher(content);
        if (lower.endsWith(".tf") || lower.endsWith(".tf.json") || lower.endsWith(".hcl") || lower.endsWith(".tfvars")
                || (!startsLikeJson(content) && terraform.find())) {
            int line = terraform.find(0) ? lineOf(content, terraform.start(1)) : 1;
            throw new InputException(file, line, "Terraform source is not read directly: run `terraform plan -out=plan "
                    + "&& terraform show -json plan > plan.json` (or `terraform show -json` for state) and lint plan.json");
        }
        if (content.isBlank()) {
            throw new InputException(file, 1, "empty: " + EXPECTED);
        }
        LocatedTree tree = startsLikeJson(content) ? json(file, content) : yaml(file, content);
        JsonNode root = tree.root();
        int line = tree.line(root, 1);
        if (root.isArray()) {
            for (JsonNode item : root) {
                if (!item.isObject() || !item.has("Effect")) {
                    throw new InputException(file, tree.line(item, line), "an array, but not of statements (objects "
                            + "with Effect): " + EXPECTED);
                }
            }
            return List.of(bare(file, line, wrap(root)));
        }
        if (!root.isObject()) {
            int first = lineOf(content, content.length() - content.stripLeading().length());
            throw new InputException(file, first, "not JSON: " + EXPECTED);
        }
        if (root.has("Statement")) {
            return List.of(bare(file, line, root));
        }
        if (root.has("Effect")) {
            return List.of(bare(file, line, wrap(JsonNodeFactory.instance.arrayNode().add(root))));
        }
        if (root.get("Role") instanceof ObjectNode role) {
            return List.of(role(file, tree, role, "Role"));
        }
        if (root.get("Roles") != null && root.get("Roles").isArray()) {
            List<Found> found = new ArrayList<>();
            for (int i = 0; i < root.get("Roles").size(); i++) {
                JsonNode role = root.get("Roles").get(i);
                if (!role.isObject()) {
                    throw new InputException(file, tree.line(root, "Roles", line), "Roles[" + i + "] is not an object "
                            + "(aws iam list-roles lists roles as objects)");
                }
                found.add(role(file, tree, (ObjectNode) role, "Roles[" + i + "]"));
            }
            return found;
        }
        if (root.has("RoleDetailList") || root.has("UserDetailList") || root.has("GroupDetailList")) {
            return authorizationDetails(file, content);
        }
        if (root.get("Resources") instanceof ObjectNode || root.has("AWSTemplateFormatVersion")) {
            return new CloudFormation(file, tree).read();
        }
        if (root.has("format_version") && (root.has("planned_values") || root.has("values") || root.has("terraform_version"))) {
            return new TerraformShow(file, tree).read();
        }
        throw new InputException(file, line, "an object without Statement, Effect, Role, RoleDetailList, Resources or "
                + "format_version: " + EXPECTED);
    }

    private static boolean startsLikeJson(String text) {
        String stripped = text.stripLeading();
        return stripped.startsWith("{") || stripped.startsWith("[");
    }

    private static LocatedTree json(String file, String text) throws InputException {
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            LocatedTree tree = LocatedTree.json(parser);
            if (parser.nextToken() != null) {
                throw new InputException(file, parser.currentTokenLocation().getLineNr(),
                        parser.currentTokenLocation().getColumnNr(), "more after the end of the JSON value: " + EXPECTED);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    /** Jackson's message in plain words, at its line and column. */
    static InputException notJson(String file, JsonProcessingException e) {
        String reason = e.getOriginalMessage().lines().findFirst().orElse("")
                .replaceAll("\\('(.+?)' \\(code \\d+\\)\\)", "'$1'")
                .replaceAll(" ?\\(code \\d+\\)", "")
                .replaceAll(" \\(JSON String, Number, Array, Object or token [^)]*\\)", "")
                .replaceAll(" \\(start marker at \\[.*?\\]\\)", "")
                .replace("Unexpected", "unexpected");
        int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
        return new InputException(file, line, column, "not JSON (" + reason + "): " + EXPECTED);
    }

    private static LocatedTree yaml(String file, String text) throws InputException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Node node;
        try {
            node = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            int column = e.getProblemMark() == null ? 0 : e.getProblemMark().getColumn() + 1;
            throw new InputException(file, line, column, "neither JSON nor YAML (" + e.getProblem() + "): " + EXPECTED);
        } catch (YAMLException e) {
            throw new InputException(file, 1, "neither JSON nor YAML (" + e.getMessage() + "): " + EXPECTED);
        }
        if (node == null) {
            throw new InputException(file, 1, "empty: " + EXPECTED);
        }
        return LocatedTree.yaml(node);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static ObjectNode wrap(JsonNode statements) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("Version", PolicyDocument.VERSION);
        document.set("Statement", statements);
        return document;
    }

    private static Found bare(String file, int line, JsonNode document) throws InputException {
        return new Found(file + ":" + line, line, null, null, null, Kind.UNKNOWN,
                document(file, document, line, "the policy document"), List.of());
    }

    /** One role of get-role or list-roles output: its trust. */
    private static Found role(String file, LocatedTree tree, ObjectNode role, String where) throws InputException {
        int line = tree.line(role, "AssumeRolePolicyDocument", tree.line(role, 1));
        String name = role.path("RoleName").asText(null);
        String arn = role.path("Arn").asText(null);
        JsonNode trust = role.get("AssumeRolePolicyDocument");
        String who = "role " + (name == null ? where : name);
        if (trust == null || trust.isNull()) {
            throw new InputException(file, line, who + ": " + where + ".AssumeRolePolicyDocument is missing "
                    + "(aws iam get-role output holds the role's trust policy there)");
        }
        return new Found(file + ":" + line + " (" + where + ".AssumeRolePolicyDocument)", line, name, arn,
                arn == null ? null : Principal.accountOf(arn), Kind.TRUST,
                document(file, trust, line, who + " AssumeRolePolicyDocument"), List.of());
    }

    private static List<Found> authorizationDetails(String file, String text) throws InputException {
        AuthorizationDetails.Details details;
        try {
            details = AuthorizationDetails.read(file, new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
        List<Found> found = new ArrayList<>();
        for (AuthorizationDetails.RoleDetail role : details.roles()) {
            found.add(new Found(file + ":" + role.trustLine() + " (" + role.where() + " AssumeRolePolicyDocument)",
                    role.trustLine(), role.name(), role.arn(), role.accountId(), Kind.TRUST, role.trust(), List.of()));
            for (AuthorizationDetails.InlinePolicy policy : role.inlinePolicies()) {
                found.add(new Found(file + ":" + policy.line() + " (" + role.where() + " inline policy " + policy.name()
                        + ")", policy.line(), role.name(), role.arn(), role.accountId(), Kind.IDENTITY, policy.document(),
                        List.of()));
            }
        }
        return found;
    }

    /**
     * A policy document given as a JSON object, or as JSON text (plain or URL-encoded, as the IAM API and Terraform
     * give it); a document that is not valid IAM JSON is refused with PolicyJson's problems, after the file, the line
     * and {@code who} holds it.
     */
    static PolicyDocument document(String file, JsonNode value, int line, String who)
            throws InputException {
        try {
            if (value.isTextual()) {
                return PolicyJson.parse(value.asText());
            }
            return PolicyJson.parse(value);
        } catch (PolicyException e) {
            throw new InputException(file, line, who + ": not a valid IAM policy: " + String.join("; ", e.problems()));
        }
    }
}
