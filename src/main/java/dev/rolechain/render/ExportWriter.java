package dev.rolechain.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes artifacts into a folder. A folder that already holds files is written only when forced,
 * and each file is written to a temporary file beside it and moved into place, so a reader never
 * sees half a file.
 */
public final class ExportWriter {

    /** The folder is not empty and writing was not forced. */
    public static final class NotEmptyException extends IOException {
        public NotEmptyException(Path folder) {
            super("the output folder " + folder + " is not empty; choose an empty folder or pass --force to overwrite");
        }
    }

    public List<Path> write(List<Artifact> artifacts, Path folder, boolean force) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("the output path " + folder + " is a file, not a folder");
        }
        if (!force && Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new NotEmptyException(folder);
                }
            }
        }
        for (Artifact artifact : artifacts) {
            Path target = resolve(folder, artifact.path());
            if (Files.isDirectory(target)) {
                throw new IOException("cannot write " + target + ": a folder of that name exists");
            }
        }
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            Path target = resolve(folder, artifact.path());
            writeAtomically(target, artifact.content());
            written.add(target);
        }
        return written;
    }

    /**
     * Writes {@code text} to a temporary file beside {@code target} and moves it into place, so a
     * reader sees the old file or the new one, never half of one.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path resolve(Path folder, String relative) throws IOException {
        Path target = folder.resolve(relative).normalize();
        if (!target.startsWith(folder.normalize())) {
            throw new IOException("refusing to write outside the output folder: " + relative);
        }
        return target;
    }
}
