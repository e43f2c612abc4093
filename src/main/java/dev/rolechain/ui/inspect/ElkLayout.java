package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
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
        return layout(nodes, edges, expanded, account -> null);
    }

    /**
     * The same, with the nodes of each organizational unit drawn inside one box: {@code unitOf} gives the label of
     * an account's unit (its path, {@code Root/workloads}), or null for an account outside the organization.
     */
    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges, java.util.Set<String> expanded,
            Function<String, String> unitOf) {
        FanOuts.Grouped grouped = FanOuts.group(nodes, edges, expanded);
        GraphLayout placed = layout(grouped.nodes(), grouped.edges(), ElkLayout::width,
                n -> n.account() == null ? null : unitOf.apply(n.account()));
        return new GraphLayout(placed.boxes(), placed.routes(), placed.width(), placed.height(), grouped.groups(),
                placed.clusters());
    }

    /** Each account's unit path in an organization; none for an inspection of separate accounts (null). */
    public static Function<String, String> unitsOf(dev.rolechain.inspect.OrganizationMap organization) {
        return organization == null ? account -> null : organization::pathOf;
    }

    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges, ToDoubleFunction<Node> width) {
        return layout(nodes, edges, width, n -> null);
    }

    /** Lays out with each node whose {@code clusterOf} is not null inside the box of that label. */
    public GraphLayout layout(Collection<Node> nodes, Collection<Edge> edges, ToDoubleFunction<Node> width,
            Function<Node, String> clusterOf) {
        if (nodes.isEmpty()) {
            return GraphLayout.empty();
        }
        ElkNode root = ElkGraphUtil.createGraph();
        options(root, new ElkPadding(24));
        Map<String, ElkNode> clusters = new LinkedHashMap<>();
        Map<String, ElkNode> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            String label = clusterOf.apply(n);
            ElkNode parent = label == null ? root : clusters.computeIfAbsent(label, l -> {
                ElkNode c = ElkGraphUtil.createNode(root);
                c.setIdentifier("unit:" + l);
                options(c, new ElkPadding(CLUSTER_TOP, 12, 12, 12));
                return c;
            });
            ElkNode e = ElkGraphUtil.createNode(parent);
            e.setIdentifier(n.id());
            e.setDimensions(width.applyAsDouble(n), NODE_HEIGHT);
            byId.put(n.id(), e);
        }
        if (!clusters.isEmpty()) {
            // one layered layout across the boxes, so that edges between units are routed with the rest
            root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
            clusters.values().forEach(c -> c.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN));
        }
        Map<ElkEdge, Edge> edgeOf = new LinkedHashMap<>();
        for (Edge edge : edges) {
            ElkNode from = byId.get(edge.from());
            ElkNode to = byId.get(edge.to());
            if (from != null && to != null && from != to) {
                ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
                ElkGraphUtil.updateContainment(e);
                edgeOf.put(e, edge);
            }
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
        Map<String, GraphLayout.Box> boxes = new LinkedHashMap<>();
        byId.forEach((id, n) -> boxes.put(id, absolute(n)));
        List<GraphLayout.Route> routes = new ArrayList<>();
        edgeOf.forEach((e, edge) -> {
            if (e.getSections().isEmpty()) {
                return;
            }
            // an edge's points are relative to the node that contains it
            GraphLayout.Box frame = e.getContainingNode() == root ? null : absolute(e.getContainingNode());
            double dx = frame == null ? 0 : frame.x();
            double dy = frame == null ? 0 : frame.y();
            ElkEdgeSection section = e.getSections().get(0);
            double[] points = new double[4 + 2 * section.getBendPoints().size()];
            int i = 0;
            points[i++] = section.getStartX() + dx;
            points[i++] = section.getStartY() + dy;
            for (ElkBendPoint bend : section.getBendPoints()) {
                points[i++] = bend.getX() + dx;
                points[i++] = bend.getY() + dy;
            }
            points[i++] = section.getEndX() + dx;
            points[i] = section.getEndY() + dy;
            routes.add(new GraphLayout.Route(edge.from(), edge.to(), points));
        });
        List<GraphLayout.Cluster> drawn = new ArrayList<>();
        clusters.forEach((label, c) -> drawn.add(new GraphLayout.Cluster(label, absolute(c))));
        return new GraphLayout(boxes, routes, root.getWidth(), root.getHeight(), Map.of(), drawn);
    }

    /** Room above a unit's box for its label. */
    static final double CLUSTER_TOP = 30;

    private static void options(ElkNode graph, ElkPadding padding) {
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        graph.setProperty(CoreOptions.PADDING, padding);
        graph.setProperty(CoreOptions.SPACING_NODE_NODE, 14.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        graph.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 24.0);
        graph.setProperty(LayeredOptions.THOROUGHNESS, 3);
    }

    /** A node's box in the root's coordinates (ELK gives each node's position relative to its parent). */
    private static GraphLayout.Box absolute(ElkNode n) {
        double x = 0;
        double y = 0;
        for (ElkNode at = n; at.getParent() != null; at = at.getParent()) {
            x += at.getX();
            y += at.getY();
        }
        return new GraphLayout.Box(x, y, n.getWidth(), n.getHeight());
    }
}
