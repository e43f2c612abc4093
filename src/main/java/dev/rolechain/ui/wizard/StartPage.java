package dev.rolechain.ui.wizard;

import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** Start: a new Setup, a Setup file, a recent file, or the article's example. */
public final class StartPage implements Page {
    private final WizardModel model;
    private final FileDialogs dialogs;
    private final ResourceBundle bundle;

    @FXML
    private Button newButton;
    @FXML
    private Button openButton;
    @FXML
    private ListView<Path> recentList;
    @FXML
    private Label recentLabel;

    public StartPage(WizardModel model, FileDialogs dialogs, ResourceBundle bundle) {
        this.model = model;
        this.dialogs = dialogs;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        recentList.setPlaceholder(new Label(bundle.getString("start.recent.none")));
        recentList.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Path file, boolean empty) {
                super.updateItem(file, empty);
                setText(empty || file == null ? null : file.getFileName() + "  —  " + file.getParent());
            }
        });
        recentList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        recentList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
        refresh();
    }

    @Override
    public void shown() {
        refresh();
        newButton.requestFocus();
    }

    private void refresh() {
        recentList.getItems().setAll(model.recentFiles());
    }

    private void openSelected() {
        Path selected = recentList.getSelectionModel().getSelectedItem();
        if (selected != null) {
            openFile(selected);
        }
    }

    @FXML
    private void newSetup() {
        model.newSetup();
        model.walkthrough().goTo(Step.GITHUB);
    }

    @FXML
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

    @FXML
    private void example() {
        model.openExample();
        model.walkthrough().goTo(Step.GITHUB);
    }
}
