package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The build's binary form of each theme, and of Rolechain's own stylesheet, is what JavaFX is given, and holds the
 * same rules, with the same selectors and properties, as the CSS parsed (so it is current with the AtlantaFX on the
 * class path and with app.css).
 */
class ThemeTest {
    @Test
    void eachThemeIsGivenInItsBinaryFormWithTheSameRulesAsItsCss() throws Exception {
        for (Theme theme : Theme.values()) {
            String given = theme.stylesheet();
            assertThat(given).as(theme.name()).endsWith("/dev/rolechain/ui/theme/" + theme.binaryName());
            assertSameRules(given, Theme.class.getResource(theme.cssPath()), 500);
        }
    }

    @Test
    void theAppStylesheetIsGivenInItsBinaryFormWithTheSameRulesAsItsCss() throws Exception {
        String given = Theme.appStylesheet();
        assertThat(given).endsWith("/dev/rolechain/ui/app.bss");
        assertSameRules(given, Theme.class.getResource("/dev/rolechain/ui/app.css"), 30);
    }

    @Test
    void theLightAndDarkThemesDiffer() {
        assertThat(Theme.LIGHT.stylesheet()).isNotEqualTo(Theme.DARK.stylesheet());
        assertThat(Theme.LIGHT.other()).isEqualTo(Theme.DARK);
    }

    private static void assertSameRules(String binaryUrl, URL css, int atLeast) throws Exception {
        Stylesheet binary = Stylesheet.loadBinary(new URL(binaryUrl));
        Stylesheet parsed = new CssParser().parse(css);
        assertThat(binary.getRules()).as(binaryUrl).hasSameSizeAs(parsed.getRules()).hasSizeGreaterThan(atLeast);
        for (int i = 0; i < parsed.getRules().size(); i++) {
            Rule a = binary.getRules().get(i);
            Rule b = parsed.getRules().get(i);
            assertThat(a.getSelectors().toString()).as(binaryUrl + " rule " + i).isEqualTo(b.getSelectors().toString());
            // the properties each rule sets (the binary form records values with their converters and arrays
            // resolved, so their printed forms differ though JavaFX reads them alike)
            assertThat(a.getDeclarations()).extracting(d -> d.getProperty()).as(binaryUrl + " rule " + i)
                    .isEqualTo(b.getDeclarations().stream().map(d -> d.getProperty()).toList());
        }
    }
}
