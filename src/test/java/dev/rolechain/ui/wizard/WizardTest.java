package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.replace;
import static dev.rolechain.ui.wizard.WizardFixture.text;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.lint.Finding;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Target;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard driven through its pages by node id, headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class WizardTest {
    @TempDir
    static Path temp;

    private WizardFixture wizard;

    @Start
    void start(Stage stage) throws IOException {
        wizard = new WizardFixture(stage, Files.createTempDirectory(temp, "data"));
    }

    @AfterEach
    void stop() {
        wizard.close();
    }

    @Test
    void typingTheArticleScenarioPreviewsItsTrustShowsFindingsAndExportsWhatTheCliExports(FxRobot robot)
            throws Exception {
        click(robot, "#newButton");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.GITHUB);
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).as("Next with no owner").isTrue();
        click(robot, "#ownerField").write("myorg");
        click(robot, "#repositoryField").write("app");
        click(robot, "#addRepositoryButton");
        assertThat(robot.lookup("#repositoryList").<String>queryListView().getItems()).containsExactly("app");
        click(robot, "#nextButton");

        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCOUNTS);
        click(robot, "#toolingAccountField").write("111111111111");
        click(robot, "#sharedRadio");
        replace(robot, "#targetName-0", "prod");
        click(robot, "#targetAccount-0").write("222222222222");
        replace(robot, "#targetRole-0", "ci-deploy-role");
        replace(robot, "#targetExternalId-0", "myorg-prod-deploy");
        assertThat(robot.lookup("#targetProduction-0").queryAs(CheckBox.class).isSelected()).isTrue();
        click(robot, "#nextButton");

        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCESS);
        click(robot, "#addSubjectButton");
        typeRepository(robot, 0, "*");
        assertThat(text(robot, "#subjectValue-0")).isEqualTo("main");
        click(robot, "#policySearchField").write("PowerUser");
        click(robot, "#attachButton");
        assertThat(robot.lookup("#managedList").<String>queryListView().getItems())
                .containsExactly("arn:aws:iam::aws:policy/PowerUserAccess");
        // every repository into production is an error until the target accepts it, with the reason
        waitUntil("the risk is shown", () -> robot.lookup("#acceptRisk-RC104").tryQuery().isPresent());
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).as("Next with an unaccepted risk").isTrue();
        click(robot, "#acceptRisk-RC104");
        click(robot, "#acceptRiskReason-RC104")
                .write("the article's scenario: every repository of myorg deploys main to production");
        waitUntil("Access is valid", () -> wizard.model().validProperty(Step.ACCESS).get());
        click(robot, "#nextButton");

        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.REVIEW);
        waitUntil("the preview is analysed", () -> !findingsFromModel().isEmpty());
        click(robot, "#findingsLink");
        assertThat(findings(robot)).extracting(Finding::ruleId).contains("RC104");
        robot.clickOn("Policies");
        ListView<?> policies = robot.lookup("#policyList").queryListView();
        robot.interact(() -> policies.getSelectionModel().select(0));
        String trust = wizard.window.page(Step.REVIEW) instanceof ReviewPage review ? review.policyCode().text() : "";
        assertThat(trust).contains("\"token.actions.githubusercontent.com:sub\": \"repo:myorg/*:ref:refs/heads/main\"")
                .contains("oidc-provider/token.actions.githubusercontent.com");
        assertThat(robot.lookup("#policyCode").tryQuery()).isPresent();

        // the warning goes when the subject names one repository, and comes back with "*"
        click(robot, "#step-access");
        typeRepository(robot, 0, "app");
        waitUntil("RC104 is gone", () -> findingsFromModel().stream().noneMatch(f -> f.ruleId().equals("RC104")));
        assertThat(robot.lookup("#findingsLink").queryAs(javafx.scene.control.Hyperlink.class).getText()).doesNotContain("RC104");
        typeRepository(robot, 0, "*");
        waitUntil("RC104 is back", () -> findingsFromModel().stream().anyMatch(f -> f.ruleId().equals("RC104")));
        assertThat(robot.lookup("#findingsLink").queryAs(javafx.scene.control.Hyperlink.class).getText()).contains("RC104");

        // what was typed is the article's scenario, with the repository listed on the GitHub page kept (no subject
        // names it: the subjects admit every repository)
        Setup article = new Services().loader().load(Examples.path("article"));
        Setup typed = wizard.model().setupProperty().get();
        assertThat(typed.github().repositories()).containsOnlyKeys("app");
        assertThat(new Setup(typed.github().withRepositories(java.util.Map.of()), typed.tooling(), typed.targets(),
                typed.workflow(), typed.quotas())).isEqualTo(article);

        click(robot, "#step-review");
        click(robot, "#nextButton");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.EXPORT);
        Path exported = temp.resolve("wizard-export");
        click(robot, "#exportFolderField").write(exported.toString());
        click(robot, "#exportButton");
        waitUntil("the export is written", () -> !robot.lookup("#writtenList").queryListView().getItems().isEmpty());
        assertThat(robot.lookup("#writtenList").<String>queryListView().getItems())
                .contains("terraform/tooling.tf", ".github/workflows/deploy.yml",
                        "policies/111111111111/github-actions-oidc/trust.json");

        Path saved = temp.resolve("typed-article.json");
        wizard.dialogs.save = saved;
        assertThat(wizard.stage.getTitle()).startsWith("*");
        click(robot, "#saveAsButton");
        waitUntil("the Setup is saved", () -> Files.exists(saved) && !wizard.model().dirtyProperty().get());
        assertThat(wizard.stage.getTitle()).isEqualTo("typed-article.json — Rolechain");

        Path cliOut = temp.resolve("cli-export");
        Cli cli = new Cli();
        assertThat(cli.run("export", "--setup", saved.toString(), "--out", cliOut.toString())).as(cli.err()).isZero();
        assertThat(FileTree.read(exported)).isEqualTo(FileTree.read(cliOut));
    }

    @Test
    void anInvalidAccountIdKeepsNextDisabledAndSaysWhatIsAllowed(FxRobot robot) {
        click(robot, "#newButton");
        click(robot, "#ownerField").write("myorg");
        click(robot, "#nextButton");
        click(robot, "#targetAccount-0").write("222222222222");
        replace(robot, "#targetExternalId-0", "ext-id-1");
        click(robot, "#toolingAccountField").write("12345");
        Label message = robot.lookup("#toolingAccountMessage").queryAs(Label.class);
        assertThat(message.getText()).isEqualTo("\"12345\" is not an AWS account id: exactly 12 digits");
        assertThat(message.isVisible()).isTrue();
        Button next = robot.lookup("#nextButton").queryButton();
        assertThat(next.isDisabled()).isTrue();
        click(robot, "#nextButton");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCOUNTS);
        assertThat(robot.lookup("#step-access").queryButton().isDisabled()).isTrue();

        robot.write("6789012");
        assertThat(message.isVisible()).isFalse();
        assertThat(next.isDisabled()).isFalse();

        // Back keeps everything
        click(robot, "#backButton");
        assertThat(text(robot, "#ownerField")).isEqualTo("myorg");
        click(robot, "#nextButton");
        assertThat(text(robot, "#toolingAccountField")).isEqualTo("123456789012");
        assertThat(text(robot, "#targetAccount-0")).isEqualTo("222222222222");
    }

    @Test
    void aRequiredFieldSaysSoOnlyOnceTheUserHasLeftIt(FxRobot robot) {
        click(robot, "#newButton");
        Label owner = robot.lookup("#ownerMessage").queryAs(Label.class);
        assertThat(owner.isVisible()).isFalse();
        click(robot, "#ownerField");
        click(robot, "#audienceField");
        assertThat(owner.isVisible()).isTrue();
        assertThat(owner.getText()).isEqualTo("required");
    }

    @Test
    void openingASavedSetupRestoresEveryField(FxRobot robot) throws Exception {
        Path file = Examples.path("three-targets");
        Setup expected = new Services().loader().load(file);
        wizard.dialogs.open = file;
        click(robot, "#openButton");
        waitUntil("the Setup is open", () -> wizard.model().walkthrough().current() == Step.GITHUB);
        assertThat(wizard.model().setupProperty().get()).isEqualTo(expected);
        assertThat(wizard.model().dirtyProperty().get()).isFalse();
        assertThat(wizard.stage.getTitle()).isEqualTo("three-targets.json — Rolechain");

        assertThat(text(robot, "#ownerField")).isEqualTo(expected.github().owner());
        assertThat(text(robot, "#audienceField")).isEqualTo(expected.github().audience());
        click(robot, "#nextButton");
        assertThat(text(robot, "#toolingAccountField")).isEqualTo(expected.tooling().accountId());
        assertThat(text(robot, "#regionField")).isEqualTo(expected.tooling().region());
        assertThat(text(robot, "#oidcRoleNameField")).isEqualTo(expected.tooling().oidcRoleName());
        assertThat(robot.lookup("#perTargetRadio").queryAs(RadioButton.class).isSelected())
                .isEqualTo(expected.tooling().oidcRoles() == dev.rolechain.setup.OidcRoles.PER_TARGET);
        for (int i = 0; i < expected.targets().size(); i++) {
            var t = expected.targets().get(i);
            assertThat(text(robot, "#targetName-" + i)).isEqualTo(t.name());
            assertThat(text(robot, "#targetAccount-" + i)).isEqualTo(t.accountId());
            assertThat(text(robot, "#targetRole-" + i)).isEqualTo(t.roleName());
            assertThat(text(robot, "#targetExternalId-" + i)).isEqualTo(t.externalId());
            assertThat(robot.lookup("#targetProduction-" + i).queryAs(CheckBox.class).isSelected()).isEqualTo(t.production());
            String profile = robot.lookup("#targetProfile-" + i).queryAs(ComboBox.class).getEditor().getText();
            assertThat(profile).isEqualTo(t.profile() == null ? "" : t.profile());
        }
        click(robot, "#nextButton");
        ListView<?> targets = robot.lookup("#targetList").queryListView();
        for (int i = 0; i < expected.targets().size(); i++) {
            int index = i;
            robot.interact(() -> targets.getSelectionModel().clearAndSelect(index));
            var t = expected.targets().get(i);
            for (int j = 0; j < t.subjects().size(); j++) {
                var s = t.subjects().get(j);
                String repo = robot.lookup("#subjectRepository-" + j).queryAs(ComboBox.class).getEditor().getText();
                assertThat(repo).isEqualTo(s.repository());
                assertThat(SubjectDraft.of(s).valueProperty().get()).isEqualTo(text(robot, "#subjectValue-" + j));
            }
            assertThat(robot.lookup("#subjectRepository-" + t.subjects().size()).tryQuery()).isEmpty();
            assertThat(robot.lookup("#managedList").<String>queryListView().getItems()).isEqualTo(t.managedPolicyArns());
            int k = 0;
            for (Map.Entry<String, String> p : t.inlinePolicies().entrySet()) {
                assertThat(text(robot, "#inlineName-" + k)).isEqualTo(p.getKey());
                assertThat(robot.lookup("#inlineJson-" + k).queryAs(TextArea.class).getText()).isEqualTo(p.getValue());
                k++;
            }
        }
    }

    @Test
    void anOpenedFileIsListedOnTheStartPageAndOpensFromThere(FxRobot robot) {
        Path file = Examples.path("three-targets");
        wizard.dialogs.open = file;
        click(robot, "#openButton");
        waitUntil("the Setup is open", () -> wizard.model().fileProperty().get() != null);
        robot.interact(() -> wizard.model().newSetup());
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.START);
        javafx.scene.control.Hyperlink recent = robot.lookup("#recent-0").queryAs(javafx.scene.control.Hyperlink.class);
        assertThat(recent.getText()).startsWith("three-targets.json");
        click(robot, "#recent-0");
        waitUntil("the recent file is open", () -> wizard.model().walkthrough().current() == Step.GITHUB);
        assertThat(wizard.model().fileProperty().get()).isEqualTo(file.toAbsolutePath().normalize());
    }

    @Test
    void aSetupFileWithProblemsChangesNothingAndSaysWhy(FxRobot robot) throws IOException {
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{\"github\": {\"owner\": \"-bad-\"}, \"tooling\": {}, \"targets\": []}");
        wizard.dialogs.open = bad;
        click(robot, "#openButton");
        waitUntil("the error is shown", () -> !wizard.model().messageProperty().get().isEmpty());
        assertThat(wizard.model().messageProperty().get()).contains("bad.json").contains("github.owner");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.START);
        assertThat(wizard.model().fileProperty().get()).isNull();
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText()).contains("github.owner");
    }

    @Test
    void anInlinePolicyIsValidatedAsItIsTyped(FxRobot robot) {
        robot.interact(() -> wizard.model().openExample());
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCESS));
        click(robot, "#addInlineButton");
        Label message = robot.lookup("#inlineMessage-0").queryAs(Label.class);
        replace(robot, "#inlineJson-0", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        assertThat(message.isVisible()).as(message.getText()).isFalse();
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isFalse();
        robot.type(javafx.scene.input.KeyCode.BACK_SPACE);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).startsWith("not a valid IAM policy");
        assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void choosingAFindingTakesTheUserToTheFieldItConcerns(FxRobot robot) {
        robot.interact(() -> wizard.model().openExample());
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        waitUntil("the preview is analysed", () -> !findingsFromModel().isEmpty());
        click(robot, "#findingsLink");
        TableView<Finding> table = robot.lookup("#findingsTable").queryTableView();
        int rc104 = findings(robot).stream().map(Finding::ruleId).toList().indexOf("RC104");
        robot.interact(() -> table.getSelectionModel().clearAndSelect(rc104));
        click(robot, "#goToFindingButton");
        assertThat(wizard.model().walkthrough().current()).isEqualTo(Step.ACCESS);
        ComboBox<?> repository = robot.lookup("#subjectRepository-0").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(repository.getEditor().isFocused() || repository.isFocused())
                .as("focus owner %s", wizard.stage.getScene().getFocusOwner()).isTrue();
    }

    @Test
    void anOrganizationTargetIsKeptShownAsItsOusAndCheckedInTheMatrix(FxRobot robot) throws Exception {
        Setup expected = new Services().loader().load(Examples.path("organization"));
        robot.interact(() -> wizard.model().open(Examples.path("organization"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        assertThat(wizard.model().setupProperty().get()).isEqualTo(expected);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCOUNTS));
        assertThat(robot.lookup("#targetOus-0").queryAs(TextField.class).getText()).isEqualTo("ou-ab12-workload1");
        assertThat(robot.lookup("#targetRegions-0").queryAs(TextField.class).getText()).isEmpty();
        assertThat(robot.lookup("#targetAccount-0").tryQuery()).isEmpty();
        assertThat(robot.lookup("#targetAccount-1").queryAs(TextField.class).getText()).isEqualTo("222222222222");
        assertThat(robot.lookup("#organizationSection").query().isVisible()).isTrue();
        assertThat(robot.lookup("#organizationIdField").queryAs(TextField.class).getText()).isEqualTo("o-a1b2c3d4e5");
        assertThat(robot.lookup("#organizationRootField").queryAs(TextField.class).getText()).isEqualTo("r-ab12");
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        waitUntil("the preview is analysed", () -> wizard.model().analysisProperty().get() != null);
        robot.clickOn("Dry-run matrix");
        TableView<MatrixView.MatrixRow> matrix = robot.lookup("#matrixTable").queryTableView();
        assertThat(matrix.getColumns()).extracting(c -> c.getText()).contains("workloads", "prod");
        assertThat(robot.lookup(".matrix-unexpected").queryAll()).isEmpty();
        assertThat(wizard.model().setupProperty().get()).isEqualTo(expected);
    }

    @Test
    void aTargetOfOusIsCreatedOnTheAccountsPageWithTheOrganizationAndEachMistakeShownAtItsField(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.ACCOUNTS));
        assertThat(robot.lookup("#organizationSection").query().isVisible()).as("no OU target yet").isFalse();
        click(robot, "#addOuTargetButton");
        waitUntil("the row is added", () -> robot.lookup("#targetOus-3").tryQuery().isPresent());
        assertThat(robot.lookup("#organizationSection").query().isVisible()).isTrue();
        assertThat(robot.lookup("#targetOus-3").query().isFocused()).as("the OUs are asked for first").isTrue();

        replace(robot, "#targetOus-3", "ou-AB12-nope");
        waitUntil("the OU is refused", () -> robot.lookup("#targetOrganizationalUnitIdsMessage-3").queryAs(Label.class)
                .getText().contains("is not an OU id"));
        replace(robot, "#targetOus-3", "ou-ab12-workload1, ou-ab12-sandbox01");
        waitUntil("the organization is asked for", () -> wizard.model().problemsProperty().get().keySet()
                .containsAll(List.of("organizations.id", "organizations.rootId", "organizations.profile")));
        assertThat(robot.lookup("#targetOrganizationalUnitIdsMessage-3").queryAs(Label.class).isVisible()).isFalse();
        replace(robot, "#organizationIdField", "o-a1b2c3d4e5");
        replace(robot, "#organizationRootField", "r-zz99");
        waitUntil("an OU of another root is refused", () -> robot.lookup("#targetOrganizationalUnitIdsMessage-3")
                .queryAs(Label.class).getText().contains("not under organizations.rootId r-zz99"));
        replace(robot, "#organizationRootField", "r-ab12");
        replace(robot, "#organizationProfileCombo .text-field", "org-management");
        replace(robot, "#targetRegions-3", "us-east-1, eu-west-1");
        waitUntil("only the subjects are left (the Access page's)", () -> wizard.model().problemsProperty().get().keySet()
                .equals(java.util.Set.of("targets[3].subjects")));
        robot.interact(() -> wizard.model().draft().targets().get(3).subjects()
                .add(new SubjectDraft("infra", SubjectDraft.Kind.BRANCH, "main")));
        waitUntil("the Setup is whole", () -> wizard.model().problemsProperty().get().isEmpty());
        wizard.screenshot(robot, WizardFixture.screenshots().resolve("accounts-organization-light.png"));

        Setup setup = wizard.model().setupProperty().get();
        Target ous = setup.targets().get(3);
        assertThat(ous.organizationalUnitIds()).containsExactly("ou-ab12-workload1", "ou-ab12-sandbox01");
        assertThat(ous.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(ous.profile()).isNull();
        assertThat(ous.externalId()).hasSize(24);
        assertThat(setup.organizations()).isEqualTo(new dev.rolechain.setup.Organizations("o-a1b2c3d4e5", "r-ab12",
                "org-management", false));
        // the preview plans the StackSet for it
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        waitUntil("the preview is analysed", () -> wizard.model().analysisProperty().get() != null);
        robot.clickOn("Dry-run matrix");
        TableView<MatrixView.MatrixRow> matrix = robot.lookup("#matrixTable").queryTableView();
        assertThat(matrix.getColumns()).extracting(c -> c.getText()).contains("ous-4");
        assertThat(robot.lookup(".matrix-unexpected").queryAll()).isEmpty();
    }

    @Test
    void theDryRunMatrixColoursEachCellAndExplainsTheSelectedOne(FxRobot robot) {
        robot.interact(() -> wizard.model().open(Examples.path("three-targets"), ok -> { }));
        waitUntil("the Setup is open", () -> wizard.model().setupProperty().get() != null);
        robot.interact(() -> wizard.model().walkthrough().goTo(Step.REVIEW));
        waitUntil("the preview is analysed", () -> wizard.model().analysisProperty().get() != null);
        robot.clickOn("Dry-run matrix");
        TableView<MatrixView.MatrixRow> matrix = robot.lookup("#matrixTable").queryTableView();
        assertThat(matrix.getColumns()).extracting(c -> c.getText()).containsExactly("Token subject", "dev", "staging", "prod");
        var cells = wizard.model().analysisProperty().get().cells();
        assertThat(matrix.getItems().stream().mapToInt(r -> r.cells().size()).sum()).isEqualTo(cells.size());
        assertThat(robot.lookup(".matrix-allowed").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".matrix-denied").queryAll()).isNotEmpty();
        assertThat(robot.lookup(".matrix-unexpected").queryAll()).isEmpty();

        int row = 0;
        int column = -1;
        for (; row < matrix.getItems().size() && column < 0; row++) {
            var r = matrix.getItems().get(row);
            for (int c = 1; c < matrix.getColumns().size(); c++) {
                var cell = r.cells().get(matrix.getColumns().get(c).getText());
                if (cell != null && cell.verdict() == dev.rolechain.chain.Cell.Expectation.DENY) {
                    column = c;
                    break;
                }
            }
        }
        int selectedRow = row - 1;
        int selectedColumn = column;
        robot.interact(() -> matrix.getSelectionModel().clearAndSelect(selectedRow, matrix.getColumns().get(selectedColumn)));
        String detail = robot.lookup("#matrixDetail").queryAs(Label.class).getText();
        assertThat(detail).contains("denied").containsPattern(" at (oidc-trust|oidc-permissions|target-trust|session)")
                .contains(matrix.getItems().get(selectedRow).subject());
    }

    @Test
    void closingWithUnsavedChangesAsksAndStaysOpenWhenTheUserSaysNo(FxRobot robot) {
        click(robot, "#newButton");
        click(robot, "#ownerField").write("myorg");
        assertThat(wizard.stage.getTitle()).startsWith("*");
        wizard.dialogs.agree = false;
        robot.interact(() -> wizard.stage.fireEvent(new WindowEvent(wizard.stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(wizard.dialogs.confirmations).containsExactly("Discard unsaved changes?");
        assertThat(wizard.stage.isShowing()).isTrue();
    }

    @Test
    void theExternalIdButtonGeneratesAFreshValidId(FxRobot robot) {
        click(robot, "#newButton");
        click(robot, "#ownerField").write("myorg");
        click(robot, "#nextButton");
        click(robot, "#targetGenerate-0");
        String first = text(robot, "#targetExternalId-0");
        click(robot, "#targetGenerate-0");
        String second = text(robot, "#targetExternalId-0");
        assertThat(first).matches("[A-Za-z0-9_-]{24}").isNotEqualTo(second);
        assertThat(wizard.model().problemsProperty().get()).doesNotContainKey("targets[0].externalId");
    }

    private void typeRepository(FxRobot robot, int row, String repository) {
        ComboBox<?> combo = robot.lookup("#subjectRepository-" + row).queryAs(ComboBox.class);
        TextField editor = combo.getEditor();
        robot.interact(() -> WizardFixture.scrollIntoView(combo));
        robot.clickOn(editor);
        robot.interact(editor::selectAll);
        robot.write(repository);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor.getText()).isEqualTo(repository);
    }

    private static List<Finding> findings(FxRobot robot) {
        return List.copyOf(robot.lookup("#findingsTable").<Finding>queryTableView().getItems());
    }

    private List<Finding> findingsFromModel() {
        var analysis = wizard.model().analysisProperty().get();
        return analysis == null ? List.of() : analysis.findings();
    }
}
