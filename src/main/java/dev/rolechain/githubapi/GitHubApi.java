package dev.rolechain.githubapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small client of GitHub's REST API (JDK HttpClient + Jackson), read-only: the owner's and repositories'
 * ids, the owner's repositories (every page), a repository's and an organization's OIDC sub customization,
 * and a repository's environments with their protection. The token, if any, is held in memory only.
 */
public final class GitHubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** A call GitHub answered with an error, said so that the user knows what to do. */
    public static final class GitHubException extends IOException {
        private final int status;

        public GitHubException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** {@code base} is https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server; token may be null. */
    public GitHubApi(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The API base for an issuer: github.com and GitHub Enterprise Cloud use api.github.com, a server its /api/v3. */
    public static URI baseFor(String serverHost) {
        return URI.create(serverHost == null ? "https://api.github.com" : "https://" + serverHost + "/api/v3");
    }

    public boolean authenticated() {
        return token != null;
    }

    /** A user's or organization's numeric id ({@code GET /users/{owner}} answers for both). */
    public long ownerId(String owner) throws IOException, InterruptedException {
        return get("/users/" + owner, "owner " + owner).path("id").asLong();
    }

    /** A repository's numeric id. */
    public long repositoryId(String owner, String repository) throws IOException, InterruptedException {
        return get("/repos/" + owner + "/" + repository, "repository " + owner + "/" + repository).path("id").asLong();
    }

    /** A repository of the owner, as listed. */
    public record Repository(String name, long id, boolean archived) {
    }

    /** Every repository of the owner, every page ({@code /orgs/{owner}/repos}, or {@code /users/{owner}/repos}). */
    public List<Repository> repositories(String owner, boolean organization) throws IOException, InterruptedException {
        List<Repository> repositories = new ArrayList<>();
        String next = base + (organization ? "/orgs/" : "/users/") + owner + "/repos?per_page=100";
        while (next != null) {
            HttpResponse<String> response = send(URI.create(next), "the repositories of " + owner);
            for (JsonNode r : JSON.readTree(response.body())) {
                repositories.add(new Repository(r.path("name").asText(), r.path("id").asLong(), r.path("archived").asBoolean()));
            }
            next = response.headers().firstValue("link").map(GitHubApi::nextLink).orElse(null);
        }
        return repositories;
    }

    /** Whether the owner is an organization ({@code type} of {@code GET /users/{owner}}). */
    public boolean isOrganization(String owner) throws IOException, InterruptedException {
        return get("/users/" + owner, "owner " + owner).path("type").asText().equals("Organization");
    }

    /** A sub customization: the default template, or the claim keys it is made of. */
    public record SubTemplate(boolean useDefault, List<String> includeClaimKeys) {
        public static final SubTemplate DEFAULT = new SubTemplate(true, List.of());
    }

    /** The repository's OIDC sub customization ({@code use_default}, {@code include_claim_keys}). */
    public SubTemplate repositorySubTemplate(String owner, String repository) throws IOException, InterruptedException {
        JsonNode node = get("/repos/" + owner + "/" + repository + "/actions/oidc/customization/sub",
                "the OIDC sub customization of " + owner + "/" + repository);
        return new SubTemplate(node.path("use_default").asBoolean(true), strings(node.path("include_claim_keys")));
    }

    /** The organization's OIDC sub template, empty when it has none. */
    public Optional<SubTemplate> organizationSubTemplate(String organization) throws IOException, InterruptedException {
        try {
            JsonNode node = get("/orgs/" + organization + "/actions/oidc/customization/sub",
                    "the OIDC sub customization of organization " + organization);
            List<String> keys = strings(node.path("include_claim_keys"));
            return keys.isEmpty() ? Optional.empty() : Optional.of(new SubTemplate(false, keys));
        } catch (GitHubException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** An environment and its protection, as GitHub reports it. */
    public record Environment(String name, List<String> requiredReviewers, boolean waitTimer,
            String deploymentBranchPolicy) {
        /** Whether deploying to it needs a reviewer's approval. */
        public boolean reviewed() {
            return !requiredReviewers.isEmpty();
        }
    }

    /** A repository's environments with their protection rules and deployment branch policy. */
    public List<Environment> environments(String owner, String repository) throws IOException, InterruptedException {
        JsonNode node = get("/repos/" + owner + "/" + repository + "/environments?per_page=100",
                "the environments of " + owner + "/" + repository);
        List<Environment> environments = new ArrayList<>();
        for (JsonNode e : node.path("environments")) {
            List<String> reviewers = new ArrayList<>();
            boolean wait = false;
            for (JsonNode rule : e.path("protection_rules")) {
                if (rule.path("type").asText().equals("required_reviewers")) {
                    for (JsonNode r : rule.path("reviewers")) {
                        JsonNode who = r.path("reviewer");
                        reviewers.add(who.has("login") ? who.path("login").asText() : who.path("slug").asText());
                    }
                } else if (rule.path("type").asText().equals("wait_timer")) {
                    wait = true;
                }
            }
            JsonNode policy = e.path("deployment_branch_policy");
            String branchPolicy = policy.isMissingNode() || policy.isNull() ? null
                    : policy.path("protected_branches").asBoolean() ? "protected branches" : "custom branch policies";
            environments.add(new Environment(e.path("name").asText(), reviewers, wait, branchPolicy));
        }
        return environments;
    }

    private JsonNode get(String path, String what) throws IOException, InterruptedException {
        return JSON.readTree(send(URI.create(base + path), what).body());
    }

    private HttpResponse<String> send(URI uri, String what) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "rolechain");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
            return response;
        }
        String remaining = response.headers().firstValue("x-ratelimit-remaining").orElse("");
        if ((status == 403 || status == 429) && remaining.equals("0")) {
            String reset = response.headers().firstValue("x-ratelimit-reset")
                    .map(s -> " (it resets at " + Instant.ofEpochSecond(Long.parseLong(s)) + ")").orElse("");
            throw new GitHubException(status, "GitHub's API rate limit is used up" + reset + (token == null
                    ? "; with a token (GITHUB_TOKEN, GH_TOKEN or gh auth login) the limit is much higher" : ""));
        }
        if (status == 401) {
            throw new GitHubException(status, "GitHub rejected the token while reading " + what
                    + "; check GITHUB_TOKEN / GH_TOKEN or run gh auth login");
        }
        if (status == 403) {
            throw new GitHubException(status, "GitHub refused to show " + what + " (403): the token lacks a permission "
                    + "(repository metadata and administration: read; for organizations, the org's Actions settings)");
        }
        if (status == 404) {
            throw new GitHubException(status, "GitHub found no " + what + " (404): check the name, or give a token that "
                    + "may see it (private repositories are hidden without one)");
        }
        throw new GitHubException(status, "GitHub answered " + status + " while reading " + what);
    }

    private static String nextLink(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
