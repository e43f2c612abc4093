package dev.rolechain.ui.wizard;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;

/** Small bindings the pages share. */
final class Forms {
    private Forms() {
    }

    /** Accepts digits only (up to 6). */
    static void digitsOnly(TextField field) {
        field.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().matches("\\d{0,6}") ? change : null));
    }

    /** Keeps a toggle group's selection (each toggle's user data a value) and the property in step. */
    static <T> void bindToggle(ToggleGroup group, ObjectProperty<T> property) {
        Runnable select = () -> group.getToggles().stream()
                .filter(t -> Objects.equals(t.getUserData(), property.get())).findFirst().ifPresent(group::selectToggle);
        select.run();
        property.addListener(o -> select.run());
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                select.run();
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) ((Toggle) is).getUserData();
                property.set(value);
            }
        });
    }

    /** An editable combo box whose typed text is the property's value. */
    static void bindEditable(ComboBox<String> combo, StringProperty property) {
        combo.getEditor().textProperty().bindBidirectional(property);
        combo.valueProperty().addListener((o, was, is) -> {
            if (is != null && !is.equals(property.get())) {
                property.set(is);
            }
        });
    }
}
