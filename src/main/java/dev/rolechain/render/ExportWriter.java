package dev.rolechain.render;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an export into a folder, all or nothing: every file is first written to a staging folder (so
 * a file that cannot be encoded or written stops the export before the folder changes), then moved into
 * place. The folder keeps a manifest of the files it holds ({@value #MANIFEST}); with {@code force} an
 * export replaces exactly the files of the previous one (files it no longer has are removed, files that
 * are not the export's are left alone). It never writes through a link that leads out of the folder.
 */
public final class ExportWriter {
    /** The list of files a previous export wrote, one relative path a line. */
    public static final String MANIFEST = ".rolechain-export";

    /** The folder is not empty and writing was not forced. */
    public static final class NotEmptyException extends IOException {
        public NotEmptyException(Path folder) {
            super("the output folder " + folder + " is not empty; choose an empty folder or pass --force to replace "
                    + "the files of a previous export");
        }
    }

    public List<Path> write(List<Artifact> artifacts, Path folder, boolean force) throws IOException {
        Path out = folder.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("the output path " + folder + " is a file, not a folder");
        }
        Set<String> previous = new LinkedHashSet<>();
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (!force && entries.findAny().isPresent()) {
                    throw new NotEmptyException(folder);
                }
            }
            Path manifest = out.resolve(MANIFEST);
            if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                previous.addAll(Files.readAllLines(manifest, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
            }
        }
        List<Path> targets = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            targets.add(resolve(out, artifact.path()));
        }
        boolean created = !Files.exists(out);
        Files.createDirectories(out);
        try {
            return write(artifacts, out, targets, previous);
        } catch (IOException | RuntimeException e) {
            if (created) {
                try (Stream<Path> left = Files.list(out)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(out);
                    }
                }
            }
            throw e;
        }
    }

    private List<Path> write(List<Artifact> artifacts, Path out, List<Path> targets, Set<String> previous)
            throws IOException {
        for (Path target : targets) {
            checkInside(out, target);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot write " + target + ": a folder of that name exists");
            }
        }
        Path staging = staging(out);
        try {
            for (Artifact artifact : artifacts) {
                Path file = staging.resolve(artifact.path());
                Files.createDirectories(file.getParent());
                Files.write(file, encode(artifact));
            }
            StringBuilder manifest = new StringBuilder("# Files written by rolechain export; --force replaces exactly these.\n");
            artifacts.forEach(a -> manifest.append(a.path()).append('\n'));
            Files.writeString(staging.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
            // everything is written: now into place
            for (int i = 0; i < artifacts.size(); i++) {
                Path target = targets.get(i);
                Files.createDirectories(target.getParent());
                checkInside(out, target);
                move(staging.resolve(artifacts.get(i).path()), target);
            }
            Set<String> now = new LinkedHashSet<>(artifacts.stream().map(Artifact::path).toList());
            for (String old : previous) {
                if (!now.contains(old)) {
                    Path stale = resolve(out, old);
                    checkInside(out, stale);
                    Files.deleteIfExists(stale);
                    removeEmptyParents(out, stale.getParent());
                }
            }
            move(staging.resolve(MANIFEST), out.resolve(MANIFEST));
        } finally {
            deleteTree(staging);
        }
        return targets;
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
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The UTF-8 bytes of a file, or an error that names it (a lone surrogate cannot be encoded). */
    private static byte[] encode(Artifact artifact) throws IOException {
        try {
            var buffer = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(artifact.content()));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IOException(artifact.path() + " holds text that is not valid Unicode (a lone surrogate?); "
                    + "nothing was written", e);
        }
    }

    /** A staging folder beside the output folder (same file system, so moves are renames), else inside it. */
    private static Path staging(Path out) throws IOException {
        Path parent = out.getParent();
        if (parent != null) {
            try {
                return Files.createTempDirectory(parent, ".rolechain-export-");
            } catch (IOException e) {
                // the parent is not writable: stage inside the output folder
            }
        }
        return Files.createTempDirectory(out, ".rolechain-export-");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path resolve(Path out, String relative) throws IOException {
        Path target = out.resolve(relative).normalize();
        if (!target.startsWith(out) || target.equals(out)) {
            throw new IOException("refusing to write outside the output folder: " + relative);
        }
        return target;
    }

    /** Refuses a path whose existing part goes through a link that leads out of the output folder. */
    private static void checkInside(Path out, Path target) throws IOException {
        Path real = out.toRealPath();
        for (Path p = target.getParent(); p != null && p.startsWith(out) && !p.equals(out); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !p.toRealPath().startsWith(real)) {
                throw new IOException("refusing to write " + out.relativize(target) + ": " + out.relativize(p)
                        + " is a link that leads out of the output folder (to " + p.toRealPath() + ")");
            }
        }
        if (Files.isSymbolicLink(target)) {
            throw new IOException("refusing to write " + out.relativize(target) + ": it is a link; remove it first");
        }
    }

    private static void removeEmptyParents(Path out, Path folder) throws IOException {
        for (Path p = folder; p != null && p.startsWith(out) && !p.equals(out); p = p.getParent()) {
            try (Stream<Path> entries = Files.list(p)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(p);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
