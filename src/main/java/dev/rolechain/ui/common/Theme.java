package dev.rolechain.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import java.util.Objects;
import javafx.application.Application;

/**
 * AtlantaFX's Primer themes as the user-agent stylesheet; the app's CSS only adds classes. The build writes each
 * theme in JavaFX's binary stylesheet form ({@link ThemeCompiler}), which loads about eight times faster than the
 * CSS is parsed; run straight from the sources without that step, the CSS is used.
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet(), "primer-light.bss"),
    DARK(new PrimerDark().getUserAgentStylesheet(), "primer-dark.bss");

    /** Rolechain's own stylesheet, and where the build puts its binary form, on the class path. */
    static final String APP_CSS = "/dev/rolechain/ui/app.css";
    static final String APP_BINARY = "/dev/rolechain/ui/app.bss";
    /** Where the build puts the binary stylesheets, on the class path. */
    static final String BINARY_FOLDER = "/dev/rolechain/ui/theme";

    private final String css;
    private final String binaryName;

    Theme(String css, String binaryName) {
        this.css = css;
        this.binaryName = binaryName;
    }

    /** The stylesheet JavaFX is given: the binary form when the build made it, else AtlantaFX's CSS. */
    public String stylesheet() {
        URL binary = Theme.class.getResource(BINARY_FOLDER + "/" + binaryName);
        return binary != null ? binary.toExternalForm() : css;
    }

    /**
     * Rolechain's own stylesheet, the classes on top of the theme: the binary form when the build made it ({@link
     * ThemeCompiler}), else the CSS. JavaFX would otherwise load its CSS parser on the FX thread for 37 lines.
     */
    public static String appStylesheet() {
        URL binary = Theme.class.getResource(APP_BINARY);
        return (binary != null ? binary : Objects.requireNonNull(Theme.class.getResource(APP_CSS), APP_CSS)).toExternalForm();
    }

    /** AtlantaFX's CSS, as a class-path resource. */
    String cssPath() {
        return css.startsWith("/") ? css : "/" + css;
    }

    String binaryName() {
        return binaryName;
    }

    public void apply() {
        Application.setUserAgentStylesheet(stylesheet());
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
