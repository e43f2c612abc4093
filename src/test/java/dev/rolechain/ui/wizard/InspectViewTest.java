package dev.rolechain.ui.wizard;

import static dev.rolechain.ui.wizard.WizardFixture.click;
import static dev.rolechain.ui.wizard.WizardFixture.replace;
import static dev.rolechain.ui.wizard.WizardFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.inspect.Node;
import dev.rolechain.ui.inspect.InspectView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Inspect, opened from the start page, on the two example dumps: search a role and read the details
 * panel, ask a query and see its paths, filter, zoom, and export.
 */
@ExtendWith(ApplicationExtension.class)
class InspectViewTest {
    static final Path TOOLING = Path.of("examples/dumps/tooling-111111111111.json");
    static final Path TARGET = Path.of("examples/dumps/target-222222222222.json");
    static final String PROD_ADMIN = "arn:aws:iam::222222222222:role/prod-admin";

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

    private InspectView openOnDumps(FxRobot robot) {
        click(robot, "#inspectButton");
        waitUntil("the Inspect window is shown", () -> wizard.window.inspect().stage() != null
                && wizard.window.inspect().stage().isShowing());
        InspectView view = wizard.window.inspect().view();
        wizard.dialogs.dumps = List.of(TOOLING, TARGET);
        click(robot, "#inspectDumps");
        assertThat(robot.lookup("#inspectSources").queryAs(Label.class).getText())
                .isEqualTo("tooling-111111111111.json, target-222222222222.json");
        click(robot, "#inspectRun");
        waitUntil("the graph is shown", () -> view.graph() != null);
        assertThat(robot.lookup("#inspectStatus").queryAs(Label.class).getText()).startsWith("11 roles, 21 nodes,");
        return view;
    }

    @Test
    void aSavedOrganizationOpensWithAnOrganizationMenuAndItsOusAsFilters(FxRobot robot) throws IOException {
        // an organization saved by inspect --save: the two example accounts in two OUs
        Path folder = Files.createTempDirectory(temp, "organization");
        Files.copy(TOOLING, folder.resolve("111111111111.json"));
        Files.copy(TARGET, folder.resolve("222222222222.json"));
        var map = new dev.rolechain.inspect.OrganizationMap("o-a1b2c3d4e5", "111111111111", List.of(
                new dev.rolechain.inspect.OrganizationMap.Unit("r-ab12", "Root", "Root"),
                new dev.rolechain.inspect.OrganizationMap.Unit("ou-ab12-platform1", "platform", "Root/platform"),
                new dev.rolechain.inspect.OrganizationMap.Unit("ou-ab12-workload1", "workloads", "Root/workloads")),
                java.util.Map.of("111111111111", "ou-ab12-platform1", "222222222222", "ou-ab12-workload1"),
                java.util.Map.of(), java.util.Map.of());
        Files.writeString(folder.resolve(dev.rolechain.inspect.OrganizationMap.FILE), map.toJson().toString());

        click(robot, "#inspectButton");
        waitUntil("the Inspect window is shown", () -> wizard.window.inspect().stage() != null
                && wizard.window.inspect().stage().isShowing());
        InspectView view = wizard.window.inspect().view();
        assertThat(robot.lookup("#inspectOrganization").tryQuery()).isPresent();
        robot.interact(() -> view.addDumps(List.of(folder)));
        click(robot, "#inspectRun");
        waitUntil("the graph is shown", () -> view.graph() != null);
        assertThat(robot.lookup("#inspectStatus").queryAs(Label.class).getText()).startsWith("11 roles, 21 nodes,");
        javafx.scene.control.ComboBox<String> filter = robot.lookup("#inspectAccount").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(filter.getItems()).containsSubsequence("All accounts", "OU Root (2 accounts)",
                "OU Root/platform (1 accounts)", "OU Root/workloads (1 accounts)", "111111111111", "222222222222");
        // each OU's roles are drawn inside a box labelled with its path
        var shown = view.canvas().layoutShown();
        assertThat(shown.clusters()).extracting(c -> c.label()).containsExactlyInAnyOrder("Root/platform", "Root/workloads");
        var workloads = shown.clusters().stream().filter(c -> c.label().equals("Root/workloads")).findFirst().orElseThrow();
        var admin = shown.boxes().get(PROD_ADMIN);
        assertThat(admin.x()).isBetween(workloads.box().x(), workloads.box().x() + workloads.box().width() - admin.width());
        assertThat(admin.y()).isBetween(workloads.box().y(), workloads.box().y() + workloads.box().height() - admin.height());
        WizardFixture.screenshot(robot, wizard.window.inspect().stage(), WizardFixture.screenshots().resolve("inspect-organization-light.png"));
        robot.interact(() -> filter.getSelectionModel().select("OU Root/workloads (1 accounts)"));
        waitUntil("the filter applies", () -> !view.canvas().layoutShown().boxes().containsKey(
                "arn:aws:iam::111111111111:role/lambda-exec"));
        assertThat(view.canvas().layoutShown().boxes()).containsKey(PROD_ADMIN);
        // the workloads box, and the platform box only around the roles of platform's account still shown (those that
        // trust into workloads' roles)
        var filtered = view.canvas().layoutShown();
        assertThat(filtered.clusters()).extracting(c -> c.label()).contains("Root/workloads");
        assertThat(filtered.clusters()).filteredOn(c -> c.label().equals("Root/platform")).allSatisfy(c ->
                assertThat(filtered.boxes().entrySet()).filteredOn(e -> c.box().x() <= e.getValue().x()
                        && e.getValue().x() + e.getValue().width() <= c.box().x() + c.box().width()
                        && c.box().y() <= e.getValue().y() && e.getValue().y() + e.getValue().height() <= c.box().y() + c.box().height())
                        .isNotEmpty().allSatisfy(e -> assertThat(e.getKey()).contains("111111111111")));
        robot.interact(() -> filter.getSelectionModel().select("OU Root (2 accounts)"));
        waitUntil("the whole organization is shown", () -> view.canvas().layoutShown().boxes().size() >= 11);
    }

