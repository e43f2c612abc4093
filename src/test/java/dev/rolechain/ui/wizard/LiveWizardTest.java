package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.plan.Change;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.MotoServer;
import dev.rolechain.testsupport.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Apply and Verify pages against moto accounts reached through the Setup's profiles. */
@ExtendWith(ApplicationExtension.class)
class LiveWizardTest {
    @TempDir
    static Path temp;
    @RegisterExtension
    static final MotoServer moto = MotoServer.perTestClass();

    private WizardFixture wizard;

    @org.junit.jupiter.api.BeforeEach
    void freshAccounts() throws Exception {
        moto.reset();
        TestHome.awsConfig(moto.sharedConfig(Examples.THREE_TARGET_PROFILES));
    }

    @Test
    void aRoleRolechainDoesNotManageIsChangedOnlyAfterTheUserAgreesKeepsWhatIsNotOursAndCanBeRestored(FxRobot robot)
            throws Exception {
        try (var iam = moto.iam("555555555555")) {
            iam.createRole(r -> r.roleName("gha-deploy").description("hand-made").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::555555555555:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the preview is ready", () -> wizard.model().renderedProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.APPLY));
        wizard.dialogs.agree = false;
        click(robot, "#applyButton");
        Label result = robot.lookup("#applyMessage").queryAs(Label.class);
        waitUntil("the apply ends", () -> result.getText().contains("write calls"));
        assertThat(wizard.dialogs.confirmations).containsExactly("Change role gha-deploy in account 555555555555?");
        assertThat(result.getText()).contains("one role left unchanged");
        assertThat(wizard.dialogs.messages.get(0)).contains("the role exists and was not created by Rolechain",
                "Kept as they are: 1 trust statement of others; the description", "RolechainOidcRoleChain");
        String original = trust();
        assertThat(original).contains("555555555555:root").doesNotContain("Rolechain");

        // the plan says, per role, what it keeps of others'
        click(robot, "#planButton");
        ListView<Change> changes = robot.lookup("#changeList").queryListView();
        waitUntil("the plan is read", () -> changes.getItems().stream().anyMatch(c -> c.action() == Change.Action.UPDATE));
        int update = changes.getItems().stream().map(c -> c.action()).toList().indexOf(Change.Action.UPDATE);
        robot.interact(() -> {
            changes.scrollTo(update);
            changes.getSelectionModel().clearAndSelect(update);
        });
        waitUntil("the plan shows what is kept", () -> robot.lookup(".list-cell").queryAll().stream()
                .anyMatch(c -> c instanceof javafx.scene.control.Labeled l && l.getText() != null
                        && l.getText().startsWith("update  555555555555  role/gha-deploy")));
        assertThat(robot.lookup(".list-cell").queryAll().stream().filter(c -> c instanceof javafx.scene.control.Labeled)
                .map(c -> ((javafx.scene.control.Labeled) c).getText()).filter(t -> t != null && t.contains("role/gha-deploy")
                        && t.startsWith("update")).findFirst().orElseThrow())
                .endsWith("kept: 1 trust statement of others; the description");

        wizard.dialogs.agree = true;
        click(robot, "#applyButton");
        waitUntil("the second apply ends", () -> result.getText().contains("saved in"));
        assertThat(trust()).contains("555555555555:root", "RolechainOidcRoleChain");
        String folder = result.getText().replaceFirst("(?s).*saved in (\\S+) .*", "$1");

        // Restore, from the Apply page
        wizard.dialogs.folder = Path.of(folder);
        wizard.dialogs.agree = true;
        click(robot, "#restoreButton");
        Label restored = robot.lookup("#restoreMessage").queryAs(Label.class);
        waitUntil("the restore ends", () -> restored.getText().contains("restored"));
        assertThat(restored.getText()).startsWith("1 restored");
        assertThat(trust()).isEqualTo(original);
        try (var iam = moto.iam("555555555555")) {
            assertThat(iam.getRole(r -> r.roleName("gha-deploy")).role().description()).isEqualTo("hand-made");
        }
    }

    private static String trust() {
        try (var iam = moto.iam("555555555555")) {
            return java.net.URLDecoder.decode(iam.getRole(r -> r.roleName("gha-deploy")).role().assumeRolePolicyDocument(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        wizard = new WizardFixture(stage, Files.createTempDirectory(temp, "data"));
    }

    @AfterEach
    void stop() {
        wizard.close();
    }

    @Test
    void checkPlanApplyAndVerifyTheThreeTargetSetupFromTheWizard(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the preview is ready", () -> wizard.model().renderedProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.APPLY));
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.APPLY);
        waitUntil("every profile is checked", () -> robot.lookup("#profileStatus-3").tryQuery().isPresent());
        for (int i = 0; i < 4; i++) {
            assertThat(robot.lookup("#profileStatus-" + i).queryAs(Label.class).getText()).startsWith("✔ arn:aws:");
        }

        click(robot, "#planButton");
        ListView<Change> changes = robot.lookup("#changeList").queryListView();
        waitUntil("the plan is read", () -> !changes.getItems().isEmpty());
        assertThat(changes.getItems()).extracting(Change::action).containsOnly(Change.Action.CREATE);
        int role = changes.getItems().stream().map(Change::resource).toList().indexOf("role/gha-deploy");
        robot.interact(() -> changes.getSelectionModel().clearAndSelect(role));
        var plannedView = robot.lookup("#plannedDocument").queryAs(org.fxmisc.richtext.CodeArea.class);
        assertThat(plannedView.getText()).contains("\"sts:ExternalId\"", "gha-oidc");
        assertThat(robot.lookup("#liveDocument").queryAs(org.fxmisc.richtext.CodeArea.class).getText()).isEmpty();

        click(robot, "#applyButton");
        Label result = robot.lookup("#applyMessage").queryAs(Label.class);
        waitUntil("the apply ends", () -> result.getText().contains("write calls"));
        assertThat(result.getText()).doesNotStartWith("0 write calls");
        assertThat(robot.lookup("#applySteps").queryListView().getItems()).isNotEmpty();
        waitUntil("the journal is shown", () -> !robot.lookup("#journalList").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#journalList").<String>queryListView().getItems()).as("read as a person reads it")
                .allSatisfy(line -> assertThat(line).doesNotStartWith("{")).anySatisfy(line -> assertThat(line)
                        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  \\d{12}  CreateRole  role/.*  ok"));
        // a finished apply plans again: the list shows what is left, not what was to do
        waitUntil("the plan after the apply", () -> !changes.getItems().isEmpty()
                && changes.getItems().stream().allMatch(c -> c.action() == Change.Action.NONE));

        wizard.screenshot(robot, WizardFixture.screenshots().resolve("apply-light.png"));
        click(robot, "#planButton");
        waitUntil("the second plan is read", () -> !changes.getItems().isEmpty()
                && changes.getItems().stream().allMatch(c -> c.action() == Change.Action.NONE));

        robot.interact(() -> wizard.model().walkthrough().goTo(Step.VERIFY));
        click(robot, "#verifyButton");
        Label summary = robot.lookup("#verifySummary").queryAs(Label.class);
        Label provider = robot.lookup("#verifyProvider").queryAs(Label.class);
        waitUntil("the live check ends", () -> (summary.getText().startsWith("All ") || summary.getText().contains(" not "))
                && !provider.getText().isEmpty());
        assertThat(summary.getText()).matches("All \\d+ cells as expected\\.");
        assertThat(provider.getText()).contains("ok");
        assertThat(robot.lookup("#liveMatrixTable").queryTableView().getItems()).isNotEmpty();
        assertThat(robot.lookup("#verifyPermissions").queryListView().getItems()).hasSize(3);
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("verify-light.png"));
    }

    @Test
    void inspectReadsTwoProfilesLiveAndACancelStopsTheReading(FxRobot robot) {
        try (var iam = moto.iam("111111111111")) {
            iam.createRole(r -> r.roleName("oidc").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.putRolePolicy(r -> r.roleName("oidc").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"arn:aws:iam::333333333333:role/deploy\"}]}"));
        }
        try (var iam = moto.iam("333333333333")) {
            iam.createRole(r -> r.roleName("deploy").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::111111111111:role/oidc\"},\"Action\":\"sts:AssumeRole\","
                            + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"x-1\"}}}]}"));
        }
        click(robot, "#inspectButton");
        dev.rolechain.ui.inspect.InspectView view = wizard.window.inspect().view();
        Label status = robot.lookup("#inspectStatus").queryAs(Label.class);
        // Inspect, then Cancel at once: the reading stops at its first check and nothing is shown
        robot.interact(() -> {
            view.chooseProfiles(java.util.List.of("acme-tooling", "acme-dev"));
            robot.lookup("#inspectRun").queryButton().fire();
            robot.lookup("#inspectCancel").queryButton().fire();
        });
        waitUntil("the reading is cancelled", () -> status.getText().startsWith("Cancelled"));
        assertThat(view.graph()).isNull();
        click(robot, "#inspectRun");
        waitUntil("the graph is shown", () -> view.graph() != null);
        assertThat(status.getText()).startsWith("2 roles,");
        assertThat(view.graph().outgoing("arn:aws:iam::111111111111:role/oidc")).singleElement()
                .satisfies(e -> {
                    assertThat(e.to()).isEqualTo("arn:aws:iam::333333333333:role/deploy");
                    assertThat(e.hasConditionKey("sts:ExternalId")).isTrue();
                });
        assertThat(robot.lookup("#inspectSources").queryAs(Label.class).getText())
                .isEqualTo("profile acme-tooling, profile acme-dev");
    }

}
