package dev.rolechain.ui.common;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Brings a control into view in the scroll pane it sits in, as a user would scroll to it. */
public final class Scrolling {
    private Scrolling() {
    }

    /** Scrolls the nearest scroll pane so that the node is in the middle of the view (when it can scroll). */
    public static void intoView(Node node) {
        ScrollPane scroll = pane(node);
        if (scroll == null) {
            return;
        }
        Node content = scroll.getContent();
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        if (contentHeight > viewport) {
            double target = (b.getMinY() + b.getHeight() / 2 - viewport / 2) / (contentHeight - viewport);
            scroll.setVvalue(Math.max(0, Math.min(1, target)));
        }
        scroll.layout();
    }

    /** Scrolls only when the node is not wholly in view (a focused field the user tabbed to, say). */
    public static void ifHidden(Node node) {
        ScrollPane scroll = pane(node);
        if (scroll == null) {
            return;
        }
        Bounds b = node.localToScene(node.getBoundsInLocal());
        double top = scroll.localToScene(scroll.getBoundsInLocal()).getMinY() + scroll.snappedTopInset();
        double bottom = top + scroll.getViewportBounds().getHeight();
        if (b.getMinY() < top || b.getMaxY() > bottom) {
            intoView(node);
        }
    }

    private static ScrollPane pane(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll) {
                return scroll;
            }
        }
        return null;
    }
}
