package dev.rolechain.ui.wizard;

import dev.rolechain.render.ExportWriter;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.FileDialogs;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Export: write the files into a folder (as {@code rolechain export}), open it, save the Setup. */
public final class ExportPage implements Page {
    private final WizardModel model;
    private final ResourceBundle bundle;
    private final FileDialogs dialogs;
    private final Background background;
    private final Consumer<Path> folderOpener;
    private Path written;

    @FXML private TextField exportFolderField;
    @FXML private Button browseButton;
    @FXML private Button exportButton;
    @FXML private javafx.scene.control.CheckBox verifyWorkflowCheck;
    @FXML private Label exportMessage;
    @FXML private ListView<String> writtenList;
    @FXML private Button openFolderButton;
    @FXML private Label setupFileLabel;
    @FXML private Button saveButton;
    @FXML private Button saveAsButton;

    public ExportPage(WizardModel model, ResourceBundle bundle, FileDialogs dialogs, Background background,
            Consumer<Path> folderOpener) {
        this.model = model;
        this.bundle = bundle;
        this.dialogs = dialogs;
        this.background = background;
        this.folderOpener = folderOpener;
    }

    @FXML
    private void initialize() {
        exportButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.setupProperty().get() == null || exportFolderField.getText() == null
                        || exportFolderField.getText().isBlank() || background.busyProperty().get(),
                model.setupProperty(), exportFolderField.textProperty(), background.busyProperty()));
        saveButton.disableProperty().bind(model.setupProperty().isNull().or(background.busyProperty()));
        saveAsButton.disableProperty().bind(model.setupProperty().isNull().or(background.busyProperty()));
        setupFileLabel.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null
                ? bundle.getString("export.notSaved") : model.fileProperty().get().toString()
                + (model.dirtyProperty().get() ? "  *" : ""), model.fileProperty(), model.dirtyProperty()));
    }

    @Override
    public void shown() {
        exportFolderField.requestFocus();
    }

    @FXML
    private void browse() {
        dialogs.chooseFolder(browseButton.getScene().getWindow())
                .ifPresent(p -> exportFolderField.setText(p.toString()));
    }

    @FXML
    private void export() {
        Path folder = Path.of(exportFolderField.getText().strip());
        write(folder, false);
    }

    private void write(Path folder, boolean force) {
        exportMessage.getStyleClass().remove("error");
        exportMessage.setText("");
        model.export(folder, force, verifyWorkflowCheck.isSelected(), files -> {
            written = folder;
            writtenList.getItems().setAll(files.stream().map(p -> folder.relativize(p).toString()).toList());
            exportMessage.setText(model.text("message.exported", files.size(), folder));
            openFolderButton.setDisable(false);
        }, e -> {
            if (e instanceof ExportWriter.NotEmptyException && !force) {
                if (dialogs.confirm(exportButton.getScene().getWindow(), bundle.getString("dialog.overwrite.title"),
                        String.format(bundle.getString("dialog.overwrite.message"), folder),
                        bundle.getString("dialog.overwrite.agree"))) {
                    write(folder, true);
                }
                return;
            }
            exportMessage.getStyleClass().add("error");
            exportMessage.setText(e.getMessage());
        });
    }

    @FXML
    private void openFolder() {
        if (written != null) {
            Path folder = written;
            background.run(() -> {
                folderOpener.accept(folder);
                return folder;
            }, p -> { }, e -> exportMessage.setText(model.text("message.cannotOpen", folder, e.getMessage())));
        }
    }

    @FXML
    private void save() {
        Path file = model.fileProperty().get();
        if (file == null) {
            saveAs();
        } else {
            model.save(file, ok -> { });
        }
    }

    @FXML
    private void saveAs() {
        String suggested = model.fileProperty().get() != null ? model.fileProperty().get().getFileName().toString()
                : "rolechain-setup.json";
        dialogs.saveSetup(saveAsButton.getScene().getWindow(), suggested).ifPresent(p -> model.save(p, ok -> { }));
    }

    List<String> writtenFiles() {
        return List.copyOf(writtenList.getItems());
    }
}
