package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.Theme;
import dev.rolechain.ui.inspect.InspectView;
import dev.rolechain.ui.wizard.WizardWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Inspect window with the graph of 2,000 roles open (headless Monocle, software rendering): the
 * heap it holds, the time from Inspect to the graph on screen, and how long one redraw takes (whole
 * graph in view, and at 1:1), which is what pan and zoom cost.
 */
public final class InspectGuiBench {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dump = Files.createTempFile("inspect-bench", ".json");
        SyntheticAccount.writeDump(dump, count);
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Services services = new Services();
        InspectView[] view = new InspectView[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Theme.LIGHT.apply();
            ResourceBundle bundle = ResourceBundle.getBundle(WizardWindow.BUNDLE);
            view[0] = new InspectView(services.inspectSources(), services.graphBuilder(), bundle, new NoDialogs(),
                    new Background(workers, Platform::runLater), List::of);
            Stage stage = new Stage();
            stage.setScene(new Scene(view[0].root(), 1280, 800));
            stage.show();
            shown.countDown();
        });
        shown.await();
        settle();
        long before = usedAfterGc(memory);
        AtomicLong start = new AtomicLong();
        Platform.runLater(() -> {
            view[0].addDumps(List.of(dump));
            start.set(System.nanoTime());
            view[0].inspect();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (view[0].graph() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long open = System.nanoTime() - start.get();
        settle();
        // a second inspection in the same window: the JIT has seen the code once
        dev.rolechain.inspect.TrustGraph first = view[0].graph();
        Platform.runLater(() -> {
            start.set(System.nanoTime());
            view[0].inspect();
        });
        dev.rolechain.inspect.TrustGraph previous = first;
        while (view[0].graph() == previous) {
            Thread.sleep(5);
        }
        long again = System.nanoTime() - start.get();
        first = null;
        settle();
        long after = usedAfterGc(memory);
        double[] fit = redraws(() -> view[0].canvas().fit());
        String role = "arn:aws:iam::" + SyntheticAccount.ACCOUNT + ":role/deploy-1001";
        double[] near = redraws(() -> view[0].canvas().centerOn(role));
        System.out.printf(Locale.ROOT, "inspect window, %d roles (%d nodes, %d edges) from a dump file:%n", count,
                view[0].graph().nodes().size(), view[0].graph().edges().size());
        System.out.printf(Locale.ROOT, "  Inspect → graph shown: %.0f ms the first time in the JVM, %.0f ms the second (read, build, "
                + "risky set, layout on a worker)%n", open / 1e6, again / 1e6);
        System.out.printf(Locale.ROOT, "  heap used after GC: %.1f MB before, %.1f MB with the graph open (+%.1f MB)%n",
                before / 1e6, after / 1e6, (after - before) / 1e6);
        System.out.printf(Locale.ROOT, "  one redraw, whole graph in view: median %.1f ms (max %.1f); at 1:1: median %.1f ms (max %.1f)%n",
                GraphBench.median(fit), GraphBench.max(fit), GraphBench.median(near), GraphBench.max(near));
        Platform.exit();
        System.exit(0);
    }

    private static double[] redraws(Runnable redraw) throws Exception {
        double[] times = new double[30];
        for (int i = -5; i < times.length; i++) {
            CountDownLatch done = new CountDownLatch(1);
            long[] t = new long[1];
            int index = i;
            Platform.runLater(() -> {
                long s = System.nanoTime();
                redraw.run();
                t[0] = System.nanoTime() - s;
                done.countDown();
            });
            done.await();
            if (index >= 0) {
                times[index] = t[0] / 1e6;
            }
        }
        return times;
    }

    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            CountDownLatch latch = new CountDownLatch(1);
            Platform.runLater(latch::countDown);
            latch.await();
            Thread.sleep(200);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
