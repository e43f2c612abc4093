package dev.rolechain.cli;

import dev.rolechain.Services;
import dev.rolechain.aws.InspectSources;
import dev.rolechain.aws.TrustReader;
import dev.rolechain.inspect.DumpReader;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.GraphExport;
import dev.rolechain.inspect.Risk;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.ExportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rolechain inspect}: the trust graph of existing roles, its risky set, and queries on it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Draw who can assume what across accounts: GitHub subjects, OIDC and SAML providers, services, "
                + "accounts and principals, and roles, with \"can assume\" edges decided by the policy evaluator from "
                + "trust and identity policies. Read-only. Sources can be mixed; each account once.")
public final class InspectCommand implements Callable<Integer> {
    private final Services services;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "A profile of ~/.aws/config: its account is read live "
            + "(GetAccountAuthorizationDetails and the provider lists). Repeatable; read in parallel.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--dump", paramLabel = "FILE", description = "A file saved by `aws iam get-account-authorization-details` "
            + "(one account), or a folder of them (an organization saved with --save, grouped by its OUs again). "
            + "Repeatable.")
    List<Path> dumps = new ArrayList<>();

    @Option(names = "--organization", paramLabel = "PROFILE", description = "The profile of an organization's management "
            + "or delegated administrator account: every account of the organization is read (Organizations lists them; "
            + "each is read through --access-role) and the graph is grouped by OU.")
    String organization;

    @Option(names = "--access-role", paramLabel = "ROLE_NAME", defaultValue = "OrganizationAccountAccessRole",
            description = "With --organization: the role assumed in each member account to read it (default "
                    + "OrganizationAccountAccessRole). Accounts where it is refused are listed, the rest read.")
    String accessRole;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "With --organization: accounts read at once (default 8; 1 reads them one after another).")
    int threads;

    @Option(names = "--save", paramLabel = "FOLDER", description = "Save what was read as a dump folder (one "
            + "get-account-authorization-details file per account, and organization.json) to reopen offline with --dump.")
    Path save;

    @Option(names = "--setup", paramLabel = "FILE", description = "A Setup: inspect its planned state.")
    Path setup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), dot or mermaid.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--query", paramLabel = "SUBJECT_OR_ROLE_ARN", description = "A GitHub sub (what can it reach, through "
            + "role chains) or a role ARN (who can reach it). JSON prints the answer with each path as a list of node ids; "
            + "dot and mermaid highlight the paths.")
    String query;

    @Option(names = "--production-account", paramLabel = "ACCOUNT_ID", description = "Take every role of this account as "
            + "production (roles tagged environment/env/stage = prod/production/prd are, always). Repeatable.")
    List<String> productionAccounts = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public InspectCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("json", "dot", "mermaid").contains(format)) {
            err.println("rolechain: --format " + format + ": allowed are json, dot, mermaid");
            return RolechainCommand.EXIT_INVALID;
        }
        if (profiles.isEmpty() && dumps.isEmpty() && setup == null && organization == null) {
            err.println("rolechain: inspect needs a source: --profile PROFILE, --dump FILE, --setup FILE or "
                    + "--organization PROFILE");
            return RolechainCommand.EXIT_INVALID;
        }
        if (threads < 1 || threads > 64) {
            err.println("rolechain: --threads " + threads + ": allowed are 1–64");
            return RolechainCommand.EXIT_INVALID;
        }
        if (!accessRole.matches("[\\w+=,.@-]{1,64}")) {
            err.println("rolechain: --access-role \"" + accessRole + "\" is not an IAM role name (1–64 letters, digits "
                    + "and _+=,.@-)");
            return RolechainCommand.EXIT_INVALID;
        }
        for (String account : productionAccounts) {
            if (!account.matches("\\d{12}")) {
                err.println("rolechain: --production-account \"" + account + "\" is not an AWS account id: exactly 12 digits");
                return RolechainCommand.EXIT_INVALID;
            }
        }
        DesiredState planned = null;
        if (setup != null) {
            Optional<DesiredState> state = SetupOption.plan(services, setup, err);
            if (state.isEmpty()) {
                return RolechainCommand.EXIT_INVALID;
            }
            planned = state.get();
        }
        InspectSources.Loaded loaded;
        dev.rolechain.inspect.OrganizationMap map;
        try {
            long started = System.nanoTime();
            loaded = services.inspectSources().load(new InspectSources.Request(profiles, dumps, planned,
                    setup == null ? null : setup.toString(), organization, accessRole, threads),
                    (profile, message) -> err.println(profile + ": " + message), () -> false);
            map = loaded.organization();
            if (organization != null) {
                err.printf("organization %s: %d account(s) read, %d refused, in %.1f s%n", map.id(),
                        map.unitOfAccount().size() - map.refused().size(), map.refused().size(),
                        (System.nanoTime() - started) / 1e9);
                map.refused().forEach((account, why) -> err.println("refused " + account + ": " + why));
            }
            if (save != null) {
                DumpFolder.write(save, loaded.accounts(), map);
                err.println("saved " + loaded.accounts().size() + " account(s) to " + save);
            }
        } catch (IOException e) {
            err.println("rolechain: cannot save to " + save + ": " + e.getMessage());
            return 1;
        } catch (dev.rolechain.aws.OrganizationsApi.OrganizationsException e) {
            err.println("rolechain: --organization " + organization + ": " + e.getMessage());
            return 1;
        } catch (DumpReader.DumpException | IllegalArgumentException e) {
            err.println("rolechain: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        } catch (TrustReader.ReadException | CancellationException e) {
            err.println("rolechain: " + e.getMessage());
            return 1;
        }
        Set<String> production = new LinkedHashSet<>(productionAccounts);
        TrustGraph graph = services.graphBuilder().build(loaded.accounts(),
                new GraphBuilder.Production(production, loaded.production().roleArns()));
        TrustQueries queries = new TrustQueries(graph);
        TrustQueries.Answer answer = query == null ? null : queries.query(query);
        if (answer != null && answer.reached().isEmpty() && query.startsWith("arn:") && graph.node(query.strip()).isEmpty()) {
            err.println("rolechain: --query " + query + ": no such node in the graph (a role ARN of an inspected account, "
                    + "or a GitHub sub)");
            return RolechainCommand.EXIT_INVALID;
        }
        String text = switch (format) {
            case "dot" -> GraphExport.dot(graph, answer == null ? Set.of() : answer.nodesOnPaths());
            case "mermaid" -> GraphExport.mermaid(graph, answer == null ? Set.of() : answer.nodesOnPaths());
            default -> answer != null ? GraphExport.answer(answer) : GraphExport.json(graph, queries.risky(), null, map);
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            try {
                ExportWriter.writeAtomically(out, text);
            } catch (IOException e) {
                err.println("rolechain: cannot write " + out + ": " + e.getMessage());
                return 1;
            }
            err.println("wrote " + out);
        }
        return 0;
    }
}
