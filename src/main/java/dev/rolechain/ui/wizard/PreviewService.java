package dev.rolechain.ui.wizard;

import dev.rolechain.chain.Cell;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Linter;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Planner;
import dev.rolechain.render.Artifact;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.Setup;
import java.util.List;

/**
 * What the Review page shows, computed off the FX thread in two stages: the artifacts first (what
 * {@code rolechain export} writes), then the lint findings and the dry-run matrix.
 */
public final class PreviewService {
    /** Where the workflow lands among the artifacts. */
    public static final String WORKFLOW_PATH = ".github/workflows/deploy.yml";

    /** A valid Setup's planned state and every artifact export would write, in export's order. */
    public record Rendered(Setup setup, DesiredState state, List<Artifact> artifacts) {
        public String workflow() {
            return artifacts.stream().filter(a -> a.path().equals(WORKFLOW_PATH)).map(Artifact::content)
                    .findFirst().orElse("");
        }
    }

    /** The findings of every rule and the matrix of the dry-run chained assume. */
    public record Analysis(Rendered rendered, List<Finding> findings, List<Cell> cells) {
    }

    private final Planner planner;
    private final Renderer renderer;
    private final Linter linter;
    private final ChainCheck chainCheck;

    public PreviewService(Planner planner, Renderer renderer, Linter linter, ChainCheck chainCheck) {
        this.planner = planner;
        this.renderer = renderer;
        this.linter = linter;
        this.chainCheck = chainCheck;
    }

    /** {@code setup} must be valid. */
    public Rendered render(Setup setup) {
        DesiredState state = planner.plan(setup);
        return new Rendered(setup, state, renderer.render(state));
    }

    public Analysis analyse(Rendered rendered) {
        List<Finding> findings = linter.lintSetup(rendered.state(), rendered.workflow());
        List<Cell> cells = chainCheck.check(rendered.state());
        return new Analysis(rendered, findings, cells);
    }
}
