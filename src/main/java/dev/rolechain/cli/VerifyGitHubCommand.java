package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.githubapi.GitHubApi;
import dev.rolechain.githubapi.GitHubVerification;
import dev.rolechain.githubapi.HopLog;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Subject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain verify-github}: the chained assume run by GitHub itself, dispatched and read back. */
@Command(name = "verify-github", mixinStandardHelpOptions = true,
        description = "Prove the chain for real: dispatch .github/workflows/rolechain-verify.yml (export "
                + "--verify-workflow; it must be on the repository's default branch) on a ref through GitHub's API, follow "
                + "the run, read its logs, and show per target what the Setup expects for that repository and ref against "
                + "what GitHub and AWS did at each hop (the STS error when denied). --probe also runs it on a scratch "
                + "branch Rolechain creates and deletes, which production must refuse. Needs a token with actions: write "
                + "(and contents: write for --probe). Exits 1 when a target is not as expected or the run fails.")
public final class VerifyGitHubCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @Option(names = "--repository", paramLabel = "NAME", description = "The repository to run in [the first one the "
            + "target's subjects name].")
    String repository;

    @Option(names = "--ref", paramLabel = "REF", description = "The branch (or refs/tags/TAG) to run on [the repository's "
            + "default branch].")
    String ref;

    @Option(names = "--target", paramLabel = "NAME", description = "Only this target [every target].")
    String target;

    @Option(names = "--probe", description = "Also run on a scratch branch (created and deleted here) that must not reach "
            + "production.")
    boolean probe;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up (and cancel the "
            + "run) after this long [600].")
    long timeout;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "5", description = "How often to ask GitHub [5].")
    double poll;

    @Option(names = "--api", paramLabel = "URL", description = "The API base [from the Setup's issuer].")
    URI api;

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public VerifyGitHubCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DesiredState> planned = setup.plan(services, err);
        if (planned.isEmpty()) {
            return RolechainCommand.EXIT_INVALID;
        }
        DesiredState state = planned.get();
        if (target != null && state.chains().stream().noneMatch(c -> c.target().name().equals(target))) {
            err.println("rolechain: --target " + target + " is not a target of the Setup; its targets: " + String.join(", ",
                    state.chains().stream().map(c -> c.target().name()).toList()));
            return RolechainCommand.EXIT_INVALID;
        }
        String repo = repository != null ? repository : state.setup().targets().stream()
                .filter(t -> target == null || t.name().equals(target)).flatMap(t -> t.subjects().stream())
                .map(Subject::repository).filter(r -> r != null && !r.equals(Subject.ANY_REPOSITORY)).findFirst().orElse(null);
        if (repo == null) {
            err.println("rolechain: name the repository to run in with --repository (the subjects name none)");
            return RolechainCommand.EXIT_INVALID;
        }
        GitHubApi client = (api != null ? services.gitHub().at(api) : services.gitHub())
                .connect(state.setup().github().serverHost(), null);
        GitHubVerification verification = new GitHubVerification(client, Duration.ofMillis((long) (poll * 1000)),
                Duration.ofSeconds(60));
        GitHubVerification.Progress progress = line -> {
            if (!output.json()) {
                err.println("rolechain: " + line);
            }
        };
        ObjectNode root = JSON.createObjectNode();
        try {
            String on = ref != null ? ref : client.defaultBranch(state.owner(), repo);
            GitHubVerification.Result result = verification.run(state, repo, on, target, Duration.ofSeconds(timeout),
                    progress, () -> false);
            write(root, result);
            boolean ok = result.asExpected();
            GitHubVerification.Result negative = null;
            if (probe) {
                negative = verification.probe(state, repo, target, Duration.ofSeconds(timeout), progress, () -> false);
                write(root.putObject("probe"), negative);
                ok &= negative.asExpected();
            }
            root.put("asExpected", ok);
            if (output.json()) {
                out.println(root);
            } else {
                print(out, result);
                if (negative != null) {
                    out.println("negative probe:");
                    print(out, negative);
                }
                out.println(ok ? "Every target is as the Setup expects." : "Not as expected: see above.");
            }
            return ok ? 0 : 1;
        } catch (GitHubVerification.VerificationException e) {
            return failed(out, err, e.kind(), e.getMessage());
        } catch (IOException e) {
            return failed(out, err, "github", e.getMessage());
        }
    }

    private int failed(PrintWriter out, PrintWriter err, String kind, String message) {
        if (output.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.putObject("error").put("kind", kind).put("message", message);
            out.println(root);
        } else {
            err.println("rolechain: " + message);
        }
        return 1;
    }

    private void write(ObjectNode node, GitHubVerification.Result result) {
        node.put("repository", result.repository()).put("ref", result.ref());
        node.putObject("run").put("id", result.run().id()).put("url", result.run().htmlUrl())
                .put("conclusion", result.run().conclusion());
        ArrayNode targets = node.putArray("targets");
        for (GitHubVerification.TargetResult t : result.targets()) {
            ObjectNode n = targets.addObject().put("target", t.target()).put("expected", t.expectedAllow() ? "allow" : "deny")
                    .put("actual", actual(t)).put("asExpected", t.asExpected());
            ArrayNode hops = n.putArray("hops");
            for (HopLog.Hop h : t.hops()) {
                ObjectNode hop = hops.addObject().put("hop", h.hop()).put("role", h.role()).put("account", h.account())
                        .put("result", h.result());
                if (h.identity() != null) {
                    hop.put("identity", h.identity());
                }
                if (h.error() != null) {
                    hop.put("code", h.code()).put("error", h.error());
                }
            }
        }
        node.put("asExpected", result.asExpected());
    }

    private static String actual(GitHubVerification.TargetResult t) {
        return !t.ran() ? "not run (GitHub did not start the job: environment protection, or no runner)"
                : t.allowed() ? "allow" : "deny at hop " + t.deniedAt();
    }

    private static void print(PrintWriter out, GitHubVerification.Result result) {
        out.println("run " + result.run().id() + " in " + result.repository() + " on " + result.ref() + ": "
                + result.run().conclusion() + " (" + result.run().htmlUrl() + ")");
        for (GitHubVerification.TargetResult t : result.targets()) {
            out.println((t.asExpected() ? "ok   " : "FAIL ") + t.target() + ": expected " + (t.expectedAllow() ? "allow" : "deny")
                    + ", got " + actual(t));
            for (HopLog.Hop h : t.hops()) {
                out.println("       hop " + h.hop() + " " + h.role() + ": " + h.result()
                        + (h.error() != null ? " (" + h.code() + ": " + h.error() + ")" : "")
                        + (h.identity() != null ? " as " + h.identity() : ""));
            }
        }
    }
}
