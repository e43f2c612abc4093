package dev.rolechain.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/**
 * The HOME the tests run with (Maven sets it to target/test-home), where a test writes the shared
 * AWS config the SDK reads. Refuses to touch any other HOME, so a user's ~/.aws is never written.
 */
public final class TestHome {
    private TestHome() {
    }

    public static Path awsConfig(String content) throws IOException {
        String home = System.getenv("HOME");
        if (home == null || !home.replace('\\', '/').endsWith("target/test-home")) {
            Assertions.fail("HOME is " + home + ", not target/test-home: run the tests with Maven, which sets it");
        }
        Path config = Path.of(home, ".aws", "config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, content);
        return config;
    }
}
