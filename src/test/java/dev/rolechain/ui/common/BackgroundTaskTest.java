package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background task helper with a synchronous executor: what a view model's test runs on. */
class BackgroundTaskTest {
    private final List<String> events = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();

    @Test
    void successProgressAndFinallyComeBackInOrder() {
        Background background = new Background(Runnable::run, Runnable::run);
        background.task(context -> {
            context.progress("half way");
            return 42;
        }).onProgress(p -> events.add("progress " + p)).onSuccess(r -> events.add("success " + r))
                .onError(Exception.class, e -> events.add("error")).andFinally(() -> events.add("finally")).start();
        assertThat(events).containsExactly("progress half way", "success 42", "finally");
        assertThat(background.busyProperty().get()).isFalse();
    }

    @Test
    void anErrorGoesToTheHandlerOfItsTypeThenFinally() {
        Background background = new Background(Runnable::run, Runnable::run);
        background.task(context -> {
            throw new IOException("disk");
        }).onError(IllegalStateException.class, e -> events.add("state")).onError(IOException.class,
                e -> events.add("io " + e.getMessage())).onError(Exception.class, e -> events.add("any"))
                .andFinally(() -> events.add("finally")).start();
        assertThat(events).containsExactly("io disk", "finally");
    }

    @Test
    void aCancelledTaskSeesItAndIsBusyUntilItEnds() {
        Background background = new Background(later::add, Runnable::run);
        Background.Handle handle = background.task(context -> context.cancelled() ? "stopped" : "done")
                .onSuccess(events::add).start();
        assertThat(background.busyProperty().get()).isTrue();
        handle.cancel();
        later.forEach(Runnable::run);
        assertThat(events).containsExactly("stopped");
        assertThat(background.busyProperty().get()).isFalse();
    }
}
