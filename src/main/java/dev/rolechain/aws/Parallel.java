package dev.rolechain.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Independent AWS calls run together on a small pool: IAM answers each in tens of milliseconds from far away, so a
 * tooling account's roles read or written one after another wait for every round trip in turn. Results keep the
 * order of the items; the first failure in that order is rethrown as it was, after every started call has ended.
 */
final class Parallel {
    /** At most this many calls at once: well inside IAM's request rate, and the SDK retries a throttled call. */
    static final int THREADS = 4;

    private Parallel() {
    }

    /** Runs each task; see {@link #map}. */
    static void run(List<Runnable> tasks, String what) {
        each(tasks, Runnable::run, what);
    }

    /** Does the work for each item; see {@link #map}. */
    static <T> void each(List<T> items, java.util.function.Consumer<T> work, String what) {
        map(items, item -> {
            work.accept(item);
            return Boolean.TRUE;
        }, what);
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> work, String what) {
        if (items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), r -> {
            Thread t = new Thread(r, "rolechain-aws");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>();
            RuntimeException first = null;
            for (Future<R> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while it would " + what, e);
        } finally {
            pool.shutdown();
        }
    }
}
