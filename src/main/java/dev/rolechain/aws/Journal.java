package dev.rolechain.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rolechain.iam.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Every AWS write, one JSON line each: time, account, action, resource, result. Append-only; the file
 * is created 0600 in a 0700 folder.
 */
public final class Journal {
    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Fails with the reason when the journal cannot be written: checked before the first AWS write. */
    public synchronized void checkWritable() throws IOException {
        PrivateFiles.folder(file.getParent());
        PrivateFiles.append(file, "");
        PrivateFiles.tighten(file);
    }

    public synchronized void record(String account, String action, String resource, String result) {
        String line = JsonTree.write(JsonNodeFactory.instance.objectNode().put("time", Instant.now().toString())
                .put("account", account).put("action", action).put("resource", resource).put("result", result)) + "\n";
        try {
            PrivateFiles.folder(file.getParent());
            PrivateFiles.append(file, line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }
}
