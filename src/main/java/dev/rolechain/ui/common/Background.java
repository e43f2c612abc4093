package dev.rolechain.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the UI runs slow work: on the injected executor, with the result or the error handed
 * back on the FX thread, and {@link #busyProperty()} true while any task runs.
 */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final Executor executor;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private int running;

    public Background(Executor executor, Executor fx) {
        this.executor = executor;
        this.fx = fx;
    }

    public Executor executor() {
        return executor;
    }

    public Executor fx() {
        return fx;
    }

    /** Call on the FX thread. */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onError) {
        running++;
        busy.set(true);
        executor.execute(() -> {
            try {
                T result = work.call();
                fx.execute(() -> {
                    finish();
                    onSuccess.accept(result);
                });
            } catch (Exception e) {
                LOG.debug("background task failed", e);
                fx.execute(() -> {
                    finish();
                    onError.accept(e);
                });
            }
        });
    }

    private void finish() {
        running--;
        busy.set(running > 0);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
