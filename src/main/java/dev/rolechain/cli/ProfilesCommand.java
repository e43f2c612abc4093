package dev.rolechain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.AwsErrors;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.plan.DesiredState;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code rolechain profiles}: for each account the Setup uses, whether its profile has credentials now, and for which account. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "For each account of the Setup: its AWS profile, whether it has valid credentials now (STS "
                + "GetCallerIdentity), and whether it reaches the account the Setup expects. Exit 1 when any does not.")
public final class ProfilesCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services;

    @CommandLine.Mixin
    SetupOption setup = new SetupOption();

    @CommandLine.Mixin
    OutputFormat output = new OutputFormat();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ProfilesCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<DesiredState> state = setup.plan(services, spec.commandLine().getErr());
        if (state.isEmpty()) {
            return RolechainCommand.EXIT_INVALID;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode rows = root.putArray("profiles");
        boolean allGood = true;
        for (IamAccount account : state.get().liveAccounts()) {
            String profile = state.get().profileFor(account.accountId());
            ObjectNode row = rows.addObject().put("account", account.accountId()).put("profile", profile);
            String status;
            try (AccountSession session = AccountSession.open(profile)) {
                AccountSession.CallerIdentity who = session.identity();
                row.put("arn", who.arn()).put("reaches", who.account());
                boolean right = who.account().equals(account.accountId());
                row.put("ok", right);
                status = right ? "ok  " + who.arn() : "WRONG ACCOUNT: reaches " + who.account() + " (" + who.arn() + ")";
                allGood &= right;
            } catch (SdkException e) {
                String why = AwsErrors.describe(profile, e);
                row.put("ok", false).put("error", why);
                status = "NO CREDENTIALS: " + why;
                allGood = false;
            }
            if (!output.json()) {
                out.printf("%s  %-20s %s%n", account.accountId(), profile == null ? "(default)" : profile, status);
            }
        }
        if (output.json()) {
            out.println(root);
        }
        return allGood ? 0 : 1;
    }
}
