package dev.rolechain.ui.inspect;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Inspect window, opened from the wizard's start page; one per wizard, shown again when reopened. */
public final class InspectWindow {
    private final InspectView view;
    private final String stylesheet;
    private final String title;
    private Stage stage;

    public InspectWindow(InspectView view, String stylesheet, String title) {
        this.view = view;
        this.stylesheet = stylesheet;
        this.title = title;
    }

    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            Scene scene = new Scene(view.root(), 1280, 800);
            scene.getStylesheets().add(stylesheet);
            stage.setScene(scene);
            stage.setTitle(title);
            stage.setMinWidth(900);
            stage.setMinHeight(560);
            if (owner != null && owner.getScene() != null) {
                stage.setX(owner.getX() + 40);
                stage.setY(owner.getY() + 40);
            }
        }
        stage.show();
        stage.toFront();
    }

    public InspectView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
