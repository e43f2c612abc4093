package dev.rolechain.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Times a command from its start to the start-up probe's "first page shown" line. */
final class FirstPage {
    static final String SHOWN = "rolechain: first page shown";

    private FirstPage() {
    }

    static double time(List<String> command, Path home) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", home.toAbsolutePath().toString());
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(SHOWN)) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    p.waitFor(30, TimeUnit.SECONDS);
                    return ms;
                }
            }
        } finally {
            p.destroyForcibly();
        }
        throw new IllegalStateException(String.join(" ", command) + " ended without showing the first page (exit "
                + p.waitFor() + ")");
    }
}
