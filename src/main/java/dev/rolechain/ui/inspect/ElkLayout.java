package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a trust graph out left to right with Eclipse ELK's layered algorithm: whoever assumes is left
 * of what is assumed, so GitHub subjects, providers, tooling roles and target roles fall in columns.
 * Not JavaFX: it runs on a worker thread.
 */
public final class ElkLayout {
    /** Box height of every node. */
    public static final double NODE_HEIGHT = 40;

    static {
        // registered by hand: a shaded jar need not keep ELK's service files
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new CoreOptions(), new LayeredMetaDataProvider());
    }

    /** The width of a node's box for a label and a second line. */
    public static double width(Node node) {
        double label = node.label().length() * GraphCanvas.LABEL_CHAR;
        double second = GraphCanvas.secondLine(node) == null ? 0 : GraphCanvas.secondLine(node).length() * GraphCanvas.SMALL_CHAR;
        return Math.min(320, Math.max(96, Math.max(label, second) + 24));
    }

    /** Lays the graph out with every large fan-out as one box ({@link FanOuts}). */
    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges) {
        return layout(nodes, edges, java.util.Set.of());
    }

    /** The same, with the fan-outs of the sources in {@code expanded} drawn role by role. */
    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges, java.util.Set<String> expanded) {
        FanOuts.Grouped grouped = FanOuts.group(nodes, edges, expanded);
        GraphLayout placed = layout(grouped.nodes(), grouped.edges(), ElkLayout::width);
        return new GraphLayout(placed.boxes(), placed.routes(), placed.width(), placed.height(), grouped.groups());
    }

    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges, ToDoubleFunction<Node> width) {
        if (nodes.isEmpty()) {
            return GraphLayout.empty();
        }
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(24));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 24.0);
        root.setProperty(LayeredOptions.THOROUGHNESS, 3);
        Map<String, ElkNode> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.id());
            e.setDimensions(width.applyAsDouble(n), NODE_HEIGHT);
            byId.put(n.id(), e);
        }
        Map<ElkEdge, Edge> edgeOf = new HashMap<>();
        for (Edge edge : edges) {
            ElkNode from = byId.get(edge.from());
            ElkNode to = byId.get(edge.to());
            if (from != null && to != null && from != to) {
                edgeOf.put(ElkGraphUtil.createSimpleEdge(from, to), edge);
            }
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
        Map<String, GraphLayout.Box> boxes = new LinkedHashMap<>();
        byId.forEach((id, n) -> boxes.put(id, new GraphLayout.Box(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        List<GraphLayout.Route> routes = new ArrayList<>();
        for (ElkEdge e : root.getContainedEdges()) {
            Edge edge = edgeOf.get(e);
            if (edge == null || e.getSections().isEmpty()) {
                continue;
            }
            ElkEdgeSection section = e.getSections().get(0);
            double[] points = new double[4 + 2 * section.getBendPoints().size()];
            int i = 0;
            points[i++] = section.getStartX();
            points[i++] = section.getStartY();
            for (ElkBendPoint bend : section.getBendPoints()) {
                points[i++] = bend.getX();
                points[i++] = bend.getY();
            }
            points[i++] = section.getEndX();
            points[i] = section.getEndY();
            routes.add(new GraphLayout.Route(edge.from(), edge.to(), points));
        }
        return new GraphLayout(boxes, routes, root.getWidth(), root.getHeight());
    }
}
