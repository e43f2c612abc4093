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
import java.util.function.Supplier;

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

    private final Supplier<Planner> planner;
    private final Supplier<Renderer> renderer;
    private final Supplier<Linter> linter;
    private final Supplier<ChainCheck> chainCheck;

    /** The services come as suppliers: they are built on first use, off the FX thread. */
    public PreviewService(Supplier<Planner> planner, Supplier<Renderer> renderer, Supplier<Linter> linter,
            Supplier<ChainCheck> chainCheck) {
        this.planner = planner;
        this.renderer = renderer;
        this.linter = linter;
        this.chainCheck = chainCheck;
    }

    /** {@code setup} must be valid. */
    public Rendered render(Setup setup) {
        DesiredState state = planner.get().plan(setup);
        return new Rendered(setup, state, renderer.get().render(state));
    }

    /** The verification workflow for a rendered Setup, which export adds when asked to. */
    public Artifact verifyWorkflow(Rendered rendered) {
        return new Artifact(Renderer.VERIFY_WORKFLOW, renderer.get().verifyWorkflow(rendered.state()));
    }

    public Analysis analyse(Rendered rendered) {
        List<Finding> findings = linter.get().lintSetup(rendered.state(), rendered.workflow());
        List<Cell> cells = chainCheck.get().check(rendered.state());
        return new Analysis(rendered, findings, cells);
    }
}
