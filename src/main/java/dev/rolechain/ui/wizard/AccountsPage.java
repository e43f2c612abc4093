package dev.rolechain.ui.wizard;

import dev.rolechain.setup.OidcRoles;
import dev.rolechain.ui.common.Background;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Accounts: the tooling account and its OIDC role(s), and the target accounts as an editable table. */
public final class AccountsPage implements Page {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WizardModel model;
    private final ResourceBundle bundle;
    private final Background background;
    private final Supplier<List<String>> profileNames;
    private final FieldFeedback feedback;
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final List<Runnable> rowBindings = new ArrayList<>();
    private boolean profilesLoaded;

    @FXML private TextField toolingAccountField;
    @FXML private Label toolingAccountMessage;
    @FXML private TextField regionField;
    @FXML private Label regionMessage;
    @FXML private ComboBox<String> toolingProfileCombo;
    @FXML private Label toolingProfileMessage;
    @FXML private TextField oidcRoleNameField;
    @FXML private Label oidcRoleNameMessage;
    @FXML private ToggleGroup oidcRolesGroup;
    @FXML private RadioButton perTargetRadio;
    @FXML private RadioButton sharedRadio;
    @FXML private CheckBox createProviderCheck;
    @FXML private TextField toolingMaxSessionField;
    @FXML private Label toolingMaxSessionMessage;
    @FXML private Label targetsMessage;
    @FXML private VBox targetRows;
    @FXML private Button addTargetButton;
    @FXML private Button addOuTargetButton;
    @FXML private VBox organizationSection;
    @FXML private TextField organizationIdField;
    @FXML private Label organizationIdMessage;
    @FXML private TextField organizationRootField;
    @FXML private Label organizationRootMessage;
    @FXML private ComboBox<String> organizationProfileCombo;
    @FXML private Label organizationProfileMessage;
    @FXML private CheckBox retainStacksCheck;

    public AccountsPage(WizardModel model, ResourceBundle bundle, Background background,
            Supplier<List<String>> profileNames) {
        this.model = model;
        this.bundle = bundle;
        this.background = background;
        this.profileNames = profileNames;
        this.feedback = new FieldFeedback(model);
    }

