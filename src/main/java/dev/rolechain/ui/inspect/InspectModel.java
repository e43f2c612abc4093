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
    private final ReadOnlyObjectWrapper<Set<String>> productionAccounts =
            new ReadOnlyObjectWrapper<>(this, "productionAccounts", Set.of());
    private Background.Handle task = () -> { };
    /** What the last inspection read, kept so that marking an account production rebuilds without reading again. */
    private InspectSources.Loaded loaded;

    InspectModel(Loader loader, GraphBuilder builder, ElkLayout elk, Background background) {
        this.loader = loader;
        this.builder = builder;
        this.elk = elk;
        this.background = background;
    }

    /** Reads the sources and builds the graph; call on the FX thread. */
    void inspect(List<String> profiles, List<Path> dumps) {
        inspect(profiles, dumps, null);
    }

    /** The same, with every account of the organization a management or delegated administrator profile reaches. */
    void inspect(List<String> profiles, List<Path> dumps, String organization) {
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
        Set<String> marked = productionAccounts.get();
        InspectSources.Loaded[] read = new InspectSources.Loaded[1];
        task = background.<InspectView.Result>task(context -> {
            read[0] = loader.load(new InspectSources.Request(chosen, files, null, null, organization, null, 8),
                    (profile, message) -> context.progress(profile + ": " + message), context::cancelled);
            if (context.cancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            return result(read[0], marked, null);
        }).onProgress(line -> {
            lines.put(line.substring(0, Math.max(0, line.indexOf(": "))), line);
            progress.set(String.join(" · ", lines.values()));
        }).onSuccess(r -> {
            loaded = read[0];
            result.set(r);
        }).onError(java.util.concurrent.CancellationException.class,
                e -> failure.set(Failure.CANCELLED)).onError(Exception.class, e -> {
                    failure.set(Failure.FAILED);
                    error.set(e.getMessage());
                }).andFinally(() -> running.set(false)).start();
    }

    void cancel() {
        task.cancel();
    }

    /**
     * Marks an inspected account as production or not (as {@code --production-account} does): the graph is built
     * again from what was read, off the FX thread, with the same layout; nothing is read again.
     */
    void markProduction(String account, boolean production) {
        Set<String> marked = new java.util.TreeSet<>(productionAccounts.get());
        if (production) {
            marked.add(account);
        } else {
            marked.remove(account);
        }
        productionAccounts.set(java.util.Collections.unmodifiableSet(marked));
        InspectSources.Loaded from = loaded;
        InspectView.Result shown = result.get();
        if (from == null || shown == null || running.get()) {
            return;
        }
        running.set(true);
        task = background.<InspectView.Result>task(context -> result(from, marked, shown.layout()))
                .onSuccess(r -> {
                    // a later mark wins: only the newest one's graph is shown
                    if (marked.equals(productionAccounts.get())) {
                        result.set(r);
                    }
                }).onError(Exception.class, e -> {
                    failure.set(Failure.FAILED);
                    error.set(e.getMessage());
                }).andFinally(() -> {
                    running.set(false);
                    if (!marked.equals(productionAccounts.get()) && loaded != null) {
                        markProduction(account, productionAccounts.get().contains(account));
                    }
                }).start();
    }

    /** The graph of what was read, with the accounts the user marks production; laid out unless a layout is given. */
    private InspectView.Result result(InspectSources.Loaded read, Set<String> marked, GraphLayout layout) {
        Set<String> accounts = new java.util.TreeSet<>(read.production().accounts());
        accounts.addAll(marked);
        GraphBuilder.Production production = new GraphBuilder.Production(accounts, read.production().roleArns());
        TrustGraph graph = builder.build(read.accounts(), production);
        TrustQueries queries = new TrustQueries(graph);
        List<Risk> risky = queries.risky();
        Set<String> riskyIds = risky.stream().map(Risk::node).collect(Collectors.toCollection(LinkedHashSet::new));
        GraphLayout placed = layout != null ? layout
                : elk.layout(graph.nodes(), graph.edges(), Set.of(), ElkLayout.unitsOf(read.organization()));
        List<String> inspected = read.accounts().stream().map(a -> a.accountId()).sorted().toList();
        return new InspectView.Result(graph, risky, riskyIds, queries.reachableFromGitHub(), placed, inspected,
                read.organization());
    }

    /** The accounts the user marked production. */
    ReadOnlyObjectProperty<Set<String>> productionAccountsProperty() {
        return productionAccounts.getReadOnlyProperty();
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
