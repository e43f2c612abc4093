package dev.rolechain.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file choosers and a confirmation alert. */
public final class FxFileDialogs implements FileDialogs {
    private final ResourceBundle bundle;

    public FxFileDialogs(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public Optional<Path> openSetup(Window owner) {
        FileChooser chooser = setupChooser("dialog.open.title");
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> saveSetup(Window owner, String suggestedName) {
        FileChooser chooser = setupChooser("dialog.save.title");
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(bundle.getString("dialog.folder.title"));
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public List<Path> openDumps(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString("dialog.dumps.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(bundle.getString("dialog.dumps.filter"), "*.json"));
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> saveExport(Window owner, String suggestedName, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString("dialog.export.title"));
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT),
                "*." + extension));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String agree) {
        ButtonType yes = new ButtonType(agree, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(bundle.getString("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, yes, no);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        // every confirmation here is of something that changes files, accounts or repositories: Enter cancels
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(no)).setDefaultButton(true);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    private FileChooser setupChooser(String titleKey) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString(titleKey));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(bundle.getString("dialog.setup.filter"), "*.json"));
        return chooser;
    }
}
