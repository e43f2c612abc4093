package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The build's binary form of each theme is what JavaFX is given, and holds the same rules, with the same selectors
 * and properties, as AtlantaFX's CSS parsed (so it is current with the AtlantaFX on the class path).
 */
class ThemeTest {
    @Test
    void eachThemeIsGivenInItsBinaryFormWithTheSameRulesAsItsCss() throws Exception {
        for (Theme theme : Theme.values()) {
            String given = theme.stylesheet();
            assertThat(given).as(theme.name()).endsWith("/dev/rolechain/ui/theme/" + theme.binaryName());
            Stylesheet binary = Stylesheet.loadBinary(new URL(given));
            Stylesheet parsed = new CssParser().parse(Theme.class.getResource(theme.cssPath()));
            assertThat(binary.getRules()).hasSameSizeAs(parsed.getRules()).hasSizeGreaterThan(500);
            for (int i = 0; i < parsed.getRules().size(); i++) {
                Rule a = binary.getRules().get(i);
                Rule b = parsed.getRules().get(i);
                assertThat(a.getSelectors().toString()).as(theme + " rule " + i).isEqualTo(b.getSelectors().toString());
                // the properties each rule sets (the binary form records values with their converters and arrays
                // resolved, so their printed forms differ though JavaFX reads them alike)
                assertThat(a.getDeclarations()).extracting(d -> d.getProperty()).as(theme + " rule " + i)
                        .isEqualTo(b.getDeclarations().stream().map(d -> d.getProperty()).toList());
            }
        }
    }

    @Test
    void theLightAndDarkThemesDiffer() {
        assertThat(Theme.LIGHT.stylesheet()).isNotEqualTo(Theme.DARK.stylesheet());
        assertThat(Theme.LIGHT.other()).isEqualTo(Theme.DARK);
    }
}
