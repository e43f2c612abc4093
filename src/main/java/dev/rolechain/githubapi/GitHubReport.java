package dev.rolechain.githubapi;

import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What GitHub says about a Setup's side of the chain: the owner's and each repository's ids (and whether
 * they are the ones the Setup records), each repository's OIDC sub customization, and for production
 * targets the protection of the environments they deploy from.
 */
public final class GitHubReport {
    private final GitHubApi api;

    public GitHubReport(GitHubApi api) {
        this.api = api;
    }

    /** One repository: its id, its sub template, and what is wrong with it for the Setup. */
    public record RepositoryReport(String name, long id, GitHubApi.SubTemplate subTemplate) {
    }

    /** One environment a production target deploys from, and what GitHub protects it with. */
    public record EnvironmentReport(String target, String repository, String name, boolean exists, List<String> reviewers,
            String branchPolicy) {
    }

    /** The report; {@code problems} are what needs the user's attention. */
    public record Report(String owner, long ownerId, boolean organization, Optional<GitHubApi.SubTemplate> organizationTemplate,
            List<RepositoryReport> repositories, List<EnvironmentReport> environments, List<String> problems) {
    }

    /**
     * The claim keys a repository's tokens carry: its own template, else (use_default false, no keys) the
     * organization's, else GitHub's default (null).
     */
    static List<String> effective(GitHubApi.SubTemplate repository, Optional<GitHubApi.SubTemplate> organization) {
        if (repository.useDefault()) {
            return null;
        }
        if (!repository.includeClaimKeys().isEmpty()) {
            return repository.includeClaimKeys().equals(List.of("repo", "context")) ? null : repository.includeClaimKeys();
        }
        return organization.map(GitHubApi.SubTemplate::includeClaimKeys)
                .filter(k -> !k.equals(List.of("repo", "context"))).orElse(null);
    }

    private static String json(List<String> keys) {
        return keys.stream().map(k -> "\"" + k + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    public Report read(Setup setup) throws IOException, InterruptedException {
        GitHub github = setup.github();
        String owner = github.owner();
        List<String> problems = new ArrayList<>();
        GitHubApi.Owner who = api.owner(owner);
        long ownerId = who.id();
        boolean organization = who.organization();
        if (github.ownerId() != null && github.ownerId() != ownerId) {
            problems.add("github.ownerId is " + github.ownerId() + ", but GitHub gives " + owner + " the id " + ownerId
                    + " (was the name given to another account?)");
        }
        Optional<GitHubApi.SubTemplate> orgTemplate = organization ? api.organizationSubTemplate(owner) : Optional.empty();
        Set<String> names = new LinkedHashSet<>();
        setup.targets().forEach(t -> t.subjects().forEach(s -> {
            if (!Subject.ANY_REPOSITORY.equals(s.repository())) {
                names.add(s.repository());
            }
        }));
        List<RepositoryReport> repositories = new ArrayList<>();
        for (String name : names) {
            long id = api.repositoryId(owner, name);
            Long recorded = github.idOf(name);
            if (recorded != null && recorded != id) {
                problems.add("github.repositories." + name + ".id is " + recorded + ", but GitHub gives " + owner + "/" + name
                        + " the id " + id + " (a recycled name?)");
            }
            if (github.formatOf(name).admitsIds() && recorded == null) {
                problems.add("github.repositories." + name + ".id is missing; GitHub gives it the id " + id);
            }
            GitHubApi.SubTemplate template = api.repositorySubTemplate(owner, name);
            List<String> effective = effective(template, orgTemplate);
            List<String> expected = github.templateOf(name);
            if (!java.util.Objects.equals(effective, expected)) {
                problems.add(owner + "/" + name + " issues tokens " + (effective == null ? "in GitHub's default sub form"
                        : "under the sub template " + effective) + ", but the Setup says " + (expected == null
                        ? "the default form" : expected) + ": its tokens would be denied; set "
                        + (effective == null ? "no subTemplate for it" : "github.repositories." + name + ".subTemplate to "
                        + json(effective)));
            }
            repositories.add(new RepositoryReport(name, id, template));
        }
        List<EnvironmentReport> environments = new ArrayList<>();
        Map<String, List<GitHubApi.Environment>> byRepository = new LinkedHashMap<>();
        for (Target target : setup.targets()) {
            if (!target.production()) {
                continue;
            }
            for (Subject subject : target.subjects()) {
                if (!(subject.kind() instanceof Subject.Environment e) || Subject.ANY_REPOSITORY.equals(subject.repository())) {
                    continue;
                }
                List<GitHubApi.Environment> existing = byRepository.get(subject.repository());
                if (existing == null) {
                    existing = api.environments(owner, subject.repository());
                    byRepository.put(subject.repository(), existing);
                }
                Optional<GitHubApi.Environment> env = existing.stream()
                        .filter(x -> x.name().equalsIgnoreCase(e.name())).findFirst();
                String where = "environment " + e.name() + " of " + owner + "/" + subject.repository() + " (production target "
                        + target.name() + ")";
                if (env.isEmpty()) {
                    problems.add(where + " does not exist: GitHub creates it unprotected the first time a job names it");
                    environments.add(new EnvironmentReport(target.name(), subject.repository(), e.name(), false, List.of(),
                            null));
                    continue;
                }
                if (!env.get().reviewed()) {
                    problems.add(where + " has no required reviewers: any job that names it deploys to production");
                }
                if (env.get().deploymentBranchPolicy() == null) {
                    problems.add(where + " has no deployment branch policy: a job on any branch may name it");
                }
                GitHub.Environment wanted = github.environments().get(e.name());
                if (wanted != null) {
                    problems.addAll(EnvironmentProtection.shortfalls(where, wanted, env.get(), env.get().customBranchPolicies()
                            ? api.branchPolicies(owner, subject.repository(), env.get().name()) : List.of()));
                }
                environments.add(new EnvironmentReport(target.name(), subject.repository(), e.name(), true,
                        env.get().requiredReviewers(), env.get().deploymentBranchPolicy()));
            }
        }
        return new Report(owner, ownerId, organization, orgTemplate, repositories, environments, problems);
    }
}