    @Test
    void searchingARoleShowsItsTrustAndFindingsInTheDetailsPanel(FxRobot robot) {
        InspectView view = openOnDumps(robot);
        replace(robot, "#inspectSearch", "prod-admin");
        @SuppressWarnings("unchecked")
        ListView<Node> results = robot.lookup("#inspectResults").queryAs(ListView.class);
        assertThat(results.getItems()).extracting(Node::id).containsExactly(PROD_ADMIN);
        robot.type(KeyCode.ENTER);
        waitUntil("the role is selected", () -> PROD_ADMIN.equals(view.canvas().selectedProperty().get()));
        assertThat(robot.lookup("#detailsTitle").queryAs(Label.class).getText()).isEqualTo("prod-admin");
        assertThat(robot.lookup("#detailsMeta").queryAs(Label.class).getText())
                .contains("role · account 222222222222 · production", PROD_ADMIN, "target-222222222222.json");
        String trust = robot.lookup("#detailsTrust").queryAs(org.fxmisc.richtext.CodeArea.class).getText();
        assertThat(trust).contains("\"sts:ExternalId\": \"c0ffee-prod-admin\"", "arn:aws:iam::111111111111:role/hop");
        assertThat(texts(robot, "#detailsEdges")).anyMatch(t -> t.startsWith("from hop (111111111111) — sts:AssumeRole"));
        assertThat(view.canvas().inView(PROD_ADMIN)).as("the graph centres on it").isTrue();

        replace(robot, "#inspectSearch", "public");
        robot.type(KeyCode.ENTER);
        waitUntil("public-role is selected", () -> "arn:aws:iam::222222222222:role/public-role"
                .equals(view.canvas().selectedProperty().get()));
        assertThat(texts(robot, "#detailsFindings")).anyMatch(t -> t.startsWith("error RC203 trust policy: Statement[0]"))
                .anyMatch(t -> t.startsWith("risky: Principal \"*\""));
    }

