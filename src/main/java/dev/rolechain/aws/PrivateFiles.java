package dev.rolechain.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the user may read: backups hold other teams' trust policies and ExternalIds, the journal
 * what was written where. Folders are created 0700 and files 0600 at creation (on a file system
 * without POSIX modes the user's profile folder protects them).
 */
final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates a folder of Rolechain's 0700 (its missing parents as the system makes them); an existing
     * one, made by an earlier version with the default mode, is made 0700.
     */
    static Path folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            if (POSIX && !Files.getPosixFilePermissions(absolute).equals(FOLDER)) {
                Files.setPosixFilePermissions(absolute, FOLDER);
            }
            return absolute;
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        return Files.createDirectory(absolute, attributes(FOLDER));
    }

    /** Creates a new folder 0700; fails if it exists. */
    static Path create(Path folder) throws IOException {
        return Files.createDirectory(folder, attributes(FOLDER));
    }

    /** Writes a new file 0600; fails if it exists. */
    static void writeNew(Path file, String text) throws IOException {
        Files.write(Files.createFile(file, attributes(FILE)), text.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Replaces a file's content at once (a new 0600 file moved over it). */
    static void replace(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".rolechain", ".tmp", attributes(FILE));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Appends a line to a file, creating it 0600. */
    static void append(Path file, String text) throws IOException {
        try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), attributes(FILE))) {
            channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Makes a file of Rolechain's that an earlier version created with the default mode 0600. */
    static void tighten(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Fails with the reason when nothing can be written into the folder (checked before the first AWS write). */
    static void checkWritable(Path folder) throws IOException {
        Path created = folder(folder);
        Path probe = Files.createTempFile(created, ".rolechain-probe", ".tmp", attributes(FILE));
        Files.delete(probe);
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
