package dev.rolechain.ui.wizard;

import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.layout.HBox;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import java.util.List;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.VBox;

/** Start: a new Setup, a Setup file, a recent file, or the article's example. */
public final class StartPage implements Page {
    private final WizardModel model;
    private final FileDialogs dialogs;
    private final ResourceBundle bundle;
    private final Runnable openInspect;

    private final Button newButton = new Button();
    private final Button openButton = new Button();
    private final VBox recentFiles = new VBox(2);

    public StartPage(WizardModel model, FileDialogs dialogs, ResourceBundle bundle, Runnable openInspect) {
        this.model = model;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.openInspect = openInspect;
    }

    /** The page, built in code (it is the first one shown; see decision 0004). */
    Parent view() {
        Label title = label("start.title", "page-title");
        Label lead = label("start.lead", "lead");
        newButton.setId("newButton");
        newButton.setText(bundle.getString("start.new"));
        newButton.setAccessibleHelp(bundle.getString("start.new.help"));
        newButton.getStyleClass().add("accent");
        newButton.setOnAction(e -> newSetup());
        openButton.setId("openButton");
        openButton.setText(bundle.getString("start.open"));
        openButton.setOnAction(e -> open());
        Button exampleButton = new Button(bundle.getString("start.example"));
        exampleButton.setId("exampleButton");
        exampleButton.setAccessibleHelp(bundle.getString("start.example.help"));
        exampleButton.setOnAction(e -> example());
        HBox actions = new HBox(12, newButton, openButton, exampleButton);
        recentFiles.setId("recentFiles");
        recentFiles.setAccessibleText(bundle.getString("start.recent"));
        VBox recent = new VBox(label("start.recent", "section-title"), recentFiles);
        recent.getStyleClass().add("start-card");
        Button inspectButton = new Button(bundle.getString("start.inspect"));
        inspectButton.setId("inspectButton");
        inspectButton.setAccessibleHelp(bundle.getString("start.inspect.help"));
        inspectButton.setOnAction(e -> openInspect.run());
        VBox inspect = new VBox(label("start.inspect", "section-title"), label("start.inspect.help", "lead"), inspectButton);
        inspect.getStyleClass().add("start-card");
        VBox page = new VBox(title, lead, actions, recent, inspect);
        page.getStyleClass().add("page");
        page.setMaxWidth(860);
        refresh();
        return page;
    }

    private Label label(String key, String styleClass) {
        Label label = new Label(bundle.getString(key));
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }

    @Override
    public void shown() {
        refresh();
        newButton.requestFocus();
    }

    private void refresh() {
        List<Path> files = model.recentFiles();
        recentFiles.getChildren().clear();
        if (files.isEmpty()) {
            recentFiles.getChildren().add(new Label(bundle.getString("start.recent.none")));
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Hyperlink link = new Hyperlink(file.getFileName() + "  —  " + file.getParent());
            link.setId("recent-" + i);
            link.setAccessibleHelp(file.toString());
            link.setOnAction(e -> openFile(file));
            recentFiles.getChildren().add(link);
        }
    }

    private void newSetup() {
        model.newSetup();
        model.walkthrough().goTo(Step.GITHUB);
    }

    private void open() {
        dialogs.openSetup(openButton.getScene().getWindow()).ifPresent(this::openFile);
    }

    private void openFile(Path file) {
        model.open(file, ok -> {
            if (ok) {
                model.walkthrough().goTo(Step.GITHUB);
            }
        });
    }

    private void example() {
        model.openExample();
        model.walkthrough().goTo(Step.GITHUB);
    }
}
