package dev.rolechain.ui.wizard;

import dev.rolechain.Services;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.AwsErrors;
import dev.rolechain.aws.LiveCheck;
import dev.rolechain.aws.SsoSignIn;
import dev.rolechain.plan.DesiredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/** What the Apply and Verify pages do with AWS, through the services of the aws package. Call off the FX thread. */
public final class LiveAws implements ApplyModel.Aws, VerifyModel.Aws {
    /** One account's profile now: the identity it reaches, or why it reaches none or the wrong one. */
    public record ProfileStatus(String account, String profile, boolean ok, String status, boolean ssoSession) {
    }

    private final Services services;

    public LiveAws(Services services) {
        this.services = services;
    }

    public List<ProfileStatus> profiles(DesiredState state) {
        List<ProfileStatus> out = new ArrayList<>();
        for (var account : state.liveAccounts()) {
            String id = account.accountId();
            String profile = state.profileFor(id);
            boolean sso = profile != null && SsoSignIn.sessionOf(profile).isPresent();
            try (AccountSession session = AccountSession.open(profile)) {
                AccountSession.CallerIdentity who = session.identity();
                boolean ok = who.account().equals(id);
                out.add(new ProfileStatus(id, profile, ok, ok ? who.arn()
                        : "reaches account " + who.account() + ", not " + id + ": Rolechain will not act on it", sso));
            } catch (SdkException e) {
                out.add(new ProfileStatus(id, profile, false, AwsErrors.describe(profile, e), sso));
            } catch (RuntimeException e) {
                out.add(new ProfileStatus(id, profile, false, String.valueOf(e.getMessage()), sso));
            }
        }
        return out;
    }

    public dev.rolechain.aws.LivePlanner.Review plan(DesiredState state) {
        return services.livePlanner().review(state);
    }

    /** Restores a backup folder written by apply; removes what apply created only when {@code removal} agrees. */
    public dev.rolechain.aws.Restorer.Result restore(java.nio.file.Path folder, dev.rolechain.aws.Restorer.Removal removal)
            throws IOException {
        return services.restorer().restore(folder, true, removal);
    }

    /** Where apply keeps its backups (the folder the restore chooser opens in). */
    public java.nio.file.Path backupsFolder() {
        return services.backups().root();
    }

    public Applier.Result apply(DesiredState state, Applier.Confirmation confirmation, Applier.Progress progress) {
        return services.wholeApply().apply(state, confirmation, progress, p -> progress.writing("organization",
                "StackSet operation " + p.operation() + ": " + p.succeeded() + " account(s) done, " + p.failed()
                        + " failed, " + p.running() + " in progress", p.stackSet())).merged();
    }

    public LiveCheck.Result verify(DesiredState state, boolean afterApply) throws InterruptedException {
        return afterApply ? services.liveCheck().checkAfterApply(state) : services.liveCheck().check(state);
    }

    public void signIn(String profile, Consumer<SsoSignIn.DeviceCode> show) throws IOException, InterruptedException {
        new SsoSignIn().signIn(profile, show, Duration.ofMinutes(10));
    }

    /** The last lines of the journal of writes. */
    public List<String> journalTail(int lines) throws IOException {
        var file = services.journal().file();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(LiveAws::readable).toList();
    }

    /** A journal line as a person reads it: local time, account, call, resource, result. */
    static String readable(String json) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            String time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(
                    java.time.Instant.parse(node.path("time").asText()).atZone(java.time.ZoneId.systemDefault()));
            return time + "  " + node.path("account").asText() + "  " + node.path("action").asText() + "  "
                    + node.path("resource").asText() + "  " + node.path("result").asText();
        } catch (java.io.IOException | java.time.DateTimeException e) {
            return json; // not a line of ours: shown as it is
        }
    }
}
