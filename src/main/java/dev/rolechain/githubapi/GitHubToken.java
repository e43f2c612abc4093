package dev.rolechain.githubapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user's GitHub token, found where the user keeps it: GITHUB_TOKEN, GH_TOKEN, or the GitHub CLI's
 * {@code gh auth token}. Held in memory only; Rolechain never writes or logs it.
 */
public final class GitHubToken {
    private GitHubToken() {
    }

    public static Optional<String> find(Map<String, String> environment) {
        for (String name : new String[] {"GITHUB_TOKEN", "GH_TOKEN"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return fromGhCli();
    }

    private static Optional<String> fromGhCli() {
        try {
            Process gh = new ProcessBuilder("gh", "auth", "token").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            gh.getOutputStream().close();
            if (!gh.waitFor(5, TimeUnit.SECONDS)) {
                gh.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(gh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return gh.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
