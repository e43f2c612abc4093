package dev.rolechain.ui.wizard;

import dev.rolechain.githubapi.GitHubApi;
import dev.rolechain.githubapi.GitHubConnector;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the GitHub page reads from GitHub's API, off the FX thread: the owner's id and kind, its repositories
 * (every page, archived ones left out) and its organization's sub template; then the ids and templates of the
 * repositories the user picks. Without a token public repositories still answer.
 */
final class GitHubLookup {
    private final GitHubConnector connector;

    GitHubLookup(GitHubConnector connector) {
        this.connector = connector;
    }

    /** The owner as GitHub describes it. */
    record Owner(String login, long id, boolean organization, boolean authenticated, List<GitHubApi.Repository> repositories,
            List<String> subTemplate) {
    }

    /** The repositories picked: each one's id and, when it has its own, its sub template (null for the default). */
    record Picked(Map<String, Long> ids, Map<String, List<String>> templates) {
    }

    Owner owner(String owner, String serverHost, String token) throws IOException, InterruptedException {
        GitHubApi api = connector.connect(serverHost, token);
        GitHubApi.Owner who = api.owner(owner);
        long id = who.id();
        boolean organization = who.organization();
        List<GitHubApi.Repository> repositories = api.repositories(owner, organization).stream()
                .filter(r -> !r.archived()).toList();
        List<String> template = null;
        if (organization) {
            Optional<GitHubApi.SubTemplate> t = api.organizationSubTemplate(owner);
            template = t.map(GitHubApi.SubTemplate::includeClaimKeys).filter(k -> !k.equals(List.of("repo", "context")))
                    .orElse(null);
        }
        return new Owner(owner, id, organization, api.authenticated(), repositories, template);
    }

    Picked pick(String owner, String serverHost, String token, List<GitHubApi.Repository> repositories,
            List<String> organizationTemplate) throws IOException, InterruptedException {
        GitHubApi api = connector.connect(serverHost, token);
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, List<String>> templates = new LinkedHashMap<>();
        for (GitHubApi.Repository r : repositories) {
            ids.put(r.name(), r.id());
            GitHubApi.SubTemplate t = api.repositorySubTemplate(owner, r.name());
            List<String> keys = t.useDefault() ? null : t.includeClaimKeys().isEmpty() ? organizationTemplate
                    : t.includeClaimKeys();
            // a repository that takes the organization's template needs no template of its own
            templates.put(r.name(), keys == null || keys.equals(organizationTemplate) || keys.equals(List.of("repo", "context"))
                    ? (t.useDefault() && organizationTemplate != null ? List.of("repo", "context") : null) : keys);
        }
        return new Picked(ids, templates);
    }

    /** What GitHub says about the Setup (the `github` report's problems) and the environment changes it needs. */
    record Check(List<String> problems, List<dev.rolechain.githubapi.EnvironmentProtection.Change> changes) {
        List<dev.rolechain.githubapi.EnvironmentProtection.Change> pending() {
            return changes.stream().filter(c -> !c.empty()).toList();
        }
    }

    Check check(dev.rolechain.setup.Setup setup, String token) throws IOException, InterruptedException {
        GitHubApi api = connector.connect(setup.github().serverHost(), token);
        List<String> problems = new dev.rolechain.githubapi.GitHubReport(api).read(setup).problems();
        List<dev.rolechain.githubapi.EnvironmentProtection.Change> changes = setup.protectedEnvironments().isEmpty()
                ? List.of() : new dev.rolechain.githubapi.EnvironmentProtection(api).plan(setup);
        return new Check(problems, changes);
    }

    /** Makes the planned environment changes; returns how many were made. */
    int protect(dev.rolechain.setup.Setup setup, String token, List<dev.rolechain.githubapi.EnvironmentProtection.Change> changes)
            throws IOException, InterruptedException {
        var protection = new dev.rolechain.githubapi.EnvironmentProtection(connector.connect(setup.github().serverHost(), token));
        int done = 0;
        for (var change : changes) {
            protection.apply(setup.github().owner(), change);
            done++;
        }
        return done;
    }
}
