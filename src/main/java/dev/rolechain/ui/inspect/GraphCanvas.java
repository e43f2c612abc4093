package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.TrustGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The trust graph drawn on a canvas, so that thousands of nodes pan and zoom smoothly: only what is in
 * view is drawn, and labels only when they can be read. Drag to pan, scroll (or + and -) to zoom,
 * 0 to fit, click a node to select it; the arrow keys pan.
 */
public final class GraphCanvas extends Region {
    static final double MIN_SCALE = 0.02;
    static final double MAX_SCALE = 4;
    static final double LABEL_SCALE = 0.35;

    /** Fill and border of a node kind. */
    record Style(Color fill, Color border) {
    }

    static final Map<NodeKind, Style> STYLES = Map.of(
            NodeKind.GITHUB_SUBJECT, new Style(Color.web("#ddf4ff"), Color.web("#54aeff")),
            NodeKind.OIDC_PROVIDER, new Style(Color.web("#fbefff"), Color.web("#a475f9")),
            NodeKind.SAML_PROVIDER, new Style(Color.web("#fbefff"), Color.web("#a475f9")),
            NodeKind.SERVICE, new Style(Color.web("#fff8c5"), Color.web("#d4a72c")),
            NodeKind.ACCOUNT, new Style(Color.web("#f6f8fa"), Color.web("#6e7781")),
            NodeKind.PRINCIPAL, new Style(Color.web("#ffebe9"), Color.web("#ff8182")),
            NodeKind.ROLE, new Style(Color.WHITE, Color.web("#8c959f")));
    static final Color BACKGROUND = Color.web("#f6f8fa");
    static final Color EDGE = Color.web("#8c959f");
    static final Color PATH = Color.web("#bf8700");
    static final Color PATH_FILL = Color.web("#fff8c5");
    static final Color SELECTED = Color.web("#0969da");
    static final Color PRODUCTION = Color.web("#cf222e");
    static final Color TEXT = Color.web("#1f2328");
    static final Color MUTED = Color.web("#59636e");
    /** An organizational unit's box: a tint of the background and a dashed border, behind its nodes. */
    static final Color UNIT_FILL = Color.web("#eaeef2");
    static final Color UNIT_BORDER = Color.web("#afb8c1");

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyDoubleWrapper scale = new ReadOnlyDoubleWrapper(this, "scale", 1);
    private final Font labelFont = Font.font("System", FontWeight.BOLD, 12);
    private final Font smallFont = Font.font("System", SMALLEST_FONT);
    private TrustGraph graph;
    private GraphLayout layout = GraphLayout.empty();
    private Map<String, Node> nodes = new HashMap<>();
    private Map<String, Edge> edgeIndex = new HashMap<>();
    private Set<String> highlighted = Set.of();
    private Set<String> risky = Set.of();
    private double tx;
    private double ty;
    private double dragX;
    private double dragY;
    private boolean dragged;

