package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.githubapi.GitHubApi;
import dev.rolechain.githubapi.GitHubReport;
import dev.rolechain.plan.DesiredState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain github}: what GitHub says about the Setup's side of the chain. Read-only. */
@Command(name = "github", mixinStandardHelpOptions = true,
        description = "Read the GitHub side of the Setup through GitHub's REST API: the owner's and each repository's "
                + "numeric ids (compared with the Setup's, for immutable subjects), each repository's OIDC sub "
                + "customization, and for production targets whether the environments they deploy from exist and are "
                + "protected (required reviewers, a deployment branch policy). A token from GITHUB_TOKEN, GH_TOKEN or "
                + "gh auth token is used when there is one (held in memory only); public repositories work without. "
                + "Exits 1 when something needs attention. With --protect, plans the protection the Setup names for those "
                + "environments (github.environments: reviewers, self-review, wait timer, deployment branches), prints "
                + "the diff, and with --yes makes it; it only adds, never removes or deletes.")
public final class GitHubCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @Option(names = "--api", paramLabel = "URL", description = "The API base [https://api.github.com; for GitHub "
            + "Enterprise Server https://HOST/api/v3 from the Setup's serverHost].")
    URI api;

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @Option(names = "--protect", description = "Create or update the environments production deploys from so that they "
            + "have the protection the Setup names (prints the diff; --yes makes the changes).")
    boolean protect;

    @Option(names = "--yes", description = "With --protect: make the changes.")
    boolean yes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public GitHubCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DesiredState> state = setup.plan(services, err);
        if (state.isEmpty()) {
            return RolechainCommand.EXIT_INVALID;
        }
        var github = state.get().setup().github();
        GitHubApi client = (api != null ? services.gitHub().at(api) : services.gitHub()).connect(github.serverHost(), null);
        if (protect) {
            return protect(client, state.get().setup(), out, err);
        }
        GitHubReport.Report report;
        try {
            report = new GitHubReport(client).read(state.get().setup());
        } catch (IOException e) {
            err.println("rolechain: " + e.getMessage());
            return 1;
        }
        if (output.json()) {
            ObjectNode root = JSON.createObjectNode().put("owner", report.owner()).put("ownerId", report.ownerId())
                    .put("organization", report.organization());
            report.organizationTemplate().ifPresent(t -> t.includeClaimKeys()
                    .forEach(root.putArray("organizationSubTemplate")::add));
            ArrayNode repos = root.putArray("repositories");
            report.repositories().forEach(r -> {
                ObjectNode node = repos.addObject().put("name", r.name()).put("id", r.id())
                        .put("defaultSubTemplate", r.subTemplate().useDefault());
                r.subTemplate().includeClaimKeys().forEach(node.putArray("includeClaimKeys")::add);
            });
            ArrayNode envs = root.putArray("environments");
            report.environments().forEach(e -> {
                ObjectNode node = envs.addObject().put("target", e.target()).put("repository", e.repository())
                        .put("name", e.name()).put("exists", e.exists()).put("branchPolicy", e.branchPolicy());
                e.reviewers().forEach(node.putArray("reviewers")::add);
            });
            report.problems().forEach(root.putArray("problems")::add);
            out.println(root);
        } else {
            out.println("owner " + report.owner() + " (" + (report.organization() ? "organization" : "user") + "), id "
                    + report.ownerId());
            report.organizationTemplate().ifPresent(t -> out.println("organization sub template " + t.includeClaimKeys()));
            report.repositories().forEach(r -> out.println("repository " + r.name() + ", id " + r.id() + ", sub template "
                    + (r.subTemplate().useDefault() ? "default" : r.subTemplate().includeClaimKeys())));
            report.environments().forEach(e -> out.println("environment " + e.name() + " of " + e.repository()
                    + " (target " + e.target() + "): " + (!e.exists() ? "missing"
                            : "reviewers " + e.reviewers() + ", branch policy " + (e.branchPolicy() == null ? "none"
                                    : e.branchPolicy()))));
            report.problems().forEach(p -> out.println("problem: " + p));
            out.println(report.problems().isEmpty() ? "Nothing needs attention."
                    : report.problems().size() + " thing" + (report.problems().size() == 1 ? "" : "s") + " need attention.");
        }
        return report.problems().isEmpty() ? 0 : 1;
    }

    private int protect(GitHubApi client, dev.rolechain.setup.Setup setup, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        if (setup.protectedEnvironments().isEmpty()) {
            err.println("rolechain: the Setup names no environment protection for its subjects (github.environments, "
                    + "e.g. {\"production\": {\"reviewers\": [\"octocat\"], \"branches\": [\"main\"]}})");
            return RolechainCommand.EXIT_INVALID;
        }
        var protection = new dev.rolechain.githubapi.EnvironmentProtection(client);
        String owner = setup.github().owner();
        try {
            var changes = protection.plan(setup);
            long pending = changes.stream().filter(c -> !c.empty()).count();
            for (var c : changes) {
                out.println("environment " + c.environment() + " of " + owner + "/" + c.repository() + ": "
                        + (c.empty() ? "has the protection the Setup names" : c.exists() ? "update" : "create"));
                c.diff().forEach(line -> out.println("    " + line));
                c.notes().forEach(note -> out.println("    note: " + note));
            }
            if (pending == 0) {
                out.println("Nothing to change.");
                return 0;
            }
            if (!yes) {
                err.println("rolechain: " + pending + " environment" + (pending == 1 ? "" : "s") + " to change; nothing "
                        + "was changed. Run again with --yes to make the changes above.");
                return 1;
            }
            int done = 0;
            for (var c : changes) {
                if (!c.empty()) {
                    protection.apply(owner, c);
                    done++;
                    out.println("changed environment " + c.environment() + " of " + owner + "/" + c.repository());
                }
            }
            out.println("Changed " + done + " environment" + (done == 1 ? "" : "s") + ".");
            return 0;
        } catch (IOException e) {
            err.println("rolechain: " + e.getMessage());
            return 1;
        }
    }
}
