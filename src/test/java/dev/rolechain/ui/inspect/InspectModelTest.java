package dev.rolechain.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Services;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.ui.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Inspect's view model without the FX thread: the example dumps become a graph; a cancel leaves no result. */
class InspectModelTest {
    private final Services services = new Services();
    private final List<Runnable> later = new ArrayList<>();

    private static List<Path> dumps() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("examples/dumps"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private InspectModel model(Background background) {
        return new InspectModel(services.inspectSources()::load, services.graphBuilder(), new ElkLayout(), background);
    }

    @Test
    void theDumpsBecomeAGraphWithItsRisksAndLayout() throws Exception {
        InspectModel model = model(new Background(Runnable::run, Runnable::run));
        model.inspect(List.of(), dumps());
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.failureProperty().get()).isEqualTo(InspectModel.Failure.NONE);
        InspectView.Result result = model.resultProperty().get();
        assertThat(result.graph().nodes().stream().filter(n -> n.kind() == NodeKind.ROLE).count()).isGreaterThan(5);
        assertThat(result.layout().boxes()).isNotEmpty();
        assertThat(result.accounts()).isNotEmpty();
    }

    @Test
    void anAccountMarkedProductionRebuildsTheGraphFromWhatWasReadWithTheSameLayout() throws Exception {
        List<Runnable> reads = new ArrayList<>();
        InspectModel model = new InspectModel((request, progress, cancelled) -> {
            reads.add(() -> { });
            return services.inspectSources().load(request, progress, cancelled);
        }, services.graphBuilder(), new ElkLayout(), new Background(Runnable::run, Runnable::run));
        model.inspect(List.of(), dumps());
        InspectView.Result before = model.resultProperty().get();
        String tooling = "111111111111";
        assertThat(before.graph().nodes()).filteredOn(n -> tooling.equals(n.account()) && n.kind() == NodeKind.ROLE)
                .isNotEmpty().noneMatch(dev.rolechain.inspect.Node::production);

        model.markProduction(tooling, true);
        InspectView.Result marked = model.resultProperty().get();
        assertThat(model.productionAccountsProperty().get()).containsExactly(tooling);
        assertThat(marked.graph().nodes()).filteredOn(n -> tooling.equals(n.account()) && n.kind() == NodeKind.ROLE)
                .allMatch(dev.rolechain.inspect.Node::production);
        assertThat(marked.layout()).as("the same layout: the view keeps its place").isSameAs(before.layout());
        assertThat(marked.risky().size()).as("GitHub subjects reaching the tooling roles are now risks")
                .isGreaterThan(before.risky().size());
        assertThat(reads).as("nothing read again").hasSize(1);

        model.markProduction(tooling, false);
        assertThat(model.resultProperty().get().risky()).hasSameSizeAs(before.risky());
        assertThat(model.resultProperty().get().graph().nodes()).filteredOn(n -> tooling.equals(n.account()))
                .noneMatch(dev.rolechain.inspect.Node::production);
    }

    @Test
    void aCancelledInspectionSaysSoAndLeavesNoResult() throws Exception {
        InspectModel model = model(new Background(later::add, Runnable::run));
        model.inspect(List.of(), dumps());
        assertThat(model.runningProperty().get()).isTrue();
        model.cancel();
        later.forEach(Runnable::run);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.failureProperty().get()).isEqualTo(InspectModel.Failure.CANCELLED);
        assertThat(model.resultProperty().get()).isNull();
    }
}
