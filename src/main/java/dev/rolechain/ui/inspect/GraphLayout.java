package dev.rolechain.ui.inspect;

import java.util.List;
import java.util.Map;

/**
 * Where each node and edge of a trust graph is drawn: boxes by node id and each edge's polyline, in
 * one coordinate space of the given size; a large fan-out is one box, its group ({@link FanOuts}); the nodes of an
 * organizational unit lie inside its cluster's box. Produced off the FX thread, drawn by {@link GraphCanvas}
 * and written by {@link SvgExport}.
 */
public record GraphLayout(Map<String, Box> boxes, List<Route> routes, double width, double height,
        Map<String, FanOuts.Group> groups, List<Cluster> clusters) {

    public GraphLayout {
        groups = Map.copyOf(groups);
        clusters = List.copyOf(clusters);
    }

    public GraphLayout(Map<String, Box> boxes, List<Route> routes, double width, double height) {
        this(boxes, routes, width, height, Map.of(), List.of());
    }

    /** The box drawn around the nodes of one organizational unit, labelled with the unit's path. */
    public record Cluster(String label, Box box) {
    }

    /** Whether the node drawn as {@code id} is among {@code ids}; a group's box is when one of its roles is. */
    public boolean drawnAmong(String id, java.util.Set<String> ids) {
        FanOuts.Group group = groups.get(id);
        return group == null ? ids.contains(id) : group.members().stream().anyMatch(ids::contains);
    }

    /** The group a node is drawn in (collapsed into its box), or null when it has a box of its own. */
    public FanOuts.Group groupOf(String id) {
        for (FanOuts.Group g : groups.values()) {
            if (g.members().contains(id)) {
                return g;
            }
        }
        return null;
    }

    public record Box(double x, double y, double width, double height) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }
    }

    /** An edge's path, from the source's side to the target's, as x/y pairs. */
    public record Route(String from, String to, double[] points) {
    }

    public static GraphLayout empty() {
        return new GraphLayout(Map.of(), List.of(), 0, 0);
    }
}
