package dev.rolechain.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.cli.RolechainCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every validation rule: a valid Setup, one change, and the message that names the field and the rule. */
class SetupValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String VALID = """
            {
              "github": { "owner": "acme" },
              "tooling": { "accountId": "111111111111", "region": "us-east-1", "oidcRoleName": "gha-oidc" },
              "targets": [
                { "name": "dev", "accountId": "222222222222", "roleName": "deploy", "externalId": "acme-dev-1",
                  "subjects": [ { "repository": "app", "branch": "main" } ] },
                { "name": "prod", "accountId": "333333333333", "roleName": "deploy", "externalId": "acme-prod-1",
                  "production": true, "subjects": [ { "repository": "app", "environment": "production" } ] }
              ]
            }
            """;

    private final SetupLoader loader = new Services().loader();

    @Test
    void theBaseSetupIsValid() throws SetupException {
        Setup setup = loader.parse(VALID, "valid.json");
        assertThat(setup.targets()).hasSize(2);
        assertThat(setup.tooling().oidcRoles()).isEqualTo(OidcRoles.PER_TARGET);
        assertThat(setup.github().audience()).isEqualTo("sts.amazonaws.com");
        assertThat(setup.workflow()).isEqualTo(Workflow.defaults());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /github/owner                     | `"-acme"`                         | github.owner                     | not 1–39 letters, digits or single hyphens
            /github/owner                     | `"ac--me"`                        | github.owner                     | single hyphens
            /github/owner                     | `null`                            | github.owner                     | required
            /github/serverHost                | `"https://ghe.example.com"`       | github.serverHost                | host name such as github.example.com
            /github/enterpriseSlug            | `"a b"`                           | github.enterpriseSlug            | enterprise's URL slug
            /github/audience                  | `"sts amazonaws"`                 | github.audience                  | without spaces
            /tooling/accountId                | `"12345"`                         | tooling.accountId                | exactly 12 digits
            /tooling/accountId                | `111111111111`                    | tooling.accountId                | write it in quotes
            /tooling/accountId                | `null`                            | tooling.accountId                | required
            /tooling/region                   | `"us-east"`                       | tooling.region                   | AWS region code
            /tooling/profile                  | `"my profile"`                    | tooling.profile                  | AWS profile name
            /tooling/oidcRoles                | `"one"`                           | tooling.oidcRoles                | "per-target" or "shared"
            /tooling/oidcRoleName             | `"gha oidc"`                      | tooling.oidcRoleName             | IAM role name: 1–64
            /tooling/oidcRoleName             | `"a-very-long-oidc-role-name-that-leaves-no-room-for-targets-x"` | tooling.oidcRoleName | longer than IAM's 64 characters
            /tooling/maxSessionSeconds        | `100`                             | tooling.maxSessionSeconds        | 3600–43200
            /tooling/createProvider           | `"yes"`                           | tooling.createProvider           | must be true or false
            /targets                          | `[]`                              | targets                          | at least one target
            /targets                          | `{}`                              | targets                          | must be an array
            /targets/0/name                   | `"Dev"`                           | targets[0].name                  | lower-case letters, digits and hyphens
            /targets/1/name                   | `"dev"`                           | targets[1].name                  | must be unique
            /targets/0/accountId              | `"2222"`                          | targets[0].accountId             | exactly 12 digits
            /targets/0/roleName               | `"deploy/role"`                   | targets[0].roleName              | IAM role name
            /targets/0/roleName               | `null`                            | targets[0].roleName              | required
            /targets/1/accountId              | `"222222222222"`                  | targets[1].roleName              | unique per account
            /targets/0/externalId             | `"x"`                             | targets[0].externalId            | 2–1224 characters
            /targets/0/externalId             | `"acme dev"`                      | targets[0].externalId            | STS ExternalId rule
            /targets/0/externalId             | `null`                            | targets[0].externalId            | required
            /targets/0/production             | `"yes"`                           | targets[0].production            | must be true or false
            /targets/0/subjects               | `[]`                              | targets[0].subjects              | at least one subject
            /targets/0/subjects/0             | `{"repository": "app"}`           | targets[0].subjects[0]           | found none
            /targets/0/subjects/0             | `{"repository": "app", "branch": "main", "tag": "v1"}` | targets[0].subjects[0] | found branch, tag
            /targets/0/subjects/0             | `{"repository": "app", "pullRequest": false}` | targets[0].subjects[0].pullRequest | must be true
            /targets/0/subjects/0             | `{"repository": "app", "any": "yes"}` | targets[0].subjects[0].any   | must be true
            /targets/0/subjects/0             | `{"branch": "main"}`              | targets[0].subjects[0].repository | required
            /targets/0/subjects/0/repository  | `"my app"`                        | targets[0].subjects[0].repository | repository name of the owner
            /targets/0/subjects/0/repository  | `".."`                            | targets[0].subjects[0].repository | are not repository names
            /targets/0/subjects/0/branch      | `"a..b"`                          | targets[0].subjects[0].branch    | that git allows
            /targets/0/subjects/0/branch      | `"feature branch"`                | targets[0].subjects[0].branch    | no spaces
            /targets/0/subjects/0/branch      | `""`                              | targets[0].subjects[0].branch    | required
            /targets/0/subjects/0/branch      | `"x${{secrets.A}}"`               | targets[0].subjects[0].branch    | GitHub Actions would evaluate
            /targets/1/subjects/0/environment | `"prod-${{ github.actor }}"`      | targets[1].subjects[0].environment | GitHub Actions would evaluate
            /github/audience                  | `"aud${{x}}"`                     | github.audience                  | GitHub Actions would evaluate
            /targets/0/subjects/0/branch      | `"release-€"`                     | targets[0].subjects[0].branch    | U+20AC), which IAM does not allow in a policy document
            /targets/1/subjects/0/environment | `"prod-✓"`                        | targets[1].subjects[0].environment | which IAM does not allow
            /targets/0/inlinePolicies         | `{"p": {"Statement": {"Sid": "Ünïcødé€", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}` | targets[0].inlinePolicies.p | U+20AC
            /targets/0/managedPolicyArns      | `["arn:aws:iam::aws:policy/P1","arn:aws:iam::aws:policy/P2","arn:aws:iam::aws:policy/P3","arn:aws:iam::aws:policy/P4","arn:aws:iam::aws:policy/P5","arn:aws:iam::aws:policy/P6","arn:aws:iam::aws:policy/P7","arn:aws:iam::aws:policy/P8","arn:aws:iam::aws:policy/P9","arn:aws:iam::aws:policy/P10","arn:aws:iam::aws:policy/P11","arn:aws:iam::aws:policy/P12","arn:aws:iam::aws:policy/P13","arn:aws:iam::aws:policy/P14","arn:aws:iam::aws:policy/P15","arn:aws:iam::aws:policy/P16","arn:aws:iam::aws:policy/P17","arn:aws:iam::aws:policy/P18","arn:aws:iam::aws:policy/P19","arn:aws:iam::aws:policy/P20","arn:aws:iam::aws:policy/P21"]` | targets[0].managedPolicyArns | at most 20
            /targets/0/subjects/0/color       | `"red"`                           | targets[0].subjects[0].color     | unknown field in a subject
            /targets/1/subjects/0/environment | `"prod*"`                         | targets[1].subjects[0].environment | not an environment name
            /targets/0/managedPolicyArns      | `["PowerUserAccess"]`             | targets[0].managedPolicyArns[0]  | managed policy ARN
            /targets/0/managedPolicyArns      | `["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]` | targets[0].managedPolicyArns | twice
            /targets/0/inlinePolicies         | `{"p": {"Statement": [{"Effect": "Allow"}]}}` | targets[0].inlinePolicies.p | needs Action or NotAction
            /targets/0/inlinePolicies         | `{"p": {"Version": "2012-10-17", "Statement": {"Effect": "Permit", "Action": "s3:*", "Resource": "*"}}}` | targets[0].inlinePolicies.p | "Allow" or "Deny"
            /targets/0/inlinePolicies         | `{"p": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqualz": {"a": "b"}}}}}` | targets[0].inlinePolicies.p | unknown condition operator
            /targets/0/inlinePolicies         | `{"bad name": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}` | targets[0].inlinePolicies["bad name"] | policy name
            /targets/0/inlinePolicies         | `{"p": 3}`                        | targets[0].inlinePolicies.p      | policy document
            /targets/0/maxSessionSeconds      | `50000`                           | targets[0].maxSessionSeconds     | 3600–43200
            /targets/0/maxSessionSeconds      | `1.5`                             | targets[0].maxSessionSeconds     | whole number
            /targets/0/permissionsBoundaryArn | `"boundary"`                      | targets[0].permissionsBoundaryArn | managed policy ARN
            /workflow                         | `{"durationSeconds": 7200}`       | workflow.durationSeconds         | role chaining limits a session to 3600 seconds
            /workflow                         | `{"durationSeconds": 600}`        | workflow.durationSeconds         | below STS's minimum
            /workflow                         | `{"roleSessionName": "a"}`        | workflow.roleSessionName         | 2–64 letters
            /workflow                         | `{"actionRef": "configure-aws-credentials"}` | workflow.actionRef    | owner/repo@ref
            /workflow                         | `{"region": "mars-1"}`            | workflow.region                  | AWS region code
            /workflow                         | `{"sessionTags": true}`           | workflow.sessionTags             | unknown field in the workflow settings; allowed: actionRef, region, sessionTagging
            /tooling/acountId                 | `"111111111111"`                  | tooling.acountId                 | unknown field in the tooling account; allowed: accountId
            /extra                            | `1`                               | extra                            | unknown field in the Setup
            """)
    void aBadValueIsReportedWithItsPathAndTheRule(String pointer, String json, String path, String message)
            throws Exception {
        String text = mutate(VALID, pointer, json);
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e).as("expected a problem at %s", path).isNotNull();
        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(message == null ? "" : message);
                    assertThat(p.line()).as("line of " + p).isPositive();
                });

        // The same file given to `rolechain export`: exit code 2, the message, nothing written.
        Path file = temp.resolve("setup.json");
        Files.writeString(file, text);
        Path out = temp.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = RolechainCommand.create(new Services());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("export", "--setup", file.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":", path + ": ", "nothing was written");
        assertThat(out).doesNotExist();
    }

    @TempDir
    Path temp;

    @Test
    void aTargetRoleMayNotTakeTheNameOfAnOidcRoleInTheToolingAccount() {
        String text = VALID.replace("\"accountId\": \"222222222222\", \"roleName\": \"deploy\"",
                "\"accountId\": \"111111111111\", \"roleName\": \"gha-oidc-prod\"");
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).extracting(Problem::path, Problem::message)
                .anySatisfy(t -> assertThat(t.toList().toString()).contains("targets[0].roleName", "also the name of an OIDC role"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String text = """
                {
                  "github": { "owner": "-x-" },
                  "tooling": { "accountId": "1", "region": "nowhere" },
                  "targets": [ { "name": "A", "accountId": "2", "roleName": "r", "externalId": "e",
                                 "subjects": [] } ],
                  "workflow": { "durationSeconds": 43200 }
                }
                """;
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).extracting(Problem::path).contains("github.owner", "tooling.accountId",
                "tooling.region", "targets[0].name", "targets[0].accountId", "targets[0].externalId",
                "targets[0].subjects", "workflow.durationSeconds");
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        String text = "{\n  \"github\": { \"owner\": \"acme\" },\n  \"tooling\": { \"accountId\": \"111111111111\" \"region\": \"x\" }\n}\n";
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(30);
        assertThat(p.message()).startsWith("malformed JSON");
        assertThat(e.getMessage()).startsWith("setup.json:3:");
    }

    @Test
    void anUnknownFieldNamesItsLineAndColumnAndTheAllowedFields() {
        String text = "{\n  \"github\": { \"owner\": \"acme\" },\n  \"tooling\": { \"accountId\": \"111111111111\",\n"
                + "    \"regoin\": \"us-east-1\" },\n  \"targets\": []\n}\n";
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.getMessage()).contains("setup.json:4:5: tooling.regoin: unknown field in the tooling account; "
                + "allowed: accountId, region, profile");
    }

    @Test
    void aFieldGivenTwiceIsAProblem() {
        String text = "{ \"github\": { \"owner\": \"a\", \"owner\": \"b\" } }";
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("github.owner");
            assertThat(p.message()).contains("appears twice");
        });
    }

    @Test
    void anEmptyFileAndANonObjectAreRejected() {
        assertThatThrownBy(() -> loader.parse("  ", "e.json")).isInstanceOf(SetupException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> loader.parse("[1]", "a.json")).isInstanceOf(SetupException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> loader.parse("{} {}", "b.json")).isInstanceOf(SetupException.class)
                .hasMessageContaining("unexpected content after the Setup object");
    }

    @Test
    void aSavedSetupReadsBackEqual() throws SetupException {
        Setup setup = loader.parse(VALID, "valid.json");
        Setup again = loader.parse(SetupJson.write(setup), "saved.json");
        assertThat(again).isEqualTo(setup);
    }

    @Test
    void stringsAreReadInUnicodeNfcAsTerraformKeepsThem() throws SetupException {
        String decomposed = "caf\u0065\u0301";
        String text = VALID.replace("\"environment\": \"production\"", "\"environment\": \"" + decomposed + "\"");
        Setup setup = loader.parse(text, "nfc.json");
        Subject.Environment env = (Subject.Environment) setup.targets().get(1).subjects().get(0).kind();
        assertThat(env.name()).isEqualTo("caf\u00e9");
    }

    static String mutate(String base, String pointer, String json) throws Exception {
        JsonNode root = JSON.readTree(base);
        JsonPointer ptr = JsonPointer.compile(pointer);
        JsonNode parent = root.at(ptr.head());
        JsonNode value = JSON.readTree(json);
        String last = ptr.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(ptr.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no parent for " + pointer);
        }
        // Pretty-printed, so every field has its own line and column.
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
