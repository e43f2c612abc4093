package dev.rolechain.ui.wizard;

import atlantafx.base.theme.Styles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;

/**
 * Shows each field's problem (the Setup validator's message) under it and marks the field, and
 * remembers which control edits which Setup path so a finding can take the user there. "required"
 * shows only once the user has left the field, so a fresh page is not a wall of red, or once the user asks
 * what stands in the way ({@link WizardModel#revealProperty()}).
 */
final class FieldFeedback {
    private final WizardModel model;
    /** The style of a message that is lint's notice (a warning), not a problem of the input. */
    static final String NOTICE = "notice";
    private static final String REPOSITORY = ".repository";
    private final Map<String, Control> controls = new LinkedHashMap<>();

    FieldFeedback(WizardModel model) {
        this.model = model;
    }

    /** Binds {@code field}'s feedback for the path {@code path} supplies; returns what undoes it. */
    Runnable bind(Control field, Label message, Supplier<String> path) {
        boolean[] touched = {!text(field).isEmpty()};
        Runnable update = () -> {
            String problem = problemAt(path.get());
            boolean show = problem != null && (touched[0] || model.revealProperty().get() || !problem.startsWith("required"));
            String notice = show ? null : notice(path.get());
            String text = show ? problem : notice;
            if (message != null) {
                // the line is kept when there is nothing to say, so that fields do not move when a message appears
                message.setText(text != null ? text : " ");
                message.setManaged(true);
                message.setVisible(text != null);
                if (notice != null) {
                    if (!message.getStyleClass().contains(NOTICE)) {
                        message.getStyleClass().add(NOTICE);
                    }
                } else {
                    message.getStyleClass().remove(NOTICE);
                }
            }
            field.pseudoClassStateChanged(Styles.STATE_DANGER, show);
            field.setAccessibleHelp(text);
        };
        ChangeListener<Boolean> focus = (o, was, is) -> {
            if (!is) {
                touched[0] = true;
                update.run();
            }
        };
        InvalidationListener problems = o -> update.run();
        field.focusedProperty().addListener(focus);
        model.problemsProperty().addListener(problems);
        model.revealProperty().addListener(problems);
        model.noticesProperty().addListener(problems);
        String registered = path.get();
        controls.put(registered, field);
        update.run();
        return () -> {
            field.focusedProperty().removeListener(focus);
            model.problemsProperty().removeListener(problems);
            model.revealProperty().removeListener(problems);
            model.noticesProperty().removeListener(problems);
            controls.remove(registered, field);
        };
    }

    /**
     * The problem of the field at {@code path}; for a field that holds a list ({@code targets[0].organizationalUnitIds},
     * typed as one text), the first problem of one of its items, with the item named.
     */
    private String problemAt(String path) {
        Map<String, String> problems = model.problemsProperty().get();
        String own = problems.get(path);
        if (own != null) {
            return own;
        }
        for (Map.Entry<String, String> e : problems.entrySet()) {
            if (e.getKey().startsWith(path + "[")) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * What lint says of the field at {@code path} (a warning, not a problem of the input): its own notice,
     * or, for a subject's repository (the first field of its row), a notice about the whole subject.
     */
    private String notice(String path) {
        Map<String, String> notices = model.noticesProperty().get();
        String own = notices.get(path);
        if (own == null && path.endsWith(REPOSITORY)) {
            own = notices.get(path.substring(0, path.length() - REPOSITORY.length()));
        }
        return own;
    }

    /** Shows a problem of {@code path} that has no single control (a list, a whole section). */
    Runnable bindMessage(Label message, Supplier<String> path) {
        InvalidationListener problems = o -> {
            String problem = model.problemsProperty().get().get(path.get());
            message.setText(problem == null ? "" : problem);
            message.setManaged(problem != null);
            message.setVisible(problem != null);
        };
        model.problemsProperty().addListener(problems);
        problems.invalidated(null);
        return () -> model.problemsProperty().removeListener(problems);
    }

    /**
     * The control registered for {@code path}; else the first one inside it (for a list such as
     * {@code targets[0].subjects}); else the one of its longest registered prefix.
     */
    Control control(String path) {
        for (Map.Entry<String, Control> e : controls.entrySet()) {
            if (e.getKey().startsWith(path + "[") || e.getKey().startsWith(path + ".")) {
                return controls.getOrDefault(path, e.getValue());
            }
        }
        String p = path;
        while (true) {
            Control c = controls.get(p);
            if (c != null) {
                return c;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return null;
            }
            p = p.substring(0, cut);
        }
    }

    boolean focus(String path) {
        Control c = control(path);
        if (c == null) {
            return false;
        }
        c.requestFocus();
        if (c instanceof ComboBoxBase<?> combo && combo.isEditable() && combo instanceof javafx.scene.control.ComboBox<?> box) {
            box.getEditor().requestFocus();
        }
        return true;
    }

    private static String text(Control field) {
        if (field instanceof TextInputControl t) {
            return t.getText() == null ? "" : t.getText();
        }
        if (field instanceof ComboBoxBase<?> c && c.isEditable()) {
            return c.getValue() == null ? "" : c.getValue().toString();
        }
        return "";
    }
}
