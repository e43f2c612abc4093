package dev.rolechain.ui.common;

import java.util.Objects;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** A read-only, highlighted, virtualised view of one file; selectable and copyable by keyboard. */
public final class CodeView extends StackPane {
    private final CodeArea area = new CodeArea();
    private String shown;
    private long version;

    public CodeView(String id, String accessibleText) {
        area.setEditable(false);
        area.setId(id);
        area.setAccessibleText(accessibleText);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.getStyleClass().add("code-area");
        getChildren().add(new VirtualizedScrollPane<>(area));
        // the read-only area would swallow Tab; hand it on so focus moves to the next control
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown()) {
                e.consume();
                moveFocus(e.isShiftDown() ? -1 : 1);
            }
        });
    }

    /** Focuses the next (or previous) control of the scene in scene-graph order. */
    private void moveFocus(int direction) {
        if (getScene() == null) {
            return;
        }
        java.util.List<javafx.scene.Node> stops = new java.util.ArrayList<>();
        collectStops(getScene().getRoot(), stops);
        int at = stops.indexOf(area);
        if (at >= 0 && stops.size() > 1) {
            stops.get(Math.floorMod(at + direction, stops.size())).requestFocus();
        }
    }

    private static void collectStops(javafx.scene.Node node, java.util.List<javafx.scene.Node> out) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        if (node.isFocusTraversable()) {
            out.add(node);
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collectStops(child, out));
        }
    }

    /** Shows {@code text}; the same text again costs nothing. */
    public void show(String text, Highlighter.Language language) {
        if (Objects.equals(text, shown)) {
            return;
        }
        shown = text;
        version++;
        area.replaceText(text);
        if (!text.isEmpty()) {
            area.setStyleSpans(0, Highlighter.spans(text, language));
        }
        area.moveTo(0);
        area.requestFollowCaret();
    }

    /** Scrolls to a line (1-based) and selects it. */
    public void showLine(int line) {
        int paragraph = Math.max(0, Math.min(line - 1, area.getParagraphs().size() - 1));
        area.moveTo(paragraph, 0);
        area.selectLine();
        area.requestFollowCaret();
        area.requestFocus();
    }

    public String text() {
        return shown == null ? "" : shown;
    }

    /** Counts the texts shown; tests and benchmarks watch it. */
    public long version() {
        return version;
    }

    public CodeArea area() {
        return area;
    }
}
