package dev.rolechain.ui.inspect;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.scene.control.Label;

/** Inspect's text: messages of the bundle with their arguments, and captions in the field-label style. */
record Texts(ResourceBundle bundle) {

    String text(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
    }

    Label caption(String key) {
        Label label = new Label(text(key));
        label.getStyleClass().add("field-label");
        return label;
    }
}
