package dev.rolechain.ui.wizard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Setup files opened or saved lately, newest first, kept as one path a line in the data folder. */
public final class RecentFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);
    static final int MAX = 8;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** The files that still exist, newest first. */
    public List<Path> list() {
        if (!Files.isRegularFile(store)) {
            return List.of();
        }
        try {
            return Files.readAllLines(store, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Path::of).filter(Files::isRegularFile).distinct().limit(MAX).toList();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the recent files list {}: {}", store, e.getMessage());
            return List.of();
        }
    }

    public void add(Path file) {
        List<Path> files = new ArrayList<>(list());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        try {
            Files.createDirectories(store.getParent());
            Files.write(store, files.stream().limit(MAX).map(Path::toString).toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot update the recent files list {}: {}", store, e.getMessage());
        }
    }
}
