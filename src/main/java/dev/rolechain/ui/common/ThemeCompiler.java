package dev.rolechain.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.css.Stylesheet;

/**
 * A build step ({@code process-classes}): AtlantaFX's Primer stylesheets, and Rolechain's own, written in JavaFX's
 * binary stylesheet form beside the classes, where {@link Theme} finds them. JavaFX parses a 300 KB theme in about 250 ms on the
 * FX thread before the first page; it reads the binary form in about 30 ms. Needs no JavaFX toolkit.
 */
public final class ThemeCompiler {
    private ThemeCompiler() {
    }

    /** {@code args[0]}: the classes folder. */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        for (Theme theme : Theme.values()) {
            Path target = classes.resolve(Theme.BINARY_FOLDER.substring(1)).resolve(theme.binaryName());
            Files.createDirectories(target.getParent());
            Path css = Files.createTempFile("rolechain-theme", ".css");
            try (InputStream in = Theme.class.getResourceAsStream(theme.cssPath())) {
                if (in == null) {
                    throw new IOException("AtlantaFX's stylesheet " + theme.cssPath() + " is not on the class path");
                }
                Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
                Stylesheet.convertToBinary(css.toFile(), target.toFile());
            } finally {
                Files.deleteIfExists(css);
            }
        }
        Path app = classes.resolve(Theme.APP_CSS.substring(1));
        Stylesheet.convertToBinary(app.toFile(), classes.resolve(Theme.APP_BINARY.substring(1)).toFile());
    }
}
