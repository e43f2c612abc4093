package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingTest {

    @Test
    void aBurstOfInputsRunsTheFirstAndTheLastOnly() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new ArrayList<>();
        List<Integer> delivered = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        Coalescing<Integer, Integer> c = new Coalescing<>(executor, Runnable::run, i -> {
            synchronized (ran) {
                ran.add(i);
            }
            if (i == 1) {
                firstStarted.countDown();
                await(release);
            }
            return i * 10;
        }, r -> {
            synchronized (delivered) {
                delivered.add(r);
            }
            done.countDown();
        }, e -> { });
        c.submit(1);
        firstStarted.await(5, TimeUnit.SECONDS);
        for (int i = 2; i <= 50; i++) {
            c.submit(i);
        }
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly(1, 50);
        assertThat(delivered).containsExactly(10, 500);
    }

    @Test
    void aFailureIsDeliveredAndTheNextInputStillRuns() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        List<String> events = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        Coalescing<Integer, Integer> c = new Coalescing<>(executor, Runnable::run, i -> {
            if (i == 1) {
                throw new IllegalStateException("boom");
            }
            return i;
        }, r -> {
            events.add("result " + r);
            done.countDown();
        }, e -> {
            events.add("error " + e.getMessage());
            done.countDown();
        });
        c.submit(1);
        Thread.sleep(50);
        c.submit(2);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
        assertThat(events).containsExactly("error boom", "result 2");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
