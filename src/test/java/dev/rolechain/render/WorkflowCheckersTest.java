package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.github.WorkflowParser;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Severity;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.testsupport.Actionlint;
import dev.rolechain.testsupport.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported workflows, the deploy workflow and the verification workflow, pass the project's workflow lint
 * (no errors, no warnings) and an independent checker, actionlint.
 */
class WorkflowCheckersTest {
    private static final Services SERVICES = new Services();
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"article", "three-targets"})
    void theExportedWorkflowsPassOurLintAndActionlint(String example) throws Exception {
        DesiredState state = SERVICES.planner().plan(Examples.load(example));
        List<Path> files = new ArrayList<>();
        for (Artifact a : SERVICES.renderer().render(state, true)) {
            if (a.path().startsWith(".github/workflows/")) {
                Path file = temp.resolve(a.path().substring(".github/workflows/".length()));
                Files.writeString(file, a.content());
                files.add(file);
                List<Finding> findings = SERVICES.linter().lintWorkflow(a.path(), new WorkflowParser().parse(a.content()), state);
                assertThat(findings).as(a.path()).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
            }
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("deploy.yml", "rolechain-verify.yml");
        assertThat(Actionlint.check(files.toArray(Path[]::new))).isEmpty();
        // and actionlint does see a broken one: a context property that does not exist
        Path broken = Files.writeString(temp.resolve("broken.yml"), Files.readString(files.get(1))
                .replace("inputs.target == ''", "inputs.targets == ''"));
        assertThat(Actionlint.check(broken)).isNotEmpty().allSatisfy(l -> assertThat(l).contains("targets"));
    }
}
