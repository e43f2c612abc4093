package dev.rolechain.ui.common;

import java.util.Objects;
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
