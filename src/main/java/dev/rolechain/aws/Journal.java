package dev.rolechain.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Every AWS write, one JSON line each: time, account, action, resource, result. Append-only. */
public final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void record(String account, String action, String resource, String result) {
        String line = JSON.createObjectNode().put("time", Instant.now().toString()).put("account", account)
                .put("action", action).put("resource", resource).put("result", result).toString() + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }
}
