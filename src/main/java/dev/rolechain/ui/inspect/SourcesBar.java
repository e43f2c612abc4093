package dev.rolechain.ui.inspect;

import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/** Inspect's sources: the profiles ticked in a menu and the dump files chosen, and a line that names them. */
final class SourcesBar {
    private final Texts texts;
    private final Supplier<List<String>> profileNames;
    private final FileDialogs dialogs;
    private final Runnable changed;
    private final MenuButton profilesButton = new MenuButton();
    /** The organization to read whole: one profile (its management or delegated administrator account), or none. */
    private final MenuButton organizationButton = new MenuButton();
    private String organization;
    private final Button dumpsButton = new Button();
    private final Label label = new Label();
    private final List<Path> dumps = new ArrayList<>();

    /** {@code changed} runs when the sources change. */
    SourcesBar(ResourceBundle bundle, Supplier<List<String>> profileNames, FileDialogs dialogs, Runnable changed) {
        this.texts = new Texts(bundle);
        this.profileNames = profileNames;
        this.dialogs = dialogs;
        this.changed = changed;
        profilesButton.setId("inspectProfiles");
        profilesButton.setText(text("inspect.profiles"));
        profilesButton.setOnShowing(e -> fillProfiles());
        organizationButton.setId("inspectOrganization");
        organizationButton.setText(text("inspect.organization"));
        organizationButton.setAccessibleText(text("inspect.organization.help"));
        organizationButton.setOnShowing(e -> fillOrganization());
        dumpsButton.setId("inspectDumps");
        dumpsButton.setText(text("inspect.dumps"));
        dumpsButton.setOnAction(e -> chooseDumps());
        label.setId("inspectSources");
        label.setText(text("inspect.sources.none"));
        label.getStyleClass().add("muted");
        label.setMinWidth(0);
    }

    MenuButton profilesButton() {
        return profilesButton;
    }

    MenuButton organizationButton() {
        return organizationButton;
    }

    /** The profile whose organization is read whole, or null. */
    String organization() {
        return organization;
    }

    /** Chooses the organization profile, as the menu would (null: none). */
    void chooseOrganization(String profile) {
        organization = profile;
        show();
    }

    private void fillOrganization() {
        organizationButton.getItems().clear();
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.RadioMenuItem none = new javafx.scene.control.RadioMenuItem(text("inspect.organization.none"));
        none.setToggleGroup(group);
        none.setSelected(organization == null);
        none.setOnAction(e -> chooseOrganization(null));
        organizationButton.getItems().add(none);
        for (String name : profileNames.get()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(name);
            item.setToggleGroup(group);
            item.setSelected(name.equals(organization));
            item.setOnAction(e -> chooseOrganization(name));
            organizationButton.getItems().add(item);
        }
    }

    Button dumpsButton() {
        return dumpsButton;
    }

    Label label() {
        return label;
    }

    List<Path> dumps() {
        return List.copyOf(dumps);
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    private void fillProfiles() {
        Set<String> chosen = chosenProfiles().stream().collect(Collectors.toSet());
        profilesButton.getItems().clear();
        List<String> names = profileNames.get();
        if (names.isEmpty()) {
            MenuItem none = new MenuItem(text("inspect.profiles.none"));
            none.setDisable(true);
            profilesButton.getItems().add(none);
        }
        for (String name : names) {
            CheckMenuItem item = new CheckMenuItem(name);
            item.setSelected(chosen.contains(name));
            item.setOnAction(e -> show());
            profilesButton.getItems().add(item);
        }
    }

    /** The profiles ticked in the menu. */
    List<String> chosenProfiles() {
        return profilesButton.getItems().stream().filter(i -> i instanceof CheckMenuItem c && c.isSelected())
                .map(MenuItem::getText).toList();
    }

    /** Ticks profiles, as the menu would. */
    void chooseProfiles(List<String> names) {
        profilesButton.getItems().clear();
        for (String name : names) {
            CheckMenuItem item = new CheckMenuItem(name);
            item.setSelected(true);
            profilesButton.getItems().add(item);
        }
        show();
    }

    private void chooseDumps() {
        addDumps(dialogs.openDumps(dumpsButton.getScene().getWindow()));
    }

    /** Adds dump files, as the file chooser would. */
    void addDumps(List<Path> files) {
        files.stream().filter(f -> !dumps.contains(f)).forEach(dumps::add);
        show();
    }

    private void show() {
        List<String> parts = new ArrayList<>();
        chosenProfiles().forEach(p -> parts.add(text("inspect.sources.profile", p)));
        if (organization != null) {
            parts.add(text("inspect.sources.organization", organization));
        }
        dumps.forEach(d -> parts.add(d.getFileName().toString()));
        label.setText(parts.isEmpty() ? text("inspect.sources.none") : String.join(", ", parts));
        if (!parts.isEmpty()) {
            changed.run();
        }
    }
}
