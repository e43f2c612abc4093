package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every string of the CloudFormation template is a YAML double-quoted scalar that reads back as exactly the text:
 * characters YAML does not allow raw in a stream (DEL, the C1 controls) or reads as line breaks (NEL, U+2028,
 * U+2029) are escaped, as an inline policy may hold any of them.
 */
class CloudFormationQuoteTest {
    @Test
    void awkwardCharactersAreEscapedAndReadBackExactly() {
        String text = "a\u007fb\u0080c\u0085d\u0091e\u009ff\u2028g\u2029h\"i\\j\nk\tl\u0001m ünïcödé \uD83D\uDE00 ${x} #";
        String quoted = CloudFormationTemplate.quote(text);
        assertThat(quoted.chars()).noneMatch(c -> (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c < 0x20);
        Map<String, Object> doc = new Yaml(new LoaderOptions()).load("value: " + quoted + "\n");
        assertThat(doc.get("value")).isEqualTo(text);
    }

    @Test
    void plainTextIsQuotedAsJsonQuotesIt() {
        assertThat(CloudFormationTemplate.quote("arn:aws:iam::*:role/deploy")).isEqualTo("\"arn:aws:iam::*:role/deploy\"");
    }
}
