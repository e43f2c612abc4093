package dev.rolechain.ui.inspect;

import dev.rolechain.aws.InspectSources;
import dev.rolechain.aws.TrustReader;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.Risk;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.inspect.TrustQueries;
import dev.rolechain.ui.common.Background;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The view model of an inspection: read the sources (profiles, dump files) off the FX thread with progress per
 * profile and a cancel, build the trust graph, its risks and layout; the result, whether it runs, the progress
 * line and what went wrong as read-only state. No controls: Inspect binds to it, and plain JUnit tests drive it.
 */
final class InspectModel {
    /** Reads the sources; {@link InspectSources#load} in the app. */
    interface Loader {
        InspectSources.Loaded load(InspectSources.Request request, TrustReader.Progress progress, BooleanSupplier cancelled)
                throws Exception;
    }

    /** Why the last inspection gave no result. */
    enum Failure { NONE, CANCELLED, FAILED }

    private final Loader loader;
    private final GraphBuilder builder;
    private final ElkLayout elk;
    private final Background background;
    private final ReadOnlyObjectWrapper<InspectView.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure", Failure.NONE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private Background.Handle task = () -> { };

    InspectModel(Loader loader, GraphBuilder builder, ElkLayout elk, Background background) {
        this.loader = loader;
        this.builder = builder;
        this.elk = elk;
        this.background = background;
    }

    /** Reads the sources and builds the graph; call on the FX thread. */
    void inspect(List<String> profiles, List<Path> dumps) {
        if (running.get()) {
            return;
        }
        running.set(true);
        failure.set(Failure.NONE);
        error.set(null);
        progress.set("");
        List<String> chosen = List.copyOf(profiles);
        List<Path> files = List.copyOf(dumps);
        Map<String, String> lines = new LinkedHashMap<>();
        task = background.<InspectView.Result>task(context -> {
            InspectSources.Loaded loaded = loader.load(new InspectSources.Request(chosen, files, null, null),
                    (profile, message) -> context.progress(profile + ": " + message), context::cancelled);
            if (context.cancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            TrustGraph graph = builder.build(loaded.accounts(), loaded.production());
            TrustQueries queries = new TrustQueries(graph);
            List<Risk> risky = queries.risky();
            Set<String> riskyIds = risky.stream().map(Risk::node).collect(Collectors.toCollection(LinkedHashSet::new));
            GraphLayout layout = elk.layout(graph.nodes(), graph.edges());
            List<String> accounts = loaded.accounts().stream().map(a -> a.accountId()).sorted().toList();
            return new InspectView.Result(graph, risky, riskyIds, queries.reachableFromGitHub(), layout, accounts);
        }).onProgress(line -> {
            lines.put(line.substring(0, Math.max(0, line.indexOf(": "))), line);
            progress.set(String.join(" · ", lines.values()));
        }).onSuccess(result::set).onError(java.util.concurrent.CancellationException.class,
                e -> failure.set(Failure.CANCELLED)).onError(Exception.class, e -> {
                    failure.set(Failure.FAILED);
                    error.set(e.getMessage());
                }).andFinally(() -> running.set(false)).start();
    }

    void cancel() {
        task.cancel();
    }

    ReadOnlyObjectProperty<InspectView.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
