package dev.rolechain.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Every FXML file of the application, named in one place; a missing file fails with its name. */
public enum FxmlFile {
    GITHUB("/dev/rolechain/ui/wizard/github.fxml"),
    ACCOUNTS("/dev/rolechain/ui/wizard/accounts.fxml"),
    ACCESS("/dev/rolechain/ui/wizard/access.fxml"),
    REVIEW("/dev/rolechain/ui/wizard/review.fxml"),
    EXPORT("/dev/rolechain/ui/wizard/export.fxml");

    private final String resource;

    FxmlFile(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }

    /** Loads the file with the controller factory and the bundle; returns the root node. */
    public Parent load(ControllerFactory controllers, ResourceBundle bundle) {
        URL url = FxmlFile.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("FXML file not found on the class path: " + resource);
        }
        FXMLLoader loader = new FXMLLoader(url, bundle);
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource + ": " + e.getMessage(), e);
        }
    }
}
