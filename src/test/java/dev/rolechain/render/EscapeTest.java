package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscapeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                | `"plain"`
            a"b                  | `"a\\"b"`
            back\\slash          | `"back\\\\slash"`
            ${var.x}             | `"$${var.x}"`
            %{ if x }            | `"%%{ if x }"`
            $x and %x            | `"$x and %x"`
            """)
    void hclStringsEscapeQuotesBackslashesAndTemplateMarkers(String value, String expected) {
        assertThat(Escape.hcl(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            main                                  | main
            arn:aws:iam::111111111111:role/x      | arn:aws:iam::111111111111:role/x
            *                                     | `"*"`
            yes                                   | `"yes"`
            On                                    | `"On"`
            v1.0                                  | v1.0
            1.0                                   | `"1.0"`
            a: b                                  | `"a: b"`
            it's                                  | `"it's"`
            #comment                              | `"#comment"`
            key:                                  | `"key:"`
            """)
    void yamlScalarsArePlainOnlyWhenTheyReadBackAsTheSameString(String value, String expected) {
        assertThat(Escape.yaml(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Version                          | Version
            token.actions.githubusercontent.com:sub | `"token.actions.githubusercontent.com:sub"`
            managed-by                       | managed-by
            null                             | `"null"`
            1abc                             | `"1abc"`
            """)
    void hclKeysAreBareOnlyWhenTheyAreIdentifiers(String key, String expected) {
        assertThat(Escape.hclKey(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            refs/heads/main   | `'refs/heads/main'`
            it's              | `'it''s'`
            """)
    void actionsExpressionStringsDoubleSingleQuotes(String value, String expected) {
        assertThat(Escape.actionsString(value)).isEqualTo(expected);
    }
}
