package dev.rolechain.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the packaged app-image that starts on the headless Monocle platform, to its first page and
 * exit, for a machine without a display: Monocle's jar beside the app, on the launcher's class path,
 * with the JavaFX internals it extends opened.
 */
public final class HeadlessImage {
    private HeadlessImage() {
    }

    /** Copies {@code image} (the folder holding bin/ and lib/) to {@code copy}; returns the copy's launcher. */
    public static Path copy(Path image, Path copy) throws IOException {
        copyTree(image, copy);
        Path app = copy.resolve("lib").resolve("app");
        String monocle = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(p -> p.contains("openjfx-monocle")).findFirst()
                .orElseThrow(() -> new IllegalStateException("openjfx-monocle is not on the class path"));
        Files.copy(Path.of(monocle), app.resolve("monocle.jar"));
        Path cfg = app.resolve("rolechain.cfg");
        String text = Files.readString(cfg).replace("[JavaOptions]\n", "[JavaOptions]\n"
                + "java-options=-Dglass.platform=Monocle\njava-options=-Dmonocle.platform=Headless\n"
                + "java-options=-Dprism.order=sw\njava-options=-Drolechain.startupProbe=true\n"
                // Monocle sits on the class path beside the image's JavaFX modules: open the internals it extends
                + "java-options=--add-exports=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED\n"
                + "java-options=--add-opens=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED\n"
                + "java-options=--add-exports=javafx.graphics/com.sun.glass.events=ALL-UNNAMED\n"
                + "java-options=--add-exports=javafx.graphics/com.sun.javafx.util=ALL-UNNAMED\n"
                + "java-options=--add-exports=javafx.graphics/com.sun.javafx.application=ALL-UNNAMED\n"
                + "java-options=--add-exports=javafx.base/com.sun.javafx.logging=ALL-UNNAMED\n")
                .replace("[Application]\n", "[Application]\napp.classpath=$APPDIR/monocle.jar\n");
        Files.writeString(cfg, text);
        return copy.resolve("bin").resolve("rolechain");
    }

    /** Copies a folder tree, keeping each file's attributes (the launcher's execute bit). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
