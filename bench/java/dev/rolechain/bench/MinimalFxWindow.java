package dev.rolechain.bench;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The baseline for start-up: the smallest JavaFX program that shows a window with a label, started
 * the way Rolechain starts (Platform.startup from a plain main). Prints a line once the first layout
 * pulse has run, and exits.
 */
public final class MinimalFxWindow {
    private MinimalFxWindow() {
    }

    public static void main(String[] args) {
        Platform.startup(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new Label("Hello"), 1180, 780);
            stage.setScene(scene);
            stage.show();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                Platform.runLater(() -> {
                    System.out.println("rolechain: first page shown");
                    System.out.flush();
                    System.exit(0);
                });
            };
            scene.addPostLayoutPulseListener(once[0]);
        });
    }
}
