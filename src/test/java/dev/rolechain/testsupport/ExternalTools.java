package dev.rolechain.testsupport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need moto or terraform: on a developer's machine without the tool they are skipped, loudly;
 * in CI (CI=true) the tool's absence fails the test.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails in CI, skips loudly elsewhere, when {@code available} is false. */
    public static void require(String tool, boolean available, String hint) {
        if (available) {
            return;
        }
        String message = tool + " is not available (" + hint + ")";
        if (inCi()) {
            Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
    }

    /** Whether a command runs and exits 0 within ten seconds. */
    public static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
