package dev.rolechain.aws;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Rolechain keeps its journal and backups: the user's data folder ($XDG_DATA_HOME or
 * ~/.local/share on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows), or the folder the system
 * property {@value #PROPERTY} names (the class-data training sets it to its temporary folder, so that it writes
 * nothing of the user's).
 */
public final class DataFolder {
    /** A system property that names the data folder instead. */
    public static final String PROPERTY = "rolechain.dataFolder";

    private DataFolder() {
    }

    public static Path get() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
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