    @Test
    void anAccountTickedInProductionAccountsMarksItsRolesWithoutLosingTheSelection(FxRobot robot) {
        InspectView view = openOnDumps(robot);
        javafx.scene.control.MenuButton menu = robot.lookup("#inspectProductionAccounts").queryAs(javafx.scene.control.MenuButton.class);
        assertThat(menu.isDisabled()).isFalse();
        assertThat(menu.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("111111111111", "222222222222");
        String hop = "arn:aws:iam::111111111111:role/hop";
        robot.interact(() -> view.canvas().selectedProperty().set(hop));
        assertThat(robot.lookup("#detailsMeta").queryAs(Label.class).getText()).doesNotContain("production");
        robot.interact(() -> view.markProduction("111111111111", true));
        waitUntil("the roles are marked", () -> view.graph().node(hop).map(Node::production).orElse(false));
        waitUntil("the status says it", () -> robot.lookup("#inspectStatus").queryAs(Label.class).getText()
                .contains("production;"));
        assertThat(((javafx.scene.control.CheckMenuItem) menu.getItems().get(0)).isSelected()).isTrue();
        assertThat(view.canvas().selectedProperty().get()).as("the selection stays").isEqualTo(hop);
        assertThat(robot.lookup("#detailsMeta").queryAs(Label.class).getText()).contains("production");
    }

    @Test
    void aServiceTrustedByManyRolesIsOneBoxThatExpandsWhenSelectedOrWhenOneOfItsRolesIsFound(FxRobot robot)
            throws Exception {
        String service = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String roles = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "{\"RoleName\":\"exec-" + i + "\",\"Arn\":"
                + "\"arn:aws:iam::123456789012:role/exec-" + i + "\",\"AssumeRolePolicyDocument\":" + service + "}")
                .collect(Collectors.joining(","));
        Path dump = Files.writeString(temp.resolve("lambda-123456789012.json"), "{\"RoleDetailList\": [" + roles + "]}");
        click(robot, "#inspectButton");
        waitUntil("the Inspect window is shown", () -> wizard.window.inspect().stage() != null
                && wizard.window.inspect().stage().isShowing());
        InspectView view = wizard.window.inspect().view();
        wizard.dialogs.dumps = List.of(dump);
        click(robot, "#inspectDumps");
        click(robot, "#inspectRun");
        waitUntil("the graph is shown", () -> view.graph() != null);
        String group = "group:service:lambda.amazonaws.com";
        assertThat(view.canvas().layoutShown().boxes()).containsKey(group).hasSize(2);

        robot.interact(() -> view.canvas().selectedProperty().set(group));
        waitUntil("the group is expanded", () -> view.canvas().layoutShown().boxes().size() == 31);
        assertThat(view.canvas().selectedProperty().get()).isEqualTo("service:lambda.amazonaws.com");

        // a new inspection collapses it again; finding one of its roles expands it and selects the role
        click(robot, "#inspectRun");
        waitUntil("collapsed again", () -> view.canvas().layoutShown().boxes().containsKey(group));
        replace(robot, "#inspectSearch", "exec-17");
        @SuppressWarnings("unchecked")
        ListView<Node> results = robot.lookup("#inspectResults").queryAs(ListView.class);
        assertThat(results.getItems()).extracting(Node::label).containsExactly("exec-17");
        robot.type(KeyCode.ENTER);
        waitUntil("expanded and selected", () -> view.canvas().layoutShown().boxes()
                .containsKey("arn:aws:iam::123456789012:role/exec-17")
                && "arn:aws:iam::123456789012:role/exec-17".equals(view.canvas().selectedProperty().get()));
        assertThat(robot.lookup("#detailsTitle").queryAs(Label.class).getText()).isEqualTo("exec-17");
    }

