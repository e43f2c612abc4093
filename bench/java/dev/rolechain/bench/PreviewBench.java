package dev.rolechain.bench;

import dev.rolechain.Services;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.Theme;
import dev.rolechain.ui.wizard.RecentFiles;
import dev.rolechain.ui.wizard.Step;
import dev.rolechain.ui.wizard.SubjectDraft;
import dev.rolechain.ui.wizard.WizardModel;
import dev.rolechain.ui.wizard.WizardWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * An edit in the wizard to the preview updated on screen, for the 20-target × 50-subject Setup: the
 * time from changing a subject's branch (on the FX thread, as a keystroke does) to the Review page
 * showing the new trust policy and the next layout pulse, and to the findings and matrix updated.
 * Headless Monocle, software rendering. Target: p95 ≤ 50 ms.
 */
public final class PreviewBench {
    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Setup setup = PlanRenderBench.setup();
        Path file = Files.createTempFile("rolechain-bench", ".json");
        Files.writeString(file, SetupJson.write(setup));
        CompletableFuture<Object[]> started = new CompletableFuture<>();
        Platform.startup(() -> {
            Theme.LIGHT.apply();
            ResourceBundle bundle = ResourceBundle.getBundle(WizardWindow.BUNDLE);
            WizardWindow window = new WizardWindow(new Services(), bundle, new NoDialogs(),
                    new Background(Executors.newFixedThreadPool(2, r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    }), Platform::runLater),
                    new RecentFiles(file.resolveSibling(file.getFileName() + ".recent")), List::of, p -> { });
            Stage stage = new Stage();
            Scene scene = window.show(stage);
            window.model().open(file, ok -> {
                window.model().walkthrough().goTo(Step.REVIEW);
                started.complete(new Object[] {window.model(), scene});
            });
        });
        Object[] ui = started.get(60, TimeUnit.SECONDS);
        WizardModel model = (WizardModel) ui[0];
        Scene scene = (Scene) ui[1];
        waitForAnalysis(model);
        SubjectDraft subject = onFx(() -> model.draft().targets().get(0).subjects().get(0));

        long[] preview = new long[iterations];
        long[] analysis = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            String value = (i & 1) == 0 ? "trunk" : "main";
            CountDownLatch shown = new CountDownLatch(1);
            CountDownLatch analysed = new CountDownLatch(1);
            long[] times = new long[2];
            long[] start = new long[1];
            Platform.runLater(() -> {
                javafx.beans.value.ChangeListener<Object> onRendered = new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<?> o, Object was, Object is) {
                        model.renderedProperty().removeListener(this);
                        Runnable[] once = new Runnable[1];
                        once[0] = () -> {
                            scene.removePostLayoutPulseListener(once[0]);
                            times[0] = System.nanoTime();
                            shown.countDown();
                        };
                        scene.addPostLayoutPulseListener(once[0]);
                        Platform.requestNextPulse();
                    }
                };
                javafx.beans.value.ChangeListener<Object> onAnalysed = new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<?> o, Object was, Object is) {
                        model.analysisProperty().removeListener(this);
                        times[1] = System.nanoTime();
                        analysed.countDown();
                    }
                };
                model.renderedProperty().addListener(onRendered);
                model.analysisProperty().addListener(onAnalysed);
                start[0] = System.nanoTime();
                subject.valueProperty().set(value);
            });
            if (!shown.await(30, TimeUnit.SECONDS) || !analysed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the preview did not update");
            }
            if (i >= 0) {
                preview[i] = times[0] - start[0];
                analysis[i] = times[1] - start[0];
            }
        }
        String trust = onFx(() -> model.renderedProperty().get().artifacts().stream()
                .filter(a -> a.path().endsWith("/trust.json")).findFirst().orElseThrow().content());
        if (!trust.contains("service-0:ref:refs/heads/main")) {
            throw new IllegalStateException("the preview does not show the last edit");
        }
        report("edit -> preview shown (plan, render, Review page updated, next pulse)", preview, warmup);
        report("edit -> findings and dry-run matrix updated", analysis, warmup);
        Platform.exit();
        System.exit(0);
    }

    private static void report(String what, long[] nanos, int warmup) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s, 20 targets x 50 subjects, %d edits after %d warm-up:%n", what, nanos.length, warmup);
        System.out.printf(Locale.ROOT, "  mean %.1f ms  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                Arrays.stream(nanos).average().orElse(0) / 1e6, q(nanos, 0.5), q(nanos, 0.95), q(nanos, 0.99),
                nanos[nanos.length - 1] / 1e6);
    }

    private static double q(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static void waitForAnalysis(WizardModel model) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Boolean.TRUE.equals(onFx(() -> model.analysisProperty().get() != null))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no preview after 60 s");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
