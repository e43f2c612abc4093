package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.IamAccountReader;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.FaultProxy;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.rolechain.aws.Backups;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.LiveRole;
import dev.rolechain.aws.Restorer;
import dev.rolechain.testsupport.IamState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;

/** apply through a proxy that throttles, fails, resets and stops calls: it ends complete or clearly failed, and a re-run completes it. */
class ApplyFaultsTest {
    private static final String FOREIGN_STATEMENT = "{\"Sid\": \"BreakGlass\", \"Effect\": \"Allow\", \"Principal\": "
            + "{\"AWS\": \"arn:aws:iam::999999999999:root\"}, \"Action\": \"sts:AssumeRole\"}";
    private static final String FOREIGN_TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [" + FOREIGN_STATEMENT + "]}";
    private static final String LEGACY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();
    private static FaultProxy proxy;
    private final Services services = new Services();
    private final DesiredState state = services.planner().plan(Examples.load("three-targets"));

    @BeforeAll
    static void start() throws Exception {
        proxy = new FaultProxy(moto.endpoint());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        moto.reset();
        proxy.clear();
        String config = moto.sharedConfig(Examples.THREE_TARGET_PROFILES);
        TestHome.awsConfig(config.replace(moto.endpoint(), proxy.endpoint()));
    }

    @Test
    void throttlingServerErrorsAndResetsAreRetriedAndTheApplyCompletes() {
        proxy.fail("CreateRole", FaultProxy.Fault.THROTTLE, 2);
        proxy.fail("PutRolePolicy", FaultProxy.Fault.SERVER_ERROR, 1);
        proxy.fail("AttachRolePolicy", FaultProxy.Fault.RESET, 1);
        Applier.Result result = services.applier().apply(state, (a, r, why, diff) -> false);
        assertThat(proxy.failed()).contains("CreateRole THROTTLE", "PutRolePolicy SERVER_ERROR", "AttachRolePolicy RESET");
        assertThat(result.skipped()).isEmpty();
        assertPlannedState();
    }

    @Test
    void aRunStoppedBetweenTwoWritesIsCompletedByARerun() {
        proxy.fail("PutRolePolicy", FaultProxy.Fault.FATAL, 1);
        assertThatThrownBy(() -> services.applier().apply(state, (a, r, why, diff) -> false))
                .hasMessageContaining("injected").hasMessageContaining("journal")
                .hasMessageContaining("running apply again finishes the job");
        // Whatever was written is whole: every role that exists has its complete planned trust.
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                for (Role role : planned.roles()) {
                    new IamAccountReader(iam).role(role.name()).ifPresent(live -> assertThat(live.trustPolicy().normalized())
                            .isEqualTo(role.trustPolicy().normalized()));
                }
            }
        }
        proxy.clear();
        Applier.Result rerun = services.applier().apply(state, (a, r, why, diff) -> false);
        assertThat(rerun.writes()).isPositive();
        assertPlannedState();
        assertThat(services.applier().apply(state, (a, r, why, diff) -> false).writes()).isZero();
    }

    /**
     * The apply process is killed (SIGKILL) while a write call is held, at several points: every trust
     * that exists is whole, a re-run converges, and restore of the killed run's backup returns the
     * accounts to exactly what they were (another team's role and, with --remove-created, nothing else).
     */
    @ParameterizedTest(name = "killed at write {0}")
    @ValueSource(ints = {1, 4, 11})
    void aProcessKilledBetweenTwoWritesConvergesOnARerunAndItsBackupRestoresTheOriginal(int write, @TempDir Path data)
            throws Exception {
        try (IamClient iam = moto.iam("555555555555")) {
            iam.createRole(r -> r.roleName("gha-deploy").description("theirs").assumeRolePolicyDocument(FOREIGN_TRUST)
                    .tags(Tag.builder().key("owner").value("platform").build()));
            iam.putRolePolicy(r -> r.roleName("gha-deploy").policyName("legacy").policyDocument(LEGACY));
        }
        Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
        state.accounts().forEach(a -> roles.put(a.accountId(), a.roles().stream().map(Role::name).toList()));
        IamState before = IamState.read(moto, roles);

        proxy.hangAtWrite(write);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rolechain.Launcher", "apply", "--setup",
                Examples.path("three-targets").toString(), "--yes")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("XDG_DATA_HOME", data.toString());
        Process apply = builder.start();
        apply.getOutputStream().close();
        try {
            assertThat(proxy.awaitHang(120)).as("the apply reached write %d", write).isTrue();
            assertThat(new ProcessBuilder("kill", "-9", String.valueOf(apply.pid())).start().waitFor()).isZero();
        } finally {
            apply.destroyForcibly();
            apply.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            proxy.releaseHung();
        }
        assertThat(apply.isAlive()).isFalse();
        proxy.clear();
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                for (Role role : planned.roles()) {
                    // a trust is as it was or as planned, never half: Rolechain's statement is absent or whole
                    new IamAccountReader(iam).role(role.name()).ifPresent(live -> assertThat(live.trustPolicy()
                            .statements().stream().filter(st -> dev.rolechain.plan.Ownership.owns(st.sid())).toList())
                            .as("Rolechain's statements in %s", role.name())
                            .isIn(List.of(), role.trustPolicy().statements()));
                }
            }
        }
        Path backupRoot = data.resolve("rolechain").resolve("backups");
        List<Path> killedRun;
        try (var list = Files.list(backupRoot)) {
            killedRun = list.filter(p -> !p.getFileName().toString().equals("pending")).toList();
        }
        assertThat(killedRun).as("the killed run saved its backup before its first write").hasSize(1);

        Journal journal = new Journal(data.resolve("rolechain").resolve("journal.jsonl"));
        Backups backups = new Backups(backupRoot);
        Applier applier = new Applier(dev.rolechain.aws.AccountSession::open, new dev.rolechain.plan.Differ(),
                services.chainCheck(), journal, backups);
        Applier.Result rerun = applier.apply(state, (a, r, why, diff) -> true);
        assertThat(rerun.skipped()).isEmpty();
        assertThat(applier.apply(state, (a, r, why, diff) -> true).writes()).as("converged").isZero();
        LiveRole theirs = IamState.read(moto, roles).role("555555555555", "gha-deploy").orElseThrow();
        assertThat(theirs.trustJson()).contains(FOREIGN_STATEMENT);
        assertThat(theirs.inlineJson()).containsEntry("legacy", LEGACY);

        Restorer restorer = new Restorer(dev.rolechain.aws.AccountSession::open, journal, backups);
        assertThat(restorer.restore(killedRun.get(0), false, created -> false).problems()).isEmpty();
        assertThat(IamState.read(moto, roles).role("555555555555", "gha-deploy"))
                .isEqualTo(before.role("555555555555", "gha-deploy"));
        assertThat(restorer.restore(killedRun.get(0), true, created -> true).problems()).isEmpty();
        assertThat(IamState.read(moto, roles)).isEqualTo(before);
    }

    @Test
    void aRerunAfterAFailureKeepsTheBackupOfTheStateBeforeTheFirstRun(@TempDir Path data) throws Exception {
        try (IamClient iam = moto.iam("555555555555")) {
            iam.createRole(r -> r.roleName("gha-deploy").description("theirs").assumeRolePolicyDocument(FOREIGN_TRUST));
        }
        Map<String, List<String>> roles = Map.of("555555555555", List.of("gha-deploy"));
        IamState before = IamState.read(moto, roles);
        Backups backups = new Backups(data.resolve("backups"));
        Journal journal = new Journal(data.resolve("journal.jsonl"));
        Applier applier = new Applier(dev.rolechain.aws.AccountSession::open, new dev.rolechain.plan.Differ(),
                services.chainCheck(), journal, backups);
        // the prod role's trust is written, then its next write fails
        proxy.fail("AttachRolePolicy", FaultProxy.Fault.FATAL, 100);
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> applier.apply(state, (a, r, w, d) -> true));
        assertThat(failure).isInstanceOf(Applier.ApplyException.class);
        Path first = ((Applier.ApplyException) failure).backupFolder();
        assertThat(failure.getMessage()).contains("AttachRolePolicy", "failed", "journal " + journal.file(),
                "the state before this apply is in " + first, "rolechain restore " + first);
        assertThat(IamState.read(moto, roles).role("555555555555", "gha-deploy").orElseThrow().trustJson())
                .contains("RolechainOidcRoleChain");

        proxy.clear();
        Applier.Result rerun = applier.apply(state, (a, r, w, d) -> true);
        assertThat(rerun.backupFolder()).isNotEqualTo(first);
        assertThat(Files.readString(rerun.backupFolder().resolve("555555555555-role-gha-deploy.json")))
                .as("the re-run saved the state from before the first run")
                .isEqualTo(Files.readString(first.resolve("555555555555-role-gha-deploy.json")))
                .doesNotContain("RolechainOidcRoleChain");
        new Restorer(dev.rolechain.aws.AccountSession::open, journal, backups).restore(rerun.backupFolder(), false, c -> false);
        assertThat(IamState.read(moto, roles)).isEqualTo(before);
    }

    private void assertPlannedState() {
        for (IamAccount planned : state.accounts()) {
            try (IamClient iam = moto.iam(planned.accountId())) {
                IamAccount read = new IamAccountReader(iam).read(planned.accountId(),
                        planned.roles().stream().map(Role::name).toList());
                assertThat(read.normalized()).as("account %s", planned.accountId()).isEqualTo(planned.normalized());
            }
        }
    }
}
