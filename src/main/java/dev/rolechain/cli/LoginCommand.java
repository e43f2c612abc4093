package dev.rolechain.cli;

import dev.rolechain.aws.SsoSignIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code rolechain login}: IAM Identity Center sign-in for a profile, with the device flow. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign in to IAM Identity Center for an SSO profile (device authorization): open the URL shown, "
                + "check the code, approve. The token is cached where the AWS CLI caches it.")
public final class LoginCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", description = "A profile with an sso-session.")
    String profile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "How long to wait for approval.")
    int timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path cache = new SsoSignIn().signIn(profile, code -> {
                out.println("Open " + (code.verificationUriComplete() != null ? code.verificationUriComplete()
                        : code.verificationUri()) + " and check that it shows the code " + code.userCode());
                out.flush();
            }, Duration.ofSeconds(timeout));
            out.println("Signed in; token cached in " + cache);
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("rolechain: " + e.getMessage());
            return RolechainCommand.EXIT_INVALID;
        } catch (IOException | SdkException e) {
            spec.commandLine().getErr().println("rolechain: sign-in failed: " + e.getMessage());
            return 1;
        }
    }
}
