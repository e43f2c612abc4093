package dev.rolechain.githubapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens GitHub's API for a Setup: the base from the issuer (api.github.com, or a server's /api/v3; the
 * environment's {@code ROLECHAIN_GITHUB_API} points it elsewhere, e.g. at a proxy or a stand-in) and a token
 * (one the user typed, else GITHUB_TOKEN, GH_TOKEN or {@code gh auth token}), held in memory only.
 */
public final class GitHubConnector {
    private final Supplier<Optional<String>> tokens;
    private final String baseOverride;
    /** Built on first use: an HTTP client sets up TLS, which every command would otherwise pay for at start-up. */
    private HttpClient http;

    public GitHubConnector(Supplier<Optional<String>> tokens, String baseOverride) {
        this.tokens = tokens;
        this.baseOverride = baseOverride == null || baseOverride.isBlank() ? null : baseOverride;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /** The user's environment: its token and its API base, if it names one. */
    public static GitHubConnector fromEnvironment(Map<String, String> environment) {
        return new GitHubConnector(() -> GitHubToken.find(environment), environment.get("ROLECHAIN_GITHUB_API"));
    }

    /** The same token source, with the API at another base (a command's {@code --api}). */
    public GitHubConnector at(java.net.URI base) {
        return new GitHubConnector(tokens, base.toString());
    }

    /** The API for a github.com or Enterprise Cloud owner ({@code serverHost} null) or a server's; {@code typed} may be null. */
    public GitHubApi connect(String serverHost, String typed) {
        URI base = baseOverride != null ? URI.create(baseOverride) : GitHubApi.baseFor(serverHost);
        String token = typed != null && !typed.isBlank() ? typed.strip() : tokens.get().orElse(null);
        return new GitHubApi(http(), base, token);
    }
}
