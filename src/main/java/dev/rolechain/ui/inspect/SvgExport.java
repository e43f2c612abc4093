package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.TrustGraph;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The laid-out graph as a standalone SVG document, drawn as {@link GraphCanvas} draws it. */
public final class SvgExport {
    private SvgExport() {
    }

    public static String svg(TrustGraph graph, GraphLayout layout, Set<String> highlighted, Set<String> risky) {
        Map<String, Node> nodes = new HashMap<>();
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        layout.groups().values().forEach(g -> nodes.put(g.id(), g.node()));
        Map<String, Edge> edges = new HashMap<>();
        graph.edges().forEach(e -> edges.put(e.from() + "\u0000" + e.to(), e));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">%n", layout.width(), layout.height(),
                layout.width(), layout.height()));
        sb.append("<title>Rolechain trust graph</title>\n");
        // SVG 1.1: one marker per colour (SVG 2's context-stroke is drawn blank by common renderers)
        sb.append("<defs>");
        for (String[] marker : new String[][] {{"arrow", hex(GraphCanvas.EDGE)}, {"arrow-path", hex(GraphCanvas.PATH)}}) {
            sb.append("<marker id=\"").append(marker[0]).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                    + "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(marker[1]).append("\"/></marker>");
        }
        sb.append("</defs>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(hex(GraphCanvas.BACKGROUND)).append("\"/>\n");
        for (GraphLayout.Cluster c : layout.clusters()) {
            GraphLayout.Box b = c.box();
            sb.append(String.format(Locale.ROOT, "<g class=\"unit\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "rx=\"12\" fill=\"%s\" stroke=\"%s\" stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%.1f\" "
                    + "font-size=\"12\" font-weight=\"bold\" fill=\"%s\">%s</text></g>%n", b.x(), b.y(), b.width(), b.height(),
                    hex(GraphCanvas.UNIT_FILL), hex(GraphCanvas.UNIT_BORDER), b.x() + 12, b.y() + 19, hex(GraphCanvas.MUTED),
                    xml(c.label())));
        }
        boolean focus = !highlighted.isEmpty();
        for (GraphLayout.Route r : layout.routes()) {
            boolean onPath = focus && layout.drawnAmong(r.from(), highlighted) && layout.drawnAmong(r.to(), highlighted);
            Edge e = edges.get(r.from() + "\u0000" + r.to());
            StringBuilder points = new StringBuilder();
            double[] p = r.points();
            for (int i = 0; i < p.length; i += 2) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[i], p[i + 1]));
            }
            sb.append("<polyline fill=\"none\" points=\"").append(points.toString().strip()).append("\" stroke=\"")
                    .append(hex(onPath ? GraphCanvas.PATH : GraphCanvas.EDGE)).append("\" stroke-width=\"").append(onPath ? "2.5" : "1")
                    .append('"');
            if (e != null && !e.certain()) {
                sb.append(" stroke-dasharray=\"6 4\"");
            }
            if (focus && !onPath) {
                sb.append(" opacity=\"0.25\"");
            }
            sb.append(" marker-end=\"url(#").append(onPath ? "arrow-path" : "arrow").append(")\"><title>").append(xml(e == null ? "" : dev.rolechain.inspect.GraphExport.edgeLabel(e)))
                    .append("</title></polyline>\n");
        }
        int index = 0;
        for (Map.Entry<String, GraphLayout.Box> entry : layout.boxes().entrySet()) {
            Node n = nodes.get(entry.getKey());
            GraphLayout.Box b = entry.getValue();
            if (n == null) {
                continue;
            }
            boolean onPath = layout.drawnAmong(n.id(), highlighted);
            GraphCanvas.Style style = GraphCanvas.STYLES.get(n.kind());
            String stroke = hex(onPath ? GraphCanvas.PATH : n.production() ? GraphCanvas.PRODUCTION : style.border());
            sb.append(String.format(Locale.ROOT, "<g%s><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "rx=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>", focus && !onPath ? " opacity=\"0.3\"" : "",
                    xml(n.id()), b.x(), b.y(), b.width(), b.height(), hex(onPath ? GraphCanvas.PATH_FILL : style.fill()), stroke,
                    onPath || n.production() ? "2" : "1"));
            // the labels are cut to their box as on the canvas (the whole id is the title), and clipped to it in
            // case a renderer's font is wider than the estimate
            String clip = "label-" + index++;
            sb.append(String.format(Locale.ROOT, "<clipPath id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
                    + "</clipPath><g clip-path=\"url(#%s)\">", clip, b.x() + 4, b.y(), b.width() - 8, b.height(), clip));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" fill=\"" + hex(GraphCanvas.TEXT) + "\">%s</text>",
                    b.x() + 8, b.y() + (GraphCanvas.secondLine(n) == null ? b.height() / 2 + 4 : 17),
                    xml(GraphCanvas.fitText(n.label(), b.width() - 16, GraphCanvas.LABEL_CHAR))));
            if (GraphCanvas.secondLine(n) != null) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" fill=\"" + hex(GraphCanvas.MUTED) + "\">%s</text>",
                        b.x() + 8, b.y() + 32, GraphCanvas.SMALLEST_FONT,
                        xml(GraphCanvas.fitText(GraphCanvas.secondLine(n), b.width() - 16, GraphCanvas.SMALL_CHAR))));
            }
            sb.append("</g>");
            if (layout.drawnAmong(n.id(), risky)) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"" + hex(GraphCanvas.PRODUCTION) + "\"/>", b.x() + b.width() - 2,
                        b.y() + 2));
            }
            sb.append("</g>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    /** A colour as SVG writes it: #rrggbb. */
    static String hex(javafx.scene.paint.Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
