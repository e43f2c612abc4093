package dev.rolechain.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trusts a security review built to catch lint out (src/test/resources/lint/adversarial): patterns that let strangers
 * in without looking like it, and trusts that look wrong but are not. Each line gives the rules that must fire and
 * those that must not, with the reason.
 */
class AdversarialTrustsTest {
    private static final Path DIR = Path.of("src/test/resources/lint/adversarial");
    private final TrustLint lint = new TrustLint(new PolicyEvaluator());

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            01-jwr-only.json              | RC102       | RC111       | a public reusable workflow can be called from any repository: job_workflow_ref alone pins nothing
            07-custom-jwr.json            | RC102       | RC111       | the same pin written into a custom sub
            61-custom-anyrepo-jwr.json    | RC102       | RC111       | repo:* in a custom sub before the reusable workflow
            60-gh-doc-custom-jwr.json     | -           | RC111,RC102 | GitHub's documented [repo, context, job_workflow_ref] template is matched by that repository's runs
            02-enterprise-only.json       | RC104       | RC102,RC111 | enterprise_id alone: every repository of every organization of the enterprise
            57-enterprise-and-ref.json    | RC104       | RC102,RC111 | enterprise_id and a ref: the same, on that ref
            03-immut-wild-ids.json        | RC104       | RC102,RC111 | wildcard ids reopen name reuse, which the immutable form exists to close
            06-ownerid-anyrepo.json       | RC104       | RC111       | repo:acme@12345/* is every repository of the owner id
            04-owner-prefix.json          | RC102       | RC111       | acme* admits acme-anything, which anyone can register
            11-owner-q.json               | RC102       | RC111       | acm? admits acmx
            05-repo-prefix.json           | RC104       | RC102,RC111 | app* admits the owner's other repositories named app-something
            08-key-case.json              | -           | RC102,RC111 | condition key names are case-insensitive: Repository is repository
            09-null-sub.json              | RC102       | RC111       | Null false on sub only says a sub exists, which every token has
            42-deny-notowner-awskey.json  | RC104       | RC102       | the Deny applies to direct calls (aws:ViaAWSService is false for them) and keeps other owners out
            62-pin-ref.json               | -           | RC108,RC111 | the ref claim pins the branch the sub leaves open
            63-pin-ref-tag.json           | -           | RC108,RC111 | likewise for a tag
            40-getrole-otheracct.json     | RC111       | RC102       | the provider is in another account than the role: STS never signs anyone in
            31-slug.json                  | RC102       | RC111       | an enterprise's own issuer with no sub: every repository of the enterprise
            20-tfc-anyorg.json            | RC120       | RC101,RC102,RC104,RC111 | organization:* on app.terraform.io admits every organization
            21-gitlab-anyns.json          | RC120       | RC101,RC102,RC104,RC111 | project_path:*/infra admits every group's infra project
            22-gitlab-prefix.json         | RC120       | RC101,RC102,RC104,RC111 | project_path:acme* admits acme-anything
            70-eks-anyns.json             | RC120       | RC102,RC111 | system:serviceaccount:*:deployer admits that account name in every namespace
            23-gitlab-nsclaim.json        | RC111       | RC120,RC102 | AWS evaluates only sub and aud for GitLab: namespace_path is never in the request
            """)
    void lintFindsWhatTheTrustReallyAdmits(String file, String expect, String absent, String reason) throws Exception {
        List<Finding> findings = new ArrayList<>();
        String text = Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        for (PolicyInputs.Found f : PolicyInputs.read(file, text)) {
            findings.addAll(lint.lint(f.location(), f.document(), TrustContext.unknown().forRole(f.roleArn(), f.accountId())));
        }
        List<String> ids = findings.stream().map(Finding::ruleId).toList();
        String all = String.join("\n", findings.stream().map(f -> f.ruleId() + " " + f.message()).toList());
        assertThat(ids).as("%s (%s)%n%s", file, reason, all).containsAll(rules(expect));
        assertThat(ids).as("%s (%s)%n%s", file, reason, all).doesNotContainAnyElementsOf(rules(absent));
    }

    private static List<String> rules(String column) {
        return column.strip().equals("-") ? List.of() : Arrays.stream(column.split(",")).map(String::strip).toList();
    }
}
