package dev.rolechain.ui.common;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work off the FX thread on the newest input only. While a run is in progress, further inputs
 * replace each other and the latest runs next, so a burst of edits costs at most two runs and the
 * result always reflects the last edit. Results and errors are delivered through {@code fx}.
 */
public final class Coalescing<I, O> {
    private static final Logger LOG = LoggerFactory.getLogger(Coalescing.class);

    private final Executor executor;
    private final Executor fx;
    private final Function<I, O> work;
    private final Consumer<O> onResult;
    private final Consumer<Throwable> onError;
    private I pending;
    private boolean running;

    public Coalescing(Executor executor, Executor fx, Function<I, O> work, Consumer<O> onResult, Consumer<Throwable> onError) {
        this.executor = executor;
        this.fx = fx;
        this.work = work;
        this.onResult = onResult;
        this.onError = onError;
    }

    public void submit(I input) {
        synchronized (this) {
            pending = input;
            if (running) {
                return;
            }
            running = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            I input;
            synchronized (this) {
                input = pending;
                pending = null;
                if (input == null) {
                    running = false;
                    return;
                }
            }
            try {
                O output = work.apply(input);
                fx.execute(() -> onResult.accept(output));
            } catch (RuntimeException | Error e) {
                LOG.warn("background work failed", e);
                fx.execute(() -> onError.accept(e));
            }
        }
    }
}
