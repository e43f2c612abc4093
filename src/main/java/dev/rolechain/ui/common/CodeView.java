package dev.rolechain.ui.common;

import java.util.Objects;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.util.UndoUtils;

/** A read-only, highlighted, virtualised view of one file; selectable and copyable by keyboard. */
public final class CodeView extends StackPane {
    private final CodeArea area = new CodeArea();
    private String shown;
    private Highlighter.Language language;
    private long version;

    public CodeView(String id, String accessibleText) {
        area.setEditable(false);
        area.setUndoManager(UndoUtils.noOpUndoManager());
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

    /**
     * Shows {@code text}. Only the lines that differ from what is shown are replaced and re-coloured,
     * so an edit that changes one statement of a long file rebuilds a few lines, not the view; the
     * same text again costs nothing.
     */
    public void show(String text, Highlighter.Language language) {
        if (Objects.equals(text, shown)) {
            return;
        }
        String old = shown == null ? "" : shown;
        boolean first = shown == null || language != this.language;
        shown = text;
        this.language = language;
        version++;
        if (first) {
            area.replaceText(text);
            if (!text.isEmpty()) {
                area.setStyleSpans(0, Highlighter.spans(text, language));
            }
            area.moveTo(0);
            area.requestFollowCaret();
            return;
        }
        // the changed region, widened to whole lines: [start, oldEnd) of the old text becomes
        // [start, newEnd) of the new one
        int prefix = 0;
        int max = Math.min(old.length(), text.length());
        while (prefix < max && old.charAt(prefix) == text.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && old.charAt(old.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
            suffix++;
        }
        int start = old.lastIndexOf('\n', prefix - 1) + 1;
        // widen the end to the next line feed of the shared suffix, the same in both texts
        int toLineEnd = text.substring(text.length() - suffix).indexOf('\n');
        int widen = toLineEnd < 0 ? suffix : toLineEnd;
        int oldEnd = old.length() - suffix + widen;
        int newEnd = text.length() - suffix + widen;
        String replacement = text.substring(start, newEnd);
        area.replaceText(start, oldEnd, replacement);
        // re-colour the replaced lines and the line feed after them (an insertion takes its
        // neighbour's style)
        int restyleEnd = Math.min(text.length(), newEnd + 1);
        if (restyleEnd > start) {
            area.setStyleSpans(start, Highlighter.spans(text.substring(start, restyleEnd), language));
        }
    }

    /** Back to the first line: another document is shown, not an edit of the same. */
    public void scrollToTop() {
        area.moveTo(0);
        area.scrollYToPixel(0);
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
