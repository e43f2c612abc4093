package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.iam.PolicyInputs.Found;
import dev.rolechain.iam.PolicyInputs.InputException;
import dev.rolechain.iam.PolicyInputs.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every input people have for {@code rolechain lint}, read into the policy documents it holds, or refused in plain words. */
class PolicyInputsTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = PolicyInputsTest.class.getResourceAsStream("/inputs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Found> read(String name) throws Exception {
        return PolicyInputs.read(name, fixture(name));
    }

    private static Statement first(Found found) {
        return found.document().statements().get(0);
    }

    private static String condition(Statement statement, String key) {
        return statement.conditions().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().values().get(0);
    }

    @Test
    void aPlainDocumentWithABomAndCrlfLineEndsIsOneDocumentTheCallerTypes() throws Exception {
        String text = fixture("policy-bom-crlf.json");
        assertThat(text).startsWith("\uFEFF").contains("\r\n");

        List<Found> found = PolicyInputs.read("policy.json", text);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.UNKNOWN);
            assertThat(f.location()).isEqualTo("policy.json:1");
            assertThat(f.roleName()).isNull();
            assertThat(f.accountId()).isNull();
            assertThat(first(f).principal().byType()).containsEntry("Service", List.of("ec2.amazonaws.com"));
        });
    }

    @Test
    void aBareStatementOrAnArrayOfStatementsIsWrappedIntoADocument() throws Exception {
        String statement = "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, "
                + "\"Action\": \"sts:AssumeRole\"}";

        Found one = PolicyInputs.read("statement.json", statement).get(0);
        Found two = PolicyInputs.read("statements.json", "[" + statement + ",\n " + statement.replace("Allow", "Deny")
                + "]").get(0);

        assertThat(one.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(one.document().version()).isEqualTo("2012-10-17");
        assertThat(one.document().statements()).hasSize(1);
        assertThat(two.document().statements()).extracting(Statement::effect).containsExactly(Effect.ALLOW, Effect.DENY);
    }

    @Test
    void getRoleOutputIsTheRolesTrustWithItsNameArnAndAccount() throws Exception {
        assertThat(read("get-role.json")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.TRUST);
            assertThat(f.location()).isEqualTo("get-role.json:8 (Role.AssumeRolePolicyDocument)");
            assertThat(f.line()).isEqualTo(8);
            assertThat(f.roleName()).isEqualTo("gha-deploy");
            assertThat(f.roleArn()).isEqualTo("arn:aws:iam::222222222222:role/gha-deploy");
            assertThat(f.accountId()).isEqualTo("222222222222");
            assertThat(condition(first(f), "token.actions.githubusercontent.com:sub")).isEqualTo("repo:acme/app:environment:prod");
        });
    }

    @Test
    void listRolesOutputIsEveryRolesTrustAndTheApisUrlEncodedFormIsDecoded() throws Exception {
        List<Found> found = read("list-roles.json");

        assertThat(found).extracting(Found::roleName).containsExactly("lambda-basic", "gha-deploy");
        assertThat(found).extracting(Found::kind).containsOnly(Kind.TRUST);
        assertThat(first(found.get(0)).principal().byType()).containsEntry("Service", List.of("lambda.amazonaws.com"));
        assertThat(found.get(1).location()).isEqualTo("list-roles.json:18 (Roles[1].AssumeRolePolicyDocument)");
    }

    @Test
    void authorizationDetailsAreEveryRolesTrustAndInlinePolicies() throws Exception {
        List<Found> found = read("authorization-details.json");

        assertThat(found).extracting(Found::kind).containsExactly(Kind.TRUST, Kind.IDENTITY);
        assertThat(found).extracting(Found::roleArn).containsOnly("arn:aws:iam::222222222222:role/gha-deploy");
        assertThat(found).extracting(Found::accountId).containsOnly("222222222222");
        assertThat(found).extracting(Found::location).containsExactly(
                "authorization-details.json:12 (RoleDetailList[0] (gha-deploy) AssumeRolePolicyDocument)",
                "authorization-details.json:19 (RoleDetailList[0] (gha-deploy) inline policy upload)");
        assertThat(first(found.get(1)).actions()).containsExactly("s3:PutObject");
    }

    @Test
    void aYamlTemplatesSubAndRefTakeAParametersDefaultAndStandAsPlaceholdersWithout() throws Exception {
        List<Found> found = read("template.yaml");

        Found trust = found.get(0);
        assertThat(trust.kind()).isEqualTo(Kind.TRUST);
        assertThat(trust.location()).isEqualTo("template.yaml:19 (Resources.DeployRole.AssumeRolePolicyDocument)");
        assertThat(trust.roleName()).isEqualTo("gha-{{Repository}}-deploy");
        assertThat(trust.roleArn()).isEqualTo("arn:aws:iam::{{AWS::AccountId}}:role/gha-{{Repository}}-deploy");
        assertThat(trust.accountId()).isEqualTo("{{AWS::AccountId}}");
        Statement statement = first(trust);
        assertThat(statement.principal().byType()).containsEntry("Federated",
                List.of("arn:aws:iam::{{AWS::AccountId}}:oidc-provider/token.actions.githubusercontent.com"));
        assertThat(condition(statement, "token.actions.githubusercontent.com:sub"))
                .isEqualTo("repo:acme/{{Repository}}:ref:refs/heads/main");
        assertThat(trust.placeholders()).contains("GitHubOrg=acme", "{{Repository}}", "{{AWS::AccountId}}",
                "AWS::Partition=aws");
        assertThat(trust.document().toJson()).doesNotContain("${");
    }

    @Test
    void aTemplatesInlinePoliciesAndManagedPoliciesAreIdentityAndPolicyVariablesStayVariables() throws Exception {
        List<Found> found = read("template.yaml");

        Found upload = found.get(1);
        assertThat(upload.kind()).isEqualTo(Kind.IDENTITY);
        assertThat(upload.location()).isEqualTo("template.yaml:33 (Resources.DeployRole.Policies[0].PolicyDocument)");
        assertThat(upload.roleName()).isEqualTo("gha-{{Repository}}-deploy");
        assertThat(upload.document().statements()).flatExtracting(Statement::resources).containsExactly(
                "arn:aws:s3:::acme-artifacts/${aws:PrincipalTag/team}/*", "{{Fn::GetAtt DeployLogs.Arn}}");
        assertThat(upload.placeholders()).contains("ArtifactBucket=acme-artifacts", "{{Fn::GetAtt DeployLogs.Arn}}");

        Found managed = found.get(3);
        assertThat(managed.kind()).isEqualTo(Kind.IDENTITY);
        assertThat(managed.location()).isEqualTo("template.yaml:66 (Resources.ReadPolicy.PolicyDocument)");
        assertThat(first(managed).resources()).containsExactly(
                "arn:aws:ssm:{{AWS::Region}}:{{AWS::AccountId}}:parameter/{{Fn::ImportValue shared-config-prefix}}");
    }

    @Test
    void aTemplateRoleTrustingItsOwnAccountNamesTheSameAccountAsTheRole() throws Exception {
        Found breakGlass = read("template.yaml").get(2);

        assertThat(breakGlass.location()).isEqualTo("template.yaml:51 (Resources.BreakGlassRole.AssumeRolePolicyDocument)");
        assertThat(breakGlass.roleName()).as("the template leaves the name to CloudFormation").isNull();
        assertThat(breakGlass.roleArn()).isNull();
        String trusted = first(breakGlass).principal().byType().get("AWS").get(0);
        assertThat(trusted).isEqualTo("arn:aws:iam::" + breakGlass.accountId() + ":root");
        assertThat(condition(first(breakGlass), "aws:MultiFactorAuthPresent")).isEqualTo("true");
    }

    @Test
    void aJsonTemplatesLongFormsResolveLikeTheShortForms() throws Exception {
        assertThat(read("template.json")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.TRUST);
            assertThat(f.location()).isEqualTo("template.json:13 (Resources.TargetDeployRole.AssumeRolePolicyDocument)");
            assertThat(f.roleArn()).isEqualTo("arn:aws:iam::{{AWS::AccountId}}:role/ci/deploy");
            assertThat(first(f).principal().byType()).containsEntry("AWS",
                    List.of("arn:aws:iam::111111111111:role/gha-oidc"));
            assertThat(condition(first(f), "sts:ExternalId")).isEqualTo("{{ExternalId}}");
            assertThat(f.placeholders()).contains("ToolingAccount=111111111111", "{{ExternalId}}");
        });
    }

    @Test
    void everyShortFormIntrinsicIsReadAndNoneBecomesAPolicyVariable() throws Exception {
        String template = """
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Parameters:
                  Stage: {Type: String}
                  Accounts: {Type: CommaDelimitedList, Default: "111111111111,222222222222"}
                Mappings:
                  Org: {Ids: {Root: o-abc123}}
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: !Ref Accounts}
                            Action: sts:AssumeRole
                            Condition:
                              StringEquals:
                                aws:PrincipalOrgID: !FindInMap [Org, Ids, Root]
                                aws:SourceVpc: !Select [0, !Split [",", "vpc-1,vpc-2"]]
                                aws:RequestedRegion: !Select [0, !GetAZs ""]
                                aws:SourceIp: !Cidr [10.0.0.0/16, 1, 8]
                                x:base: !Base64 text
                                x:import: !ImportValue Exported
                                x:cond: !If [IsProd, !Not [!Condition IsProd], !And [a, b]]
                                x:or: !Or [a, b]
                          - !If [IsProd, !Ref AWS::NoValue, {Effect: Deny, Principal: "*", Action: "*"}]
                """;

        Found found = PolicyInputs.read("intrinsics.yaml", template).get(0);

        Statement allow = first(found);
        assertThat(allow.principal().byType().get("AWS")).containsExactly("111111111111", "222222222222");
        assertThat(condition(allow, "aws:PrincipalOrgID")).isEqualTo("o-abc123");
        assertThat(condition(allow, "aws:SourceVpc")).isEqualTo("vpc-1");
        assertThat(condition(allow, "aws:RequestedRegion")).isEqualTo("{{Fn::Select}}");
        assertThat(condition(allow, "aws:SourceIp")).isEqualTo("{{Fn::Cidr}}");
        assertThat(condition(allow, "x:base")).isEqualTo("{{Fn::Base64 text}}");
        assertThat(condition(allow, "x:import")).isEqualTo("{{Fn::ImportValue Exported}}");
        assertThat(condition(allow, "x:cond")).isEqualTo("{{Fn::Not}}");
        assertThat(condition(allow, "x:or")).isEqualTo("{{Fn::Or}}");
        assertThat(found.document().statements()).extracting(Statement::effect)
                .as("Fn::If with AWS::NoValue first takes its second branch").containsExactly(Effect.ALLOW, Effect.DENY);
        assertThat(found.placeholders()).contains("Accounts=111111111111,222222222222", "IsProd=true", "IsProd=false");
        assertThat(found.document().toJson()).doesNotContain("${");
    }

    @Test
    void aTerraformPlanGivesEachRolesTrustAndPoliciesInEveryModuleWithItsAddress() throws Exception {
        List<Found> found = read("plan.json");

        assertThat(found).extracting(Found::location).containsExactly(
                "plan.json (aws_iam_role_policy.deploy)",
                "plan.json (module.ci.aws_iam_role.this[0])",
                "plan.json (module.ci.aws_iam_role.this[0] inline_policy read)");
        assertThat(found).extracting(Found::kind).containsExactly(Kind.IDENTITY, Kind.TRUST, Kind.IDENTITY);
        assertThat(found).extracting(Found::roleName).containsOnly("gha-deploy");
        Found trust = found.get(1);
        assertThat(trust.line()).isEqualTo(34);
        assertThat(trust.roleArn()).as("the ARN is known after apply").isEqualTo("{{unknown}}");
        assertThat(trust.accountId()).isNull();
        assertThat(trust.placeholders()).containsExactly("{{unknown}}");
        assertThat(condition(first(trust), "token.actions.githubusercontent.com:sub")).isEqualTo("repo:acme/app:ref:refs/heads/main");
    }

    @Test
    void aTerraformTrustKnownOnlyAfterApplyIsRefusedWithItsAddress() {
        assertThatThrownBy(() -> read("plan-unknown-trust.json"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("plan-unknown-trust.json:")
                .hasMessageContaining("aws_iam_role.chained: assume_role_policy is known only after apply");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            main.tf          | variable "x" {}
            roles.txt        | # IAM\\nresource "aws_iam_role" "deploy" {\\n  name = "deploy"\\n}
            """)
    void terraformSourceIsRefusedWithHowToMakeAPlan(String file, String text) {
        assertThatThrownBy(() -> PolicyInputs.read(file, text.replace("\\n", "\n")))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":" + (file.equals("roles.txt") ? 2 : 1) + ": Terraform source is not read "
                        + "directly: run `terraform plan -out=plan && terraform show -json plan > plan.json`");
    }

    @Test
    void textThatIsNeitherJsonNorATemplateIsRefusedWithTheFileLineAndWhatIsExpected() {
        assertThatThrownBy(() -> PolicyInputs.read("template.yaml", "\n\n-Effect Allow\n"))
                .isInstanceOf(InputException.class)
                .hasMessage("template.yaml:3: not JSON: " + PolicyInputs.EXPECTED)
                .satisfies(e -> {
                    assertThat(((InputException) e).file()).isEqualTo("template.yaml");
                    assertThat(((InputException) e).line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> PolicyInputs.read("broken.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}"))
                .hasMessage("broken.json:3:17: not JSON (unexpected character ',': expected a valid value): "
                        + PolicyInputs.EXPECTED);
        assertThatThrownBy(() -> PolicyInputs.read("cut.json", "{\"Statement\": [\n"))
                .hasMessage("cut.json:2:1: not JSON (unexpected end-of-input: expected close marker for Array): "
                        + PolicyInputs.EXPECTED);
        assertThatThrownBy(() -> PolicyInputs.read("workflow.yml", "on: push\njobs:\n  a: {runs-on: x}\n"))
                .hasMessage("workflow.yml:1: an object without Statement, Effect, Role, RoleDetailList, Resources or "
                        + "format_version: " + PolicyInputs.EXPECTED);
        assertThatThrownBy(() -> PolicyInputs.read("bad.yaml", "Resources:\n  a: [\n"))
                .hasMessageStartingWith("bad.yaml:3:1: neither JSON nor YAML (");
        assertThatThrownBy(() -> PolicyInputs.read("empty.json", "\uFEFF \n"))
                .hasMessage("empty.json:1: empty: " + PolicyInputs.EXPECTED);
        assertThatThrownBy(() -> PolicyInputs.read("numbers.json", "[1, 2]"))
                .hasMessageStartingWith("numbers.json:1: an array, but not of statements");
    }

    @Test
    void aDocumentThatIsNotAValidPolicyKeepsPolicyJsonsMessageAfterTheFileLineAndRole() {
        String template = """
                Resources:
                  Deploy:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: deploy
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Maybe
                            Action: sts:AssumeRole
                """;

        assertThatThrownBy(() -> PolicyInputs.read("template.yaml", template))
                .isInstanceOf(InputException.class)
                .hasMessage("template.yaml:6: role deploy (Resources.Deploy.AssumeRolePolicyDocument): not a valid IAM "
                        + "policy: $.Statement[0].Effect: must be \"Allow\" or \"Deny\", got \"Maybe\"");
        assertThatThrownBy(() -> PolicyInputs.read("policy.json", "{\"Statement\": []}"))
                .hasMessage("policy.json:1: the policy document: not a valid IAM policy: "
                        + "$.Statement: must hold at least one statement");
    }
}
