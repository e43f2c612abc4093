package dev.rolechain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code rolechain} with no arguments opens the wizard: the real launcher in its own JVM, headless,
 * shows its first page, styled by the theme without a CSS warning, and exits when asked to.
 */
class LauncherGuiTest {

    @Test
    void theLauncherWithoutArgumentsShowsTheWizardStyledByTheTheme() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-D" + Gui.STARTUP_PROBE + "=true", "dev.rolechain.Launcher"));
        pb.environment().put("HOME", Path.of("target", "test-home").toAbsolutePath().toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the GUI exits after its first page").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("rolechain: first page shown");
        // AtlantaFX's Primer Light paints the root white; JavaFX's own Modena would paint it #f4f4f4
        assertThat(out).contains("rolechain: first page background 0xffffffff");
        assertThat(err).doesNotContain("CssStyleHelper").doesNotContain("Exception");
    }
}
