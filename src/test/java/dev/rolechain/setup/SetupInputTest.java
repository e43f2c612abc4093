package dev.rolechain.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rolechain.Services;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that once passed validation and broke later, or broke with a message that pointed nowhere. */
class SetupInputTest {
    private final SetupLoader loader = new Services().loader();
    @TempDir
    Path temp;

    @Test
    void aLoneSurrogateInAProfileOrATextInlinePolicyIsRefusedWhereItStands() {
        String text = SetupValidationTest.VALID.replace("\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\",",
                "\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\", \"profile\": \"dev\\ud800\",\n"
                        + "  \"inlinePolicies\": {\"p\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
                        + "[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"x\\udc00\\\"}]}\"},");
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).extracting(Problem::path).containsOnly("targets[0].profile", "targets[0].inlinePolicies.p");
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("targets[0].inlinePolicies.p");
            assertThat(p.message()).startsWith("holds a lone surrogate (\\uDC00 at character");
        });
        assertThat(e.problems().get(0).message()).startsWith("holds a lone surrogate (\\uD800 at character 4)");
        assertThat(e.problems().get(0).line()).isEqualTo(5);
    }

    @Test
    void aFileThatIsNotUtf8SaysSo() throws Exception {
        Path file = Files.write(temp.resolve("latin1.json"), "{\"github\": {\"owner\": \"caf\u00e9\"}}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.load(file));
        assertThat(e.problems()).singleElement().extracting(Problem::message)
                .isEqualTo("is not UTF-8 text; a Setup file is JSON in UTF-8 (save it as UTF-8)");
        Cli cli = new Cli();
        assertThat(cli.run("validate", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("is not UTF-8 text").doesNotContain("Input length");
    }

    @Test
    void aProblemAfterAnElementThatCouldNotBeReadNamesTheElementAsTheFileHasIt() {
        String text = SetupValidationTest.VALID.replace("\"targets\": [", "\"targets\": [ \"oops\",")
                .replace("\"accountId\": \"333333333333\"", "\"accountId\": \"3\"")
                .replace("\"subjects\": [ { \"repository\": \"app\", \"branch\": \"main\" } ]",
                        "\"subjects\": [ 7, { \"repository\": \"app\", \"branch\": \"\" } ]");
        SetupException e = catchThrowableOfType(SetupException.class, () -> loader.parse(text, "setup.json"));
        assertThat(e.problems()).extracting(Problem::path).contains("targets[0]", "targets[1].subjects[0]",
                "targets[1].subjects[1].branch", "targets[2].accountId")
                .doesNotContain("targets[1].accountId", "targets[1].subjects[0].branch");
    }

    @Test
    void anInlinePolicyGivenAsTextIsInNfcLikeEveryOtherString() throws Exception {
        String decomposed = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                + "\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"arn:aws:s3:::caf\\\\u0065\\\\u0301/*\\\"}]}";
        String text = SetupValidationTest.VALID.replace("\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\",",
                "\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\", \"inlinePolicies\": {\"p\": \"" + decomposed + "\"},");
        Setup setup = loader.parse(text, "setup.json");
        String policy = setup.targets().get(0).inlinePolicies().get("p");
        assertThat(PolicyJson.parse(policy).statements().get(0).resources()).containsExactly("arn:aws:s3:::caf\u00e9/*");
        var services = new Services();
        var state = services.planner().plan(setup);
        String hcl = services.renderer().terraform(state).stream().map(dev.rolechain.render.Artifact::content)
                .reduce("", String::concat);
        assertThat(hcl).contains("arn:aws:s3:::caf\u00e9/*").doesNotContain("e\u0301");
    }

    @Test
    void aSetupWhosePolicyIsNestedTooDeepIsRefusedWithAMessage() throws Exception {
        String deep = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":" + "[".repeat(1200) + "]".repeat(1200) + "}}}]}";
        Path file = Files.writeString(temp.resolve("deep.json"), SetupValidationTest.VALID.replace(
                "\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\",",
                "\"roleName\": \"deploy\", \"externalId\": \"acme-dev-1\", \"inlinePolicies\": {\"p\": " + deep + "},"));
        Cli cli = new Cli();
        assertThat(cli.run("validate", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("deep.json", "nesting depth").doesNotContain("NullPointerException", "\tat ");
    }

    @Test
    void aPolicyNestedDeeperThanJsonAllowsIsAProblemNotACrash() {
        String deep = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
                + "\"*\",\"Condition\":" + "[".repeat(1500) + "]".repeat(1500) + "}]}";
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyJson.parse(deep));
        assertThat(e.problems()).singleElement().asString().startsWith("not JSON: ").contains("nesting depth");
    }
}