    @Test
    void aQueryHighlightsItsPathsAndTheFiltersNarrowTheGraph(FxRobot robot) throws Exception {
        InspectView view = openOnDumps(robot);
        replace(robot, "#inspectQuery", "repo:myorg/app:ref:refs/heads/main");
        robot.type(KeyCode.ENTER);
        waitUntil("the answer is shown", () -> !robot.lookup("#inspectAnswerSummary").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#inspectAnswerSummary").queryAs(Label.class).getText())
                .isEqualTo("Reaches 7 nodes through 9 paths");
        assertThat(view.canvas().highlighted()).contains(PROD_ADMIN, "arn:aws:iam::111111111111:role/hop")
                .doesNotContain("arn:aws:iam::222222222222:role/ecs-task");
        replace(robot, "#inspectSearch", "prod-admin");
        robot.type(KeyCode.ENTER);
        waitUntil("paths are listed", () -> !texts(robot, "#detailsPaths").isEmpty());
        assertThat(texts(robot, "#detailsPaths")).contains("repo:myorg/app:ref:refs/heads/main → "
                + "token.actions.githubusercontent.com (111111111111) → gha-oidc (111111111111) → hop (111111111111) → "
                + "prod-admin (222222222222)");
        double scale = view.canvas().scaleProperty().get();
        robot.interact(() -> view.canvas().requestFocus());
        robot.type(KeyCode.ADD);
        assertThat(view.canvas().scaleProperty().get()).isGreaterThan(scale);
        click(robot, "#inspectFit");

        click(robot, "#inspectRisky");
        waitUntil("the risky subgraph is laid out", () -> !view.canvas().layoutShown().boxes()
                .containsKey("arn:aws:iam::222222222222:role/ecs-task"));
        assertThat(view.canvas().layoutShown().boxes()).containsKeys("arn:aws:iam::222222222222:role/public-role",
                "arn:aws:iam::222222222222:role/readonly");
        assertThat(robot.lookup("#inspectRisky").queryAs(CheckBox.class).isSelected()).isTrue();
        click(robot, "#inspectRisky");
        waitUntil("everything is back", () -> view.canvas().layoutShown().boxes().size() == view.graph().nodes().size());

        // the README's picture: a wider window, the whole graph, the query's paths marked
        robot.interact(() -> {
            wizard.window.inspect().stage().setWidth(1600);
            wizard.window.inspect().stage().setHeight(860);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> view.canvas().fit());
        WizardFixture.screenshot(robot, wizard.window.inspect().stage(), WizardFixture.screenshots().resolve("inspect-light.png"));
        robot.interact(() -> {
            wizard.window.inspect().stage().setWidth(1280);
            wizard.window.inspect().stage().setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();

        Path export = temp.resolve("graph");
        wizard.dialogs.export = export;
        click(robot, "#inspectExport");
        robot.clickOn("SVG of the current view");
        waitUntil("the SVG is written", () -> Files.exists(Path.of(export + ".svg")));
        String svg = Files.readString(Path.of(export + ".svg"));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
                .contains("<title>" + PROD_ADMIN + "</title>").endsWith("</svg>\n")
                .as("SVG 1.1: no context-stroke, no auto-start-reverse").doesNotContain("context-stroke", "auto-start-reverse");
        // well-formed XML, every marker it uses defined
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("marker").getLength()).isEqualTo(2);
        click(robot, "#inspectExport");
        robot.clickOn("PNG of the current view");
        waitUntil("the PNG is written", () -> Files.exists(Path.of(export + ".png")));
        byte[] png = Files.readAllBytes(Path.of(export + ".png"));
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        click(robot, "#inspectExport");
        robot.clickOn("JSON (documented schema)");
        waitUntil("the JSON is written", () -> Files.exists(Path.of(export + ".json")));
        assertThat(Files.readString(Path.of(export + ".json"))).contains("\"query\" : {", "\"direction\" : \"reach\"");
    }

    private static List<String> texts(FxRobot robot, String query) {
        VBox box = robot.lookup(query).queryAs(VBox.class);
        return box.getChildren().stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                .collect(Collectors.toList());
    }
}
