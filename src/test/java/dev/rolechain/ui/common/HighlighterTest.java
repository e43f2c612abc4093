package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    @Test
    void jsonKeysStringsAndLiteralsGetTheirClasses() {
        String json = "{\"Effect\": \"Allow\", \"n\": 12, \"b\": true}";
        assertThat(tokens(json, Highlighter.Language.JSON)).contains("tok-key \"Effect\"", "tok-string \"Allow\"",
                "tok-number 12", "tok-keyword true");
    }

    @Test
    void terraformKeywordsAttributesAndCommentsGetTheirClasses() {
        String hcl = "# the role\nresource \"aws_iam_role\" \"x\" {\n  name = \"deploy\"\n}\n";
        assertThat(tokens(hcl, Highlighter.Language.HCL)).contains("tok-comment # the role", "tok-keyword resource",
                "tok-string \"aws_iam_role\"", "tok-key   name", "tok-string \"deploy\"");
    }

    @Test
    void yamlKeysAndGitHubExpressionsGetTheirClasses() {
        String yaml = "jobs:\n  deploy:\n    if: ${{ github.ref == 'refs/heads/main' }}\n";
        assertThat(tokens(yaml, Highlighter.Language.YAML)).contains("tok-key jobs", "tok-key   deploy",
                "tok-keyword ${{ github.ref == 'refs/heads/main' }}");
    }

    @Test
    void theSpansCoverTheWholeTextWhateverItHolds() {
        for (String text : List.of("", "plain", "{\"unterminated", "a: 'b\n#c")) {
            for (Highlighter.Language language : Highlighter.Language.values()) {
                assertThat(Highlighter.spans(text, language).length()).as("%s %s", language, text).isEqualTo(text.length());
            }
        }
    }

    private static List<String> tokens(String text, Highlighter.Language language) {
        StyleSpans<Collection<String>> spans = Highlighter.spans(text, language);
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(String.join(" ", span.getStyle()) + " " + text.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return out;
    }
}
