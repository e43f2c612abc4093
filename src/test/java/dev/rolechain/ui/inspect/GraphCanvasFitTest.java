package dev.rolechain.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fit shows the whole graph, however large (2,800 roles used to show a slice at the 0.02 lower bound). */
class GraphCanvasFitTest {
    @Test
    void fitGoesBelowTheUsualLowerBoundForAVeryLargeGraph() {
        double s = GraphCanvas.fitScale(636, 700, 120_000, 9_000);
        assertThat(s).isLessThan(GraphCanvas.MIN_SCALE);
        assertThat(120_000 * s).isLessThanOrEqualTo(636.0001);
        assertThat(9_000 * s).isLessThanOrEqualTo(700.0001);
        assertThat(GraphCanvas.fitScale(800, 600, 100, 100)).as("a small graph is not blown up past the upper bound")
                .isEqualTo(GraphCanvas.MAX_SCALE);
    }
}
