package dev.rolechain.aws;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Rolechain keeps its journal and backups: the user's data folder ($XDG_DATA_HOME or
 * ~/.local/share on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows).
 */
public final class DataFolder {
    private DataFolder() {
    }

    public static Path get() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getenv("HOME") != null ? System.getenv("HOME") : System.getProperty("user.home");
        if (os.contains("win") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "Rolechain");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Rolechain");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("rolechain");
    }
}
