package dev.rolechain.ui.inspect;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The zoom buttons over Inspect's canvas: out, in, fit; each hands the focus back to the canvas. */
final class ZoomControls {
    private ZoomControls() {
    }

    static HBox of(Texts texts, GraphCanvas canvas) {
        HBox zoom = new HBox(4, button(texts, canvas, "inspectZoomOut", "\u2212", "inspect.zoom.out", canvas::zoomOut),
                button(texts, canvas, "inspectZoomIn", "+", "inspect.zoom.in", canvas::zoomIn),
                button(texts, canvas, "inspectFit", texts.text("inspect.fit"), "inspect.fit", canvas::fit));
        zoom.setPickOnBounds(false);
        zoom.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return zoom;
    }

    private static Button button(Texts texts, GraphCanvas canvas, String id, String glyph, String helpKey, Runnable action) {
        Button b = new Button(glyph);
        b.setId(id);
        b.setAccessibleText(texts.text(helpKey));
        b.setTooltip(new Tooltip(texts.text(helpKey)));
        b.setOnAction(e -> {
            action.run();
            canvas.requestFocus();
        });
        return b;
    }
}
