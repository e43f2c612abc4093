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
import java.util.Map;
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

    /** A user or organization: its numeric id and whether it is an organization. */
    public record Owner(long id, boolean organization) {
    }

    /** The owner, in one call ({@code GET /users/{owner}} answers for users and organizations). */
    public Owner owner(String owner) throws IOException, InterruptedException {
        JsonNode node = get("/users/" + owner, "owner " + owner);
        return new Owner(node.path("id").asLong(), node.path("type").asText().equals("Organization"));
    }

    /** A user's or organization's numeric id. */
    public long ownerId(String owner) throws IOException, InterruptedException {
        return owner(owner).id();
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

    /** A required reviewer of an environment: {@code User} (by login) or {@code Team} (by slug), with its id. */
    public record Reviewer(String type, String name, long id) {
    }

    /**
     * An environment and its protection, as GitHub reports it: reviewers, whether the one who started a run
     * may approve it, the wait timer in minutes, and the deployment branch policy ({@code null} for none,
     * {@code "protected branches"} or {@code "custom branch policies"}).
     */
    public record Environment(String name, List<Reviewer> reviewers, boolean preventSelfReview, int waitMinutes,
            String deploymentBranchPolicy) {
        public Environment {
            reviewers = List.copyOf(reviewers);
        }

        /** Whether deploying to it needs a reviewer's approval. */
        public boolean reviewed() {
            return !reviewers.isEmpty();
        }

        /** The reviewers' logins and team slugs. */
        public List<String> requiredReviewers() {
            return reviewers.stream().map(Reviewer::name).toList();
        }

        public boolean customBranchPolicies() {
            return "custom branch policies".equals(deploymentBranchPolicy);
        }
    }

    /** A repository's environments with their protection rules and deployment branch policy. */
    public List<Environment> environments(String owner, String repository) throws IOException, InterruptedException {
        JsonNode node = get("/repos/" + owner + "/" + repository + "/environments?per_page=100",
                "the environments of " + owner + "/" + repository);
        List<Environment> environments = new ArrayList<>();
        for (JsonNode e : node.path("environments")) {
            List<Reviewer> reviewers = new ArrayList<>();
            boolean selfReview = false;
            int wait = 0;
            for (JsonNode rule : e.path("protection_rules")) {
                if (rule.path("type").asText().equals("required_reviewers")) {
                    selfReview = rule.path("prevent_self_review").asBoolean(false);
                    for (JsonNode r : rule.path("reviewers")) {
                        JsonNode who = r.path("reviewer");
                        String type = r.path("type").asText();
                        reviewers.add(new Reviewer(type, type.equals("Team") ? who.path("slug").asText()
                                : who.path("login").asText(), who.path("id").asLong()));
                    }
                } else if (rule.path("type").asText().equals("wait_timer")) {
                    wait = rule.path("wait_timer").asInt();
                }
            }
            JsonNode policy = e.path("deployment_branch_policy");
            String branchPolicy = policy.isMissingNode() || policy.isNull() ? null
                    : policy.path("protected_branches").asBoolean() ? "protected branches" : "custom branch policies";
            environments.add(new Environment(e.path("name").asText(), reviewers, selfReview, wait, branchPolicy));
        }
        return environments;
    }

    /** The name patterns of an environment's custom deployment branch policies. */
    public List<String> branchPolicies(String owner, String repository, String environment)
            throws IOException, InterruptedException {
        JsonNode node = get("/repos/" + owner + "/" + repository + "/environments/" + segment(environment)
                + "/deployment-branch-policies?per_page=100", "the deployment branches of environment " + environment
                + " of " + owner + "/" + repository);
        List<String> names = new ArrayList<>();
        for (JsonNode p : node.path("branch_policies")) {
            if (!p.path("type").asText("branch").equals("tag")) {
                names.add(p.path("name").asText());
            }
        }
        return names;
    }

    /** A user's numeric id. */
    public long userId(String login) throws IOException, InterruptedException {
        return get("/users/" + login, "user " + login).path("id").asLong();
    }

    /** A team's numeric id ({@code GET /orgs/{org}/teams/{slug}}). */
    public long teamId(String organization, String slug) throws IOException, InterruptedException {
        return get("/orgs/" + organization + "/teams/" + slug, "team " + organization + "/" + slug).path("id").asLong();
    }

    /**
     * Creates or updates an environment ({@code PUT /repos/{owner}/{repo}/environments/{name}}): the reviewers
     * (type and id), self-review, wait timer and the kind of deployment branch policy, as given.
     */
    public void putEnvironment(String owner, String repository, String environment, List<Reviewer> reviewers,
            boolean preventSelfReview, int waitMinutes, Boolean customBranchPolicies)
            throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.put("wait_timer", waitMinutes);
        body.put("prevent_self_review", preventSelfReview);
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("reviewers");
        reviewers.forEach(r -> list.addObject().put("type", r.type()).put("id", r.id()));
        if (customBranchPolicies == null) {
            body.putNull("deployment_branch_policy");
        } else {
            body.putObject("deployment_branch_policy").put("protected_branches", !customBranchPolicies)
                    .put("custom_branch_policies", customBranchPolicies);
        }
        send("PUT", "/repos/" + owner + "/" + repository + "/environments/" + segment(environment), body.toString(),
                "environment " + environment + " of " + owner + "/" + repository);
    }

    /** Adds a deployment branch pattern to an environment with custom branch policies. */
    public void addBranchPolicy(String owner, String repository, String environment, String pattern)
            throws IOException, InterruptedException {
        send("POST", "/repos/" + owner + "/" + repository + "/environments/" + segment(environment)
                        + "/deployment-branch-policies", JSON.createObjectNode().put("name", pattern).put("type", "branch").toString(),
                "the deployment branches of environment " + environment + " of " + owner + "/" + repository);
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- Actions: the verification run

    /** A workflow of a repository: its id and state ({@code active}, {@code disabled_manually}, …). */
    public record Workflow(long id, String path, String state) {
    }

    /** The workflow at this path on the repository's default branch ({@code GET .../actions/workflows/{file}}). */
    public Workflow workflow(String owner, String repository, String path) throws IOException, InterruptedException {
        String file = path.substring(path.lastIndexOf('/') + 1);
        JsonNode node = get("/repos/" + owner + "/" + repository + "/actions/workflows/" + segment(file),
                "the workflow " + path + " of " + owner + "/" + repository);
        return new Workflow(node.path("id").asLong(), node.path("path").asText(path), node.path("state").asText());
    }

    /** A run of a workflow, as GitHub reports it. */
    public record Run(long id, String status, String conclusion, String headBranch, String htmlUrl) {
        public boolean completed() {
            return "completed".equals(status);
        }
    }

    private static Run run(JsonNode r) {
        return new Run(r.path("id").asLong(), r.path("status").asText(), r.path("conclusion").isNull() ? null
                : r.path("conclusion").asText(null), r.path("head_branch").asText(), r.path("html_url").asText());
    }

    /** The latest dispatched runs of a workflow (first page, newest first). */
    public List<Run> dispatchedRuns(String owner, String repository, long workflowId) throws IOException, InterruptedException {
        JsonNode node = get("/repos/" + owner + "/" + repository + "/actions/workflows/" + workflowId
                + "/runs?event=workflow_dispatch&per_page=30", "the runs of workflow " + workflowId);
        List<Run> runs = new ArrayList<>();
        node.path("workflow_runs").forEach(r -> runs.add(run(r)));
        return runs;
    }

    public Run run(String owner, String repository, long runId) throws IOException, InterruptedException {
        return run(get("/repos/" + owner + "/" + repository + "/actions/runs/" + runId, "run " + runId));
    }

    /**
     * Dispatches the workflow on a ref with inputs ({@code POST .../dispatches}); the run's id when GitHub says
     * it (newer API versions), else null.
     */
    public Long dispatch(String owner, String repository, long workflowId, String ref, Map<String, String> inputs)
            throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode().put("ref", ref);
        com.fasterxml.jackson.databind.node.ObjectNode in = body.putObject("inputs");
        inputs.forEach(in::put);
        HttpResponse<String> response = send(URI.create(base + "/repos/" + owner + "/" + repository + "/actions/workflows/"
                + workflowId + "/dispatches"), "POST", body.toString(), "a run of the verification workflow in " + owner + "/"
                + repository);
        if (response.body() == null || response.body().isBlank()) {
            return null;
        }
        JsonNode id = JSON.readTree(response.body()).path("workflow_run_id");
        return id.isIntegralNumber() ? id.asLong() : null;
    }

    public void cancel(String owner, String repository, long runId) throws IOException, InterruptedException {
        send("POST", "/repos/" + owner + "/" + repository + "/actions/runs/" + runId + "/cancel", "", "run " + runId);
    }

    /**
     * The run's logs, a zip with one text file per job and step. GitHub answers with a redirect to a signed
     * address elsewhere; that address is fetched without the token.
     */
    public byte[] runLogs(String owner, String repository, long runId) throws IOException, InterruptedException {
        String what = "the logs of run " + runId;
        HttpClient direct = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/repos/" + owner + "/" + repository
                + "/actions/runs/" + runId + "/logs")).timeout(Duration.ofSeconds(60)).header("User-Agent", "rolechain")
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = direct.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 302 || response.statusCode() == 301 || response.statusCode() == 307) {
            int redirect = response.statusCode();
            URI location = URI.create(response.headers().firstValue("location").orElseThrow(() ->
                    new GitHubException(redirect, "GitHub redirected " + what + " without a location")));
            response = direct.send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "rolechain").build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() != 200) {
            throw new GitHubException(response.statusCode(), "GitHub answered " + response.statusCode() + " for " + what
                    + (response.statusCode() == 404 || response.statusCode() == 410 ? " (they expire; run it again)" : ""));
        }
        return response.body();
    }

    /** The repository's default branch. */
    public String defaultBranch(String owner, String repository) throws IOException, InterruptedException {
        return get("/repos/" + owner + "/" + repository, "repository " + owner + "/" + repository).path("default_branch")
                .asText("main");
    }

    /** Creates a branch at the head of another ({@code POST .../git/refs}). */
    public void createBranch(String owner, String repository, String branch, String from)
            throws IOException, InterruptedException {
        String sha = get("/repos/" + owner + "/" + repository + "/git/ref/heads/" + from, "branch " + from + " of " + owner
                + "/" + repository).path("object").path("sha").asText();
        send("POST", "/repos/" + owner + "/" + repository + "/git/refs", JSON.createObjectNode()
                .put("ref", "refs/heads/" + branch).put("sha", sha).toString(), "a branch " + branch + " in " + owner + "/"
                + repository);
    }

    /** Deletes a branch Rolechain created for a probe. */
    public void deleteBranch(String owner, String repository, String branch) throws IOException, InterruptedException {
        send("DELETE", "/repos/" + owner + "/" + repository + "/git/refs/heads/" + branch, null, "the branch " + branch
                + " of " + owner + "/" + repository);
    }

    private JsonNode get(String path, String what) throws IOException, InterruptedException {
        return JSON.readTree(send(URI.create(base + path), what).body());
    }

    private HttpResponse<String> send(URI uri, String what) throws IOException, InterruptedException {
        return send(uri, "GET", null, what);
    }

    private void send(String method, String path, String body, String what) throws IOException, InterruptedException {
        send(URI.create(base + path), method, body, what);
    }

    private HttpResponse<String> send(URI uri, String method, String body, String what)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "rolechain");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 202 || status == 204) {
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
            throw new GitHubException(status, "GitHub refused " + (method.equals("GET") ? "to show " : "to change ") + what
                    + " (403): the token lacks a permission (" + permission(method, uri.getPath()) + ")");
        }
        if (status == 422) {
            throw new GitHubException(status, "GitHub did not accept the change to " + what + " (422): "
                    + JSON.readTree(response.body()).path("message").asText(response.body()));
        }
        if (status == 404) {
            throw new GitHubException(status, "GitHub found no " + what + " (404): check the name, or give a token that "
                    + "may see it (private repositories are hidden without one)");
        }
        throw new GitHubException(status, "GitHub answered " + status + " while reading " + what);
    }

    /** The fine-grained permission a request needs, for the message when GitHub refuses it. */
    private static String permission(String method, String path) {
        if (method.equals("GET")) {
            return path.contains("/actions/") ? "actions: read" : "repository metadata and administration: read; for "
                    + "organizations, the org's Actions settings";
        }
        if (path.contains("/actions/")) {
            return "actions: write, to start and cancel workflow runs";
        }
        if (path.contains("/git/refs")) {
            return "contents: write, to create and delete the probe's branch";
        }
        return "repository administration: write";
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
