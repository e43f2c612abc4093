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

    /**
     * A task in the shape of Cryptomator's {@code Tasks} and JabRef's {@code BackgroundTask}: the work gets a
     * {@link Context} (progress, and whether it was cancelled); success, errors by type and finally come back on
     * the FX thread; {@link Task#start()} returns a handle that cancels it.
     */
    public <T> Task<T> task(Work<T> work) {
        return new Task<>(work);
    }

    /** What a task's work sees: where to report progress, and whether to stop. */
    public interface Context {
        /** A progress line, shown on the FX thread. */
        void progress(String line);

        boolean cancelled();
    }

    /** The work of a task: runs on the worker. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Context context) throws Exception;
    }

    /** A task being set up; {@link #start()} runs it. */
    public final class Task<T> {
        private final Work<T> work;
        private Consumer<T> onSuccess = r -> { };
        private final java.util.List<java.util.Map.Entry<Class<? extends Exception>, Consumer<Exception>>> onError =
                new java.util.ArrayList<>();
        private Consumer<String> onProgress = p -> { };
        private Runnable onFinally = () -> { };

        private Task(Work<T> work) {
            this.work = work;
        }

        public Task<T> onSuccess(Consumer<T> handler) {
            this.onSuccess = handler;
            return this;
        }

        /** Handles errors of this type (and its subtypes); the first matching handler in the order given wins. */
        @SuppressWarnings("unchecked")
        public <E extends Exception> Task<T> onError(Class<E> type, Consumer<? super E> handler) {
            onError.add(java.util.Map.entry(type, e -> handler.accept((E) e)));
            return this;
        }

        public Task<T> onProgress(Consumer<String> handler) {
            this.onProgress = handler;
            return this;
        }

        /** Runs after success or error, always. */
        public Task<T> andFinally(Runnable handler) {
            this.onFinally = handler;
            return this;
        }

        /** Runs the task; call on the FX thread. */
        public Handle start() {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            Context context = new Context() {
                @Override
                public void progress(String line) {
                    fx.execute(() -> onProgress.accept(line));
                }

                @Override
                public boolean cancelled() {
                    return cancelled.get();
                }
            };
            run(() -> work.call(context), result -> {
                try {
                    onSuccess.accept(result);
                } finally {
                    onFinally.run();
                }
            }, e -> {
                try {
                    onError.stream().filter(h -> h.getKey().isInstance(e)).findFirst().map(java.util.Map.Entry::getValue)
                            .orElse(x -> LOG.warn("a background task failed and nothing handled it", x)).accept(e);
                } finally {
                    onFinally.run();
                }
            });
            return () -> cancelled.set(true);
        }
    }

    /** A started task: it can be asked to stop (its work sees {@link Context#cancelled()}). */
    @FunctionalInterface
    public interface Handle {
        void cancel();
    }
}
