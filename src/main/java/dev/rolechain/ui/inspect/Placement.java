package dev.rolechain.ui.inspect;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.ui.common.Background;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where Inspect's graph is drawn after the first layout: laid out again, off the FX thread, for the nodes the
 * filters let through and with the fan-outs the user expanded ({@link FanOuts}); only the newest layout is shown.
 */
final class Placement {
    private final ElkLayout elk;
    private final Background background;
    private final GraphCanvas canvas;
    private final Supplier<Set<String>> visible;
    private final Runnable shown;
    private final Consumer<Exception> failed;
    private final Set<String> expanded = new HashSet<>();
    private int generation;
    private Function<String, String> unitOf = account -> null;

    /** {@code visible}: the ids the filters let through; {@code shown} runs after each new layout is on the canvas. */
    Placement(ElkLayout elk, Background background, GraphCanvas canvas, Supplier<Set<String>> visible, Runnable shown,
            Consumer<Exception> failed) {
        this.elk = elk;
        this.background = background;
        this.canvas = canvas;
        this.visible = visible;
        this.shown = shown;
        this.failed = failed;
    }

    /** A new inspection: every fan-out collapsed again, and the nodes boxed by the units {@code unitOf} gives. */
    void reset(Function<String, String> unitOf) {
        expanded.clear();
        this.unitOf = unitOf;
    }

    /**
     * The group a selected id stands for or is drawn in, expanded and the id (or, for a group's box, its source)
     * selected and centred; false when the id has a box of its own.
     */
    boolean expandFor(TrustGraph graph, String id) {
        FanOuts.Group group = FanOuts.isGroup(id) ? canvas.layoutShown().groups().get(id) : canvas.layoutShown().groupOf(id);
        if (group == null) {
            return false;
        }
        expanded.add(group.source());
        String select = FanOuts.isGroup(id) ? group.source() : id;
        relayout(graph, false, () -> {
            canvas.selectedProperty().set(select);
            canvas.centerOn(select);
        });
        return true;
    }

    /** Lays out again; {@code fit} frames the whole graph, else {@code then} places the view. */
    void relayout(TrustGraph graph, boolean fit, Runnable then) {
        int mine = ++generation;
        Set<String> ids = visible.get();
        List<Node> nodes = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = graph.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        Set<String> open = Set.copyOf(expanded);
        Function<String, String> units = unitOf;
        background.run(() -> elk.layout(nodes, edges, open, units), layout -> {
            if (mine == generation) {
                canvas.show(graph, layout, fit);
                shown.run();
                then.run();
            }
        }, failed);
    }
}