    public GraphCanvas() {
        getStyleClass().add("graph-canvas");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(200, 200);
        canvas.setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            tx += e.getX() - dragX;
            ty += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            dragged = true;
            draw();
        });
        canvas.setOnMouseClicked(e -> {
            if (!dragged && e.getButton() == MouseButton.PRIMARY) {
                selected.set(nodeAt(e.getX(), e.getY()));
            }
        });
        canvas.setOnScroll(e -> zoom(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY()));
        setOnKeyPressed(e -> {
            KeyCode code = e.getCode();
            double step = 60;
            switch (code) {
                case PLUS, ADD, EQUALS -> zoom(1.25, getWidth() / 2, getHeight() / 2);
                case MINUS, SUBTRACT -> zoom(0.8, getWidth() / 2, getHeight() / 2);
                case DIGIT0, NUMPAD0 -> fit();
                case LEFT -> pan(step, 0);
                case RIGHT -> pan(-step, 0);
                case UP -> pan(0, step);
                case DOWN -> pan(0, -step);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        selected.addListener((o, was, now) -> draw());
    }

    /** Shows a graph laid out; {@code fit} frames it all. */
    public void show(TrustGraph graph, GraphLayout layout, boolean fit) {
        this.graph = graph;
        this.layout = layout;
        Map<String, Node> byId = new HashMap<>();
        graph.nodes().forEach(n -> byId.put(n.id(), n));
        layout.groups().values().forEach(g -> byId.put(g.id(), g.node()));
        this.nodes = byId;
        Map<String, Edge> edges = new HashMap<>();
        graph.edges().forEach(e -> edges.put(e.from() + "\u0000" + e.to(), e));
        this.edgeIndex = edges;
        setAccessibleText(layout.boxes().size() + " nodes, " + layout.routes().size() + " edges");
        if (fit) {
            fit();
        } else {
            draw();
        }
    }

    public GraphLayout layoutShown() {
        return layout;
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyDoubleProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** Whether a node is on a query's paths; a group's box is when one of its roles is. */
    boolean marked(String id) {
        return layout.drawnAmong(id, highlighted);
    }

    /** Whether a node is risky; a group's box is when one of its roles is. */
    private boolean isRisky(String id) {
        return layout.drawnAmong(id, risky);
    }

    /** Nodes on a query's paths: drawn marked, and the rest faded. Empty for none. */
    public void highlight(Set<String> ids) {
        highlighted = Set.copyOf(ids);
        draw();
    }

    public Set<String> highlighted() {
        return highlighted;
    }

    public void markRisky(Set<String> ids) {
        risky = Set.copyOf(ids);
        draw();
    }

    public void zoomIn() {
        zoom(1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoom(0.8, getWidth() / 2, getHeight() / 2);
    }

    /** Frames the whole graph. */
    public void fit() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        if (layout.width() <= 0 || layout.height() <= 0) {
            scale.set(1);
            tx = 0;
            ty = 0;
        } else {
            // the whole graph, however large: fit is not held back by the zoom's lower bound
            double s = fitScale(w, h, layout.width(), layout.height());
            scale.set(s);
            tx = (w - layout.width() * s) / 2;
            ty = (h - layout.height() * s) / 2;
        }
        draw();
    }

    /** Centres the view on a node, zooming in to read it if needed. */
    public void centerOn(String id) {
        GraphLayout.Box box = layout.boxes().get(id);
        if (box == null) {
            return;
        }
        if (scale.get() < 0.8) {
            scale.set(1);
        }
        tx = getWidth() / 2 - box.centerX() * scale.get();
        ty = getHeight() / 2 - box.centerY() * scale.get();
        draw();
    }

    /** Whether a node's box is within the visible area now. */
    public boolean inView(String id) {
        GraphLayout.Box b = layout.boxes().get(id);
        if (b == null) {
            return false;
        }
        double x = b.x() * scale.get() + tx;
        double y = b.y() * scale.get() + ty;
        return x + b.width() * scale.get() > 0 && y + b.height() * scale.get() > 0 && x < getWidth() && y < getHeight();
    }

    private void pan(double dx, double dy) {
        tx += dx;
        ty += dy;
        draw();
    }

    /** The scale that shows a layout whole in a view of this size (never above the zoom's upper bound). */
    static double fitScale(double viewWidth, double viewHeight, double layoutWidth, double layoutHeight) {
        return Math.min(MAX_SCALE, Math.min(viewWidth / layoutWidth, viewHeight / layoutHeight));
    }

    private void zoom(double factor, double px, double py) {
        // one may zoom out as far as the whole graph, even past the usual lower bound for a very large one
        double lowest = layout.width() <= 0 || layout.height() <= 0 ? MIN_SCALE
                : Math.min(MIN_SCALE, fitScale(Math.max(1, getWidth()), Math.max(1, getHeight()), layout.width(), layout.height()));
        double s = Math.max(lowest, Math.min(MAX_SCALE, scale.get() * factor));
        double f = s / scale.get();
        tx = px - (px - tx) * f;
        ty = py - (py - ty) * f;
        scale.set(s);
        draw();
    }

    /** The node under a point of the canvas, or null. */
    String nodeAt(double x, double y) {
        double wx = (x - tx) / scale.get();
        double wy = (y - ty) / scale.get();
        for (Map.Entry<String, GraphLayout.Box> e : layout.boxes().entrySet()) {
            if (e.getValue().contains(wx, wy)) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        boolean first = canvas.getWidth() == 0;
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (first) {
                fit();
            } else {
                draw();
            }
        }
    }

    /** The width of a character that cutting a label allows for: a bold 12 px label, a 10.5 px second line. */
    static final double LABEL_CHAR = 7.6;
    static final double SMALL_CHAR = 6.2;
    /** The smallest font drawn (a node's second line), in pixels at scale 1. */
    static final double SMALLEST_FONT = 10.5;
    /** The scale below which an export's smallest text would be under 8 px: not readable. */
    static final double MIN_READABLE_SCALE = 8 / SMALLEST_FONT;
    /** What one PNG may hold: pixels per side, and in all. */
    static final int MAX_SIDE = 16_384;
    static final long MAX_PIXELS = 40_000_000L;
    private static final int TILE = 2048;
    private static final double MARGIN = 20;

    /** The whole graph is too large for one readable PNG. */
    public static final class TooLarge extends Exception {
        private final long width;
        private final long height;

        TooLarge(long width, long height) {
            super(width + " × " + height + " px at the smallest readable scale");
            this.width = width;
            this.height = height;
        }

        /** The size the PNG would have at the smallest readable scale. */
        public long width() {
            return width;
        }

        public long height() {
            return height;
        }
    }

    /**
     * The scale at which the whole graph is exported: 1 (as drawn at 100 %), or less when that would pass a PNG's
     * size limit, but never so small that its smallest text is under 8 px.
     */
    static double exportScale(double width, double height) throws TooLarge {
        double w = width + 2 * MARGIN;
        double h = height + 2 * MARGIN;
        double s = Math.min(1, Math.min(MAX_SIDE / w, MAX_SIDE / h));
        s = Math.min(s, Math.sqrt(MAX_PIXELS / (w * h)));
        if (s < MIN_READABLE_SCALE) {
            throw new TooLarge(Math.round(w * MIN_READABLE_SCALE), Math.round(h * MIN_READABLE_SCALE));
        }
        return s;
    }

    /**
     * The whole graph as one image at a readable scale ({@link #exportScale}), whatever part is in view, drawn in
     * tiles (a canvas larger than a texture cannot be snapshotted whole). On the FX thread.
     */
    public WritableImage wholeImage() throws TooLarge {
        double s = exportScale(layout.width(), layout.height());
        int w = (int) Math.ceil((layout.width() + 2 * MARGIN) * s);
        int h = (int) Math.ceil((layout.height() + 2 * MARGIN) * s);
        WritableImage image = new WritableImage(w, h);
        Canvas tile = new Canvas(Math.min(TILE, w), Math.min(TILE, h));
        javafx.scene.SnapshotParameters parameters = new javafx.scene.SnapshotParameters();
        parameters.setFill(BACKGROUND);
        for (int y = 0; y < h; y += TILE) {
            for (int x = 0; x < w; x += TILE) {
                int tw = Math.min(TILE, w - x);
                int th = Math.min(TILE, h - y);
                paint(tile.getGraphicsContext2D(), tile.getWidth(), tile.getHeight(), s, MARGIN * s - x, MARGIN * s - y, null);
                WritableImage part = tile.snapshot(parameters, null);
                image.getPixelWriter().setPixels(x, y, tw, th, part.getPixelReader(), 0, 0);
            }
        }
        return image;
    }

    /** Draws what is in view. */
    void draw() {
        paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), scale.get(), tx, ty, selected.get());
    }

    /**
     * Paints the part of the graph that a {@code w} × {@code h} view shows at scale {@code s}, shifted by
     * ({@code tx}, {@code ty}): the canvas in view, or one tile of an export.
     */
    private void paint(GraphicsContext g, double w, double h, double s, double tx, double ty, String selectedId) {
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setGlobalAlpha(1);
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (graph == null) {
            return;
        }
        g.setTransform(s, 0, 0, s, tx, ty);
        double left = -tx / s;
        double top = -ty / s;
        double right = left + w / s;
        double bottom = top + h / s;
        boolean focus = !highlighted.isEmpty();
        for (GraphLayout.Cluster c : layout.clusters()) {
            GraphLayout.Box b = c.box();
            if (b.x() + b.width() < left || b.x() > right || b.y() + b.height() < top || b.y() > bottom) {
                continue;
            }
            g.setFill(UNIT_FILL);
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 16, 16);
            g.setStroke(UNIT_BORDER);
            g.setLineWidth(1.2 / Math.max(s, 0.5));
            g.setLineDashes(5, 3);
            g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 16, 16);
            g.setLineDashes((double[]) null);
            if (s >= LABEL_SCALE) {
                g.setFill(MUTED);
                g.setFont(labelFont);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(fitText(c.label(), b.width() - 24, LABEL_CHAR), b.x() + 12, b.y() + 15);
            }
        }
        g.setLineCap(StrokeLineCap.ROUND);
        for (GraphLayout.Route r : layout.routes()) {
            double[] p = r.points();
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int i = 0; i < p.length; i += 2) {
                minX = Math.min(minX, p[i]);
                maxX = Math.max(maxX, p[i]);
                minY = Math.min(minY, p[i + 1]);
                maxY = Math.max(maxY, p[i + 1]);
            }
            if (maxX < left || minX > right || maxY < top || minY > bottom) {
                continue;
            }
            boolean onPath = focus && marked(r.from()) && marked(r.to());
            boolean touchesSelection = r.from().equals(selectedId) || r.to().equals(selectedId);
            g.setGlobalAlpha(focus && !onPath ? 0.25 : 1);
            g.setStroke(onPath ? PATH : touchesSelection ? SELECTED : EDGE);
            g.setLineWidth((onPath ? 2.5 : touchesSelection ? 1.8 : 1) / Math.max(s, 0.5));
            Edge edge = edgeOf(r);
            g.setLineDashes(edge != null && !edge.certain() ? new double[] {6, 4} : null);
            g.strokePolyline(xs(p), ys(p), p.length / 2);
            g.setLineDashes((double[]) null);
            arrow(g, p, g.getStroke());
        }
        g.setGlobalAlpha(1);
        boolean labels = s >= LABEL_SCALE;
        for (Map.Entry<String, GraphLayout.Box> e : layout.boxes().entrySet()) {
            GraphLayout.Box b = e.getValue();
            if (b.x() + b.width() < left || b.x() > right || b.y() + b.height() < top || b.y() > bottom) {
                continue;
            }
            Node n = nodes.get(e.getKey());
            if (n == null) {
                continue;
            }
            boolean onPath = marked(n.id());
            g.setGlobalAlpha(focus && !onPath ? 0.3 : 1);
            Style style = STYLES.get(n.kind());
            g.setFill(onPath ? PATH_FILL : style.fill());
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
            Color border = n.id().equals(selectedId) ? SELECTED : onPath ? PATH : n.production() ? PRODUCTION : style.border();
            g.setStroke(border);
            g.setLineWidth(n.id().equals(selectedId) ? 3 : onPath || n.production() ? 2 : 1);
            g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 10, 10);
            if (isRisky(n.id())) {
                g.setFill(PRODUCTION);
                g.fillOval(b.x() + b.width() - 9, b.y() - 5, 14, 14);
                if (labels) {
                    g.setFill(Color.WHITE);
                    g.setFont(smallFont);
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText("!", b.x() + b.width() - 2, b.y() + 2);
                }
            }
            if (labels) {
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.setFill(TEXT);
                g.setFont(labelFont);
                String second = secondLine(n);
                g.fillText(fitText(n.label(), b.width() - 16, LABEL_CHAR), b.x() + 8, b.y() + (second == null ? b.height() / 2 : 13));
                if (second != null) {
                    g.setFill(MUTED);
                    g.setFont(smallFont);
                    g.fillText(fitText(second, b.width() - 16, SMALL_CHAR), b.x() + 8, b.y() + 28);
                }
            }
        }
        g.setGlobalAlpha(1);
    }

    private Edge edgeOf(GraphLayout.Route r) {
        return edgeIndex.get(r.from() + "\u0000" + r.to());
    }

    /** The small line under a node's label: its kind and account; null for nodes of no account. */
    static String secondLine(Node n) {
        if (n.kind() == NodeKind.ACCOUNT) {
            return "account";
        }
        return n.account() == null ? null : n.kind().json() + " · " + n.account();
    }

    /** The text cut with an ellipsis to what {@code width} holds at {@code charWidth} a character (the canvas and the SVG). */
    static String fitText(String text, double width, double charWidth) {
        int max = (int) (width / charWidth);
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    private static double[] xs(double[] p) {
        double[] xs = new double[p.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = p[2 * i];
        }
        return xs;
    }

    private static double[] ys(double[] p) {
        double[] ys = new double[p.length / 2];
        for (int i = 0; i < ys.length; i++) {
            ys[i] = p[2 * i + 1];
        }
        return ys;
    }

    private static void arrow(GraphicsContext g, double[] p, javafx.scene.paint.Paint paint) {
        int n = p.length;
        double x2 = p[n - 2];
        double y2 = p[n - 1];
        double x1 = p[n - 4];
        double y1 = p[n - 3];
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double size = 8;
        g.setFill(paint);
        g.fillPolygon(new double[] {x2, x2 - size * Math.cos(angle - 0.4), x2 - size * Math.cos(angle + 0.4)},
                new double[] {y2, y2 - size * Math.sin(angle - 0.4), y2 - size * Math.sin(angle + 0.4)}, 3);
    }
}