    @FXML
    private void initialize() {
        SetupDraft d = model.draft();
        toolingAccountField.textProperty().bindBidirectional(d.toolingAccountIdProperty());
        regionField.textProperty().bindBidirectional(d.regionProperty());
        toolingProfileCombo.setItems(profiles);
        Forms.bindEditable(toolingProfileCombo, d.toolingProfileProperty());
        oidcRoleNameField.textProperty().bindBidirectional(d.oidcRoleNameProperty());
        perTargetRadio.setUserData(OidcRoles.PER_TARGET);
        sharedRadio.setUserData(OidcRoles.SHARED);
        Forms.bindToggle(oidcRolesGroup, d.oidcRolesProperty());
        createProviderCheck.selectedProperty().bindBidirectional(d.createProviderProperty());
        toolingMaxSessionField.textProperty().bindBidirectional(d.toolingMaxSessionProperty());
        Forms.digitsOnly(toolingMaxSessionField);

        feedback.bind(toolingAccountField, toolingAccountMessage, () -> "tooling.accountId");
        feedback.bind(regionField, regionMessage, () -> "tooling.region");
        feedback.bind(toolingProfileCombo, toolingProfileMessage, () -> "tooling.profile");
        feedback.bind(oidcRoleNameField, oidcRoleNameMessage, () -> "tooling.oidcRoleName");
        feedback.bind(toolingMaxSessionField, toolingMaxSessionMessage, () -> "tooling.maxSessionSeconds");
        feedback.bindMessage(targetsMessage, () -> "targets");

        organizationIdField.textProperty().bindBidirectional(d.organizationIdProperty());
        organizationRootField.textProperty().bindBidirectional(d.organizationRootIdProperty());
        organizationProfileCombo.setItems(profiles);
        Forms.bindEditable(organizationProfileCombo, d.organizationProfileProperty());
        retainStacksCheck.selectedProperty().bindBidirectional(d.retainStacksProperty());
        feedback.bind(organizationIdField, organizationIdMessage, () -> "organizations.id");
        feedback.bind(organizationRootField, organizationRootMessage, () -> "organizations.rootId");
        feedback.bind(organizationProfileCombo, organizationProfileMessage, () -> "organizations.profile");
        // the organization's fields matter only to targets of OUs: shown when there is one, or when they are filled
        organizationSection.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> d.targets().stream().anyMatch(t -> t.organizationalProperty().get())
                        || !d.organizationIdProperty().get().isEmpty() || !d.organizationRootIdProperty().get().isEmpty()
                        || !d.organizationProfileProperty().get().isEmpty(),
                d.targets(), d.organizationIdProperty(), d.organizationRootIdProperty(), d.organizationProfileProperty()));
        organizationSection.managedProperty().bind(organizationSection.visibleProperty());

        d.targets().addListener((ListChangeListener<TargetDraft>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    rebuildRows();
                    return;
                }
            }
        });
        rebuildRows();
    }

    @Override
    public void shown() {
        if (!profilesLoaded) {
            profilesLoaded = true;
            background.run(profileNames::get, profiles::setAll, e -> { });
        }
        toolingAccountField.requestFocus();
    }

    @Override
    public void focus(String path) {
        feedback.focus(path);
    }

    @FXML
    private void addTarget() {
        add(new TargetDraft(), "target-", "name");
    }

    /** Adds a target of OUs: every account of the OUs the user names gets the deploy role through a StackSet. */
    @FXML
    private void addOuTarget() {
        add(TargetDraft.organizational(), "ous-", "organizationalUnitIds");
    }

    /** Adds {@code target} named {@code prefix} and its number, with the default role and a fresh ExternalId. */
    private void add(TargetDraft target, String prefix, String focusField) {
        int n = model.draft().targets().size() + 1;
        target.nameProperty().set(prefix + n);
        target.roleNameProperty().set("github-deploy");
        target.externalIdProperty().set(newExternalId());
        model.draft().targets().add(target);
        feedback.focus(dev.rolechain.setup.FieldPath.target(n - 1).child(focusField).toString());
    }

    /** A random ExternalId: 24 URL-safe characters (144 bits), within STS's ExternalId rule. */
    static String newExternalId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void rebuildRows() {
        rowBindings.forEach(Runnable::run);
        rowBindings.clear();
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        double[] widths = {100, 142, 150, 150, 250, 96, 40};
        for (int col = 0; col < widths.length; col++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPrefWidth(widths[col]);
            cc.setMinWidth(col == 1 || col >= 5 ? widths[col] : 80);
            cc.setHgrow(col == 2 || col == 3 || col == 4 ? Priority.SOMETIMES : Priority.NEVER);
            grid.getColumnConstraints().add(cc);
        }
        boolean ous = model.draft().targets().stream().anyMatch(t -> t.organizationalProperty().get());
        String[] headers = {"accounts.target.name", ous ? "accounts.target.accountOrOus" : "accounts.target.accountId",
                ous ? "accounts.target.profileOrRegions" : "accounts.target.profile",
                "accounts.target.roleName", "accounts.target.externalId", "accounts.target.production", ""};
        for (int col = 0; col < headers.length; col++) {
            if (!headers[col].isEmpty()) {
                Label header = new Label(bundle.getString(headers[col]));
                header.getStyleClass().add("text-bold");
                grid.add(header, col, 0);
            }
        }
        List<TargetDraft> targets = model.draft().targets();
        for (int i = 0; i < targets.size(); i++) {
            addRow(grid, i, targets.get(i));
        }
        targetRows.getChildren().setAll(grid);
    }

    private void addRow(GridPane grid, int i, TargetDraft t) {
        int row = 1 + 2 * i;
        String path = dev.rolechain.setup.FieldPath.target(i).toString();
        String n = " " + (i + 1);
        TextField name = text(t.nameProperty(), "targetName-" + i, bundle.getString("accounts.target.name") + n);
        boolean ous = t.organizationalProperty().get();
        // a target of OUs: its accounts are the OUs' members, its StackSet is created under organizations.profile,
        // in the regions named (the tooling region when none)
        TextField account = ous
                ? text(t.organizationalUnitsProperty(), "targetOus-" + i, bundle.getString("accounts.target.accountOrOus") + n)
                : text(t.accountIdProperty(), "targetAccount-" + i, bundle.getString("accounts.target.accountId") + n);
        account.setPromptText(ous ? bundle.getString("accounts.target.ous.prompt") : "123456789012");
        if (ous) {
            account.setTooltip(new javafx.scene.control.Tooltip(bundle.getString("accounts.target.ous.help")));
        }
        // the third column: the regions of a target of OUs, the profile of a target of one account
        Control where = ous ? regions(t, i, n) : profile(t, i, n);
        TextField role = text(t.roleNameProperty(), "targetRole-" + i, bundle.getString("accounts.target.roleName") + n);
        TextField externalId = text(t.externalIdProperty(), "targetExternalId-" + i,
                bundle.getString("accounts.target.externalId") + n);
        Button generate = new Button("↻");
        generate.getStyleClass().add("icon-button");
        generate.setTooltip(new javafx.scene.control.Tooltip(bundle.getString("accounts.target.generate.help")));
        generate.setId("targetGenerate-" + i);
        generate.setAccessibleText(bundle.getString("accounts.target.generate.help") + n);
        generate.setOnAction(e -> t.externalIdProperty().set(newExternalId()));
        HBox externalBox = new HBox(6, externalId, generate);
        HBox.setHgrow(externalId, Priority.ALWAYS);
        CheckBox production = new CheckBox();
        production.setId("targetProduction-" + i);
        production.setAccessibleText(bundle.getString("accounts.target.production") + n);
        production.selectedProperty().bindBidirectional(t.productionProperty());
        rowBindings.add(() -> production.selectedProperty().unbindBidirectional(t.productionProperty()));
        Button remove = new Button("✕");
        remove.getStyleClass().addAll("icon-button", "flat");
        remove.setTooltip(new javafx.scene.control.Tooltip(bundle.getString("accounts.target.remove.help")));
        remove.setId("targetRemove-" + i);
        remove.setAccessibleText(bundle.getString("accounts.target.remove.help") + n);
        remove.setOnAction(e -> model.draft().targets().remove(t));
        Control[] fields = {name, account, where, role, externalId};
        String[] keys = {"name", ous ? "organizationalUnitIds" : "accountId", ous ? "regions" : "profile", "roleName", "externalId"};
        Node[] cells = {name, account, where, role, externalBox, production, remove};
        for (int col = 0; col < cells.length; col++) {
            grid.add(cells[col], col, row);
        }
        for (int col = 0; col < fields.length; col++) {
            Label message = new Label();
            message.getStyleClass().add("field-message");
            message.setId("target" + Character.toUpperCase(keys[col].charAt(0)) + keys[col].substring(1) + "Message-" + i);
            message.setMaxWidth(col == 4 ? 250 : 150);
            grid.add(message, col, row + 1);
            String fieldPath = path + "." + keys[col];
            rowBindings.add(feedback.bind(fields[col], message, () -> fieldPath));
        }
    }

    private TextField regions(TargetDraft t, int i, String n) {
        TextField regions = text(t.regionsProperty(), "targetRegions-" + i, bundle.getString("accounts.target.regions") + n);
        regions.setPromptText(bundle.getString("accounts.target.regions") + ": " + bundle.getString("accounts.target.regions.prompt"));
        return regions;
    }

    private ComboBox<String> profile(TargetDraft t, int i, String n) {
        ComboBox<String> profile = new ComboBox<>(profiles);
        profile.setEditable(true);
        profile.setId("targetProfile-" + i);
        profile.setMaxWidth(Double.MAX_VALUE);
        profile.setAccessibleText(bundle.getString("accounts.target.profile") + n);
        Forms.bindEditable(profile, t.profileProperty());
        rowBindings.add(() -> profile.getEditor().textProperty().unbindBidirectional(t.profileProperty()));
        return profile;
    }

    private TextField text(javafx.beans.property.StringProperty property, String id, String accessible) {
        TextField field = new TextField();
        field.setId(id);
        field.setAccessibleText(accessible);
        field.textProperty().bindBidirectional(property);
        rowBindings.add(() -> field.textProperty().unbindBidirectional(property));
        return field;
    }

}
