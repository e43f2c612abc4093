package dev.rolechain.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.Backups;
import dev.rolechain.aws.DataFolder;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.LiveRole;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import dev.rolechain.plan.Planner;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.IamState;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * apply and restore where another team already owns the role the Setup names, and where something is
 * wrong before the first write (a profile of the wrong account, a journal or backup folder that cannot be
 * written): nothing of others is lost, nothing is written too early, and every failure is one line.
 */
class ApplySafetyOnMotoTest {
    private static final String SETUP = Examples.path("three-targets").toString();
    private static final String PROD = "555555555555";
    private static final String BREAK_GLASS = "{\n      \"Sid\": \"BreakGlass\",\n      \"Effect\": \"Allow\",\n"
            + "      \"Principal\": {\"AWS\": \"arn:aws:iam::999999999999:root\"},\n      \"Action\": \"sts:AssumeRole\",\n"
            + "      \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}\n    }";
    private static final String LEGACY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::legacy/*\"}]}";
    private static final Map<String, List<String>> ROLES = Map.of("111111111111",
            List.of("gha-oidc-dev", "gha-oidc-staging", "gha-oidc-prod"), "333333333333", List.of("gha-deploy"),
            "444444444444", List.of("gha-deploy"), PROD, List.of("gha-deploy"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    @BeforeEach
    void config() throws Exception {
        moto.reset();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
    }

    /** The other team's role: BreakGlass trust for another account with MFA, inline, attached, tag, boundary. */
    private static void breakGlassRole(String extraStatement) {
        String trust = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + BREAK_GLASS
                + (extraStatement == null ? "" : ",\n    " + extraStatement) + "\n  ]\n}\n";
        try (IamClient iam = moto.iam(PROD)) {
            iam.createRole(r -> r.roleName("gha-deploy").assumeRolePolicyDocument(trust).description("platform break-glass")
                    .permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess")
                    .tags(Tag.builder().key("owner").value("platform").build()));
            iam.putRolePolicy(r -> r.roleName("gha-deploy").policyName("legacy").policyDocument(LEGACY));
            iam.attachRolePolicy(r -> r.roleName("gha-deploy").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        }
    }

    /** The backup folder an apply printed. */
    private static String backupFolder(Cli apply) {
        return apply.out().lines().filter(l -> l.startsWith("The state before this apply is saved in ")).findFirst()
                .orElseThrow(() -> new AssertionError("no backup folder in: " + apply.out()))
                .replaceFirst("^The state before this apply is saved in (\\S+) .*$", "$1");
    }

    private static LiveRole prodRole(IamState state) {
        return state.role(PROD, "gha-deploy").orElseThrow();
    }

    @Test
    void applyKeepsAnotherTeamsRoleWholeAndRestoreReturnsItExactly() throws Exception {
        breakGlassRole(null);
        IamState before = IamState.read(moto, ROLES);

        Cli refused = new Cli();
        assertThat(refused.run("apply", "--setup", SETUP)).isEqualTo(1);
        assertThat(refused.err()).contains("555555555555 role/gha-deploy needs consent: the role exists and was not created "
                + "by Rolechain; its trust policy changes. Kept as they are: 1 trust statement of others; inline policy "
                + "legacy; attached arn:aws:iam::aws:policy/ReadOnlyAccess; tag owner; permissions boundary "
                + "arn:aws:iam::aws:policy/PowerUserAccess; the description");
        assertThat(prodRole(IamState.read(moto, ROLES))).isEqualTo(prodRole(before));
        String firstRun = backupFolder(refused);

        Cli apply = new Cli();
        assertThat(apply.run("apply", "--setup", SETUP, "--yes")).as(apply.err()).isZero();
        assertThat(apply.out()).contains("update 555555555555 role/gha-deploy", "(keeps 1 trust statement of others)");
        LiveRole after = prodRole(IamState.read(moto, ROLES));
        assertThat(after.trustJson()).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + BREAK_GLASS
                + ",\n    {\"Sid\":\"RolechainOidcRoleChain\"");
        assertThat(after.inlineJson()).containsEntry("legacy", LEGACY);
        assertThat(after.role().managedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/PowerUserAccess",
                "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(after.role().tags()).isEqualTo(Map.of("owner", "platform"));
        assertThat(after.role().permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(after.role().description()).isEqualTo("platform break-glass");
        assertThat(after.role().maxSessionDuration()).isEqualTo(7200);

        Cli restore = new Cli();
        assertThat(restore.run("restore", backupFolder(apply))).as(restore.err()).isZero();
        assertThat(restore.out()).isEqualTo("restored 555555555555 role/gha-deploy\n");
        assertThat(prodRole(IamState.read(moto, ROLES))).isEqualTo(prodRole(before));

        // the first run (the one refused consent for the prod role) created the rest
        Cli kept = new Cli();
        assertThat(kept.run("restore", firstRun)).as(kept.err()).isZero();
        assertThat(kept.out()).contains("kept 111111111111 role/gha-oidc-prod: apply created it; rolechain restore "
                + "--remove-created " + firstRun + " removes it");
        Cli remove = new Cli();
        assertThat(remove.run("restore", firstRun, "--remove-created", "--yes")).as(remove.err()).isZero();
        assertThat(remove.out()).contains("removed 111111111111 role/gha-oidc-prod (apply created it)",
                "removed 111111111111 oidc-provider/token.actions.githubusercontent.com (apply created it)");
        assertThat(IamState.read(moto, ROLES)).isEqualTo(before);
    }

    @Test
    void aKeptStatementThatDeniesTheOidcRoleIsAFindingAndStaysInPlace() throws Exception {
        String deny = "{\"Sid\":\"NoCi\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:role/gha-oidc-prod\"},"
                + "\"Action\":\"sts:AssumeRole\"}";
        breakGlassRole(deny);
        Cli plan = new Cli();
        assertThat(plan.run("plan", "--setup", SETUP)).as(plan.err()).isZero();
        assertThat(plan.out()).contains("finding: target prod: repo:acme/app:environment:production would be denied at "
                + "target-trust by a statement Rolechain keeps");
        Cli apply = new Cli();
        assertThat(apply.run("apply", "--setup", SETUP, "--yes", "--format", "json")).as(apply.err()).isZero();
        JsonNode result = JSON.readTree(apply.out());
        assertThat(result.get("findings").toString()).contains("would be denied at target-trust");
        assertThat(prodRole(IamState.read(moto, ROLES)).trustJson()).contains(deny);
    }

    @Test
    void aSetupOverAnIamQuotaLintsAsAnErrorExportsForReviewAndApplyRefusesBeforeAnyCall(@TempDir Path temp)
            throws Exception {
        // one shared OIDC role whose trust lists sixty branches: more than IAM's 2,048 characters
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        ((ObjectNode) root.get("tooling")).put("oidcRoles", "shared");
        com.fasterxml.jackson.databind.node.ArrayNode subjects = (com.fasterxml.jackson.databind.node.ArrayNode)
                root.get("targets").get(0).get("subjects");
        for (int i = 0; i < 60; i++) {
            subjects.addObject().put("repository", "app").put("branch", "release/2026." + i);
        }
        ((ObjectNode) root.get("targets").get(2)).putObject("acceptRisk").put("RC403", "a test of quotas");
        Path setup = Files.writeString(temp.resolve("big.json"), root.toPrettyString());

        Cli lint = new Cli();
        assertThat(lint.run("lint", "--setup", setup.toString())).isEqualTo(1);
        String message = lint.out().lines().filter(l -> l.startsWith("error RC501 ")).findFirst().orElseThrow();
        assertThat(message).startsWith("error RC501 policies/111111111111/gha-oidc/trust.json: role trust policy length: ")
                .contains("non-whitespace characters, over the limit of 2,048", "can be raised to 4,096",
                        "\"quotas\": {\"trustPolicySize\": 4096}", "use per-target OIDC roles");

        Cli export = new Cli();
        assertThat(export.run("export", "--setup", setup.toString(), "--out", temp.resolve("out").toString()))
                .as(export.err()).isZero();
        assertThat(temp.resolve("out/policies/111111111111/gha-oidc/trust.json")).exists();

        moto.startRecording();
        Cli apply = new Cli();
        assertThat(apply.run("apply", "--setup", setup.toString(), "--yes")).isEqualTo(1);
        assertThat(moto.stopRecording()).as("calls to AWS").isEmpty();
        assertThat(apply.err()).contains(message.substring("error RC501 ".length()), "nothing was written");

        // a user who raised the quota says so, and the same Setup is within it
        root.putObject("quotas").put("trustPolicySize", 4096);
        Files.writeString(setup, root.toPrettyString());
        Cli raised = new Cli();
        raised.run("lint", "--setup", setup.toString());
        assertThat(raised.out()).doesNotContain("RC501");
    }

    @Test
    void aProfileOfTheWrongAccountMakesNoWriteCallInAnyAccount() throws Exception {
        Map<String, String> profiles = new HashMap<>(Examples.THREE_TARGET_PROFILES);
        profiles.put("acme-prod", "999999999999");
        TestHome.awsConfig(moto.sharedConfig(profiles));
        moto.startRecording();
        Cli cli = new Cli();
        int code = cli.run("apply", "--setup", SETUP, "--yes");
        List<String> calls = moto.stopRecording();
        assertThat(code).isEqualTo(1);
        assertThat(cli.err().strip()).startsWith("rolechain: profile acme-prod reaches account 999999999999")
                .contains("but the Setup plans account 555555555555", "Nothing was written").doesNotContain("\tat ");
        assertThat(calls).as("the accounts were asked who the profiles are").contains("GetCallerIdentity");
        assertThat(calls.stream().filter(MotoServer::writes).toList()).as("write calls").isEmpty();
    }

    @Test
    void aJournalOrBackupFolderThatCannotBeWrittenStopsApplyBeforeAnyWrite(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        DesiredState state = new Planner().plan(Examples.load("three-targets"));
        ChainCheck check = new ChainCheck(new PolicyEvaluator());
        moto.startRecording();
        Applier noJournal = new Applier(AccountSession::open, new Differ(), check, new Journal(file.resolve("journal.jsonl")),
                new Backups(temp.resolve("backups")));
        assertThatThrownBy(() -> noJournal.apply(state, (a, r, w, d) -> true))
                .hasMessageStartingWith("cannot write the journal " + file.resolve("journal.jsonl"))
                .hasMessageContaining("nothing was written");
        Applier noBackups = new Applier(AccountSession::open, new Differ(), check, new Journal(temp.resolve("journal.jsonl")),
                new Backups(file.resolve("backups")));
        assertThatThrownBy(() -> noBackups.apply(state, (a, r, w, d) -> true))
                .hasMessageStartingWith("cannot write backups in " + file.resolve("backups"))
                .hasMessageContaining("nothing was written");
        assertThat(moto.stopRecording()).isEmpty();

        // the same through the command line: one line, no stack trace
        Path backups = DataFolder.get().resolve("backups");
        Path aside = DataFolder.get().resolve("backups-aside");
        if (Files.exists(backups)) {
            Files.move(backups, aside);
        }
        try {
            Files.createDirectories(backups.getParent());
            Files.writeString(backups, "a file where the backup folder should be");
            Cli cli = new Cli();
            assertThat(cli.run("apply", "--setup", SETUP, "--yes")).isEqualTo(1);
            assertThat(cli.err().strip().lines()).singleElement().asString()
                    .startsWith("rolechain: cannot write backups in " + backups).contains("nothing was written");
        } finally {
            Files.deleteIfExists(backups);
            if (Files.exists(aside)) {
                Files.move(aside, backups);
            }
        }
    }

    @Test
    void backupsAndTheJournalAreReadableOnlyByTheUser() throws Exception {
        breakGlassRole(null);
        Cli apply = new Cli();
        assertThat(apply.run("apply", "--setup", SETUP, "--yes")).as(apply.err()).isZero();
        Path data = DataFolder.get();
        Path backups = data.resolve("backups");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("journal.jsonl"))).isEqualTo("rw-------");
        assertThat(mode(backups)).isEqualTo("rwx------");
        Path run = Path.of(backupFolder(apply));
        try (Stream<Path> all = Stream.concat(Files.walk(run), Files.walk(backups.resolve("pending")))) {
            List<Path> paths = all.toList();
            assertThat(paths).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo(PROD + "-role-gha-deploy.json"));
            for (Path p : paths) {
                assertThat(mode(p)).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void restoreOfABackupItCannotUseSaysWhichFileAndFieldInOneLine(@TempDir Path temp) throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty-object"));
        Files.writeString(empty.resolve("555555555555-role-gha-deploy.json"), "{}");
        assertRestoreFails(empty, empty.resolve("555555555555-role-gha-deploy.json")
                + ": format: missing: this is not a backup written by rolechain apply");

        Path malformed = Files.createDirectories(temp.resolve("malformed"));
        Files.writeString(malformed.resolve("555555555555-role-gha-deploy.json"), """
                {"format": 1, "account": "555555555555", "profile": "acme-prod", "kind": "role", "name": "gha-deploy",
                 "existed": true, "role": {"path": "/", "maxSessionDuration": 3600, "tags": {}, "attachedPolicyArns": [],
                 "inlinePolicies": {}, "trustPolicy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\"}]}"}}
                """);
        assertRestoreFails(malformed, "role.trustPolicy: not a valid policy document: $.Statement[0]: needs Action or NotAction");

        Path notJson = Files.createDirectories(temp.resolve("not-json"));
        Files.writeString(notJson.resolve("a.json"), "{\"format\": 1,");
        assertRestoreFails(notJson, notJson.resolve("a.json") + ": not JSON");
        assertRestoreFails(temp.resolve("missing"), temp.resolve("missing") + " is not a folder");
    }

    private static void assertRestoreFails(Path folder, String message) {
        Cli cli = new Cli();
        assertThat(cli.run("restore", folder.toString())).isEqualTo(1);
        assertThat(cli.err().strip().lines()).singleElement().asString().startsWith("rolechain: restore failed: ")
                .contains(message);
    }

    @Test
    void loginOnAnSsoSessionWithoutItsStartUrlSaysWhatToAdd() throws Exception {
        TestHome.awsConfig("""
                [sso-session corp]
                sso_region = us-east-1

                [profile corp-admin]
                sso_session = corp
                sso_account_id = 777777777777
                sso_role_name = Admin
                """);
        Cli cli = new Cli();
        assertThat(cli.run("login", "--profile", "corp-admin")).isEqualTo(2);
        assertThat(cli.err().strip().lines()).singleElement().asString().isEqualTo("rolechain: [sso-session corp] in the AWS "
                + "config (~/.aws/config) has no sso_start_url; add sso_start_url = the portal URL, e.g. "
                + "https://my-company.awsapps.com/start (aws configure sso-session writes it)");
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
