package com.bohe.content.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Catch-up work shares a budget of cores (content.background.cores): rounds of workers below the requests never run
 * more at once than it allows, while an instance's own periodic work is not held back by it. With
 * CONTENT_BACKGROUND=false the work any instance may do is left to the others.
 */
class BackgroundBudgetTest {

    private static final Pace CATCH_UP = Pace.catchUp(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(10));

    @Test
    void shouldNeverRunMoreCatchUpRoundsAtOnceThanTheBudget() throws Exception {
        Background background = new Background((io.micrometer.core.instrument.MeterRegistry) null, true, 1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        Step step = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } finally {
                // Also when the stop interrupts the sleep: the count must not leak into the next round.
                running.decrementAndGet();
            }
            rounds.incrementAndGet();
            return 1;
        };
        Worker a = background.start("budget-a", CATCH_UP, step);
        Worker b = background.start("budget-b", CATCH_UP, step);
        Worker c = background.startShared("budget-c", CATCH_UP, step, null);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rounds.get() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            a.stop(Duration.ofSeconds(5));
            b.stop(Duration.ofSeconds(5));
            c.stop(Duration.ofSeconds(5));
        }
        assertTrue(rounds.get() >= 60, "they worked: " + rounds.get());
        assertEquals(1, most.get(), "one round at a time within a budget of one core");
        assertEquals(1, background.cores());
    }

    @Test
    void shouldLetAsManyRoundsRunAtOnceAsTheBudgetAllows() throws Exception {
        Background background = new Background((io.micrometer.core.instrument.MeterRegistry) null, true, 2);
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        // Each round waits for the other worker's: only two rounds at once can meet.
        Step step = () -> {
            both.countDown();
            if (both.await(10, TimeUnit.SECONDS)) {
                met.incrementAndGet();
            }
            return Step.FINISHED;
        };
        Worker a = background.start("meet-a", CATCH_UP, step);
        Worker b = background.start("meet-b", CATCH_UP, step);
        try {
            assertTrue(both.await(15, TimeUnit.SECONDS), "two rounds ran at once");
        } finally {
            a.stop(Duration.ofSeconds(5));
            b.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldNotHoldBackAnInstancesOwnPeriodicWork() throws Exception {
        Background background = new Background((io.micrometer.core.instrument.MeterRegistry) null, true, 1);
        CountDownLatch periodicRan = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A catch-up round that holds the only core until the periodic worker has run.
        Worker hog = background.start("hog", CATCH_UP, () -> {
            release.await(10, TimeUnit.SECONDS);
            return Step.FINISHED;
        });
        Worker periodic = background.start("periodic", Pace.polling(Duration.ofMillis(10)), () -> {
            periodicRan.countDown();
            return Step.FINISHED;
        });
        try {
            assertTrue(periodicRan.await(5, TimeUnit.SECONDS), "the flusher's kind of work runs whatever the budget");
        } finally {
            release.countDown();
            hog.stop(Duration.ofSeconds(5));
            periodic.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldWaitForQueuedReadersBeforeACatchUpRound() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger askedWhenRun = new AtomicInteger(-1);
        CountDownLatch ran = new CountDownLatch(1);
        // Readers queue for the first three looks, then no more.
        Worker worker = new Worker("yielding", CATCH_UP, () -> {
            askedWhenRun.set(asked.get());
            ran.countDown();
            return Step.FINISHED;
        }, null, new WorkerStats(), Worker.Clock.SYSTEM, new Budget(1, () -> asked.incrementAndGet() <= 3));
        worker.start();
        try {
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertEquals(4, askedWhenRun.get(), "the round started once readers stopped queueing");
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldLeaveSharedWorkToOtherInstancesWhenTheBackgroundIsOff() throws Exception {
        Background background = new Background((io.micrometer.core.instrument.MeterRegistry) null, false, 1);
        AtomicInteger shared = new AtomicInteger();
        CountDownLatch own = new CountDownLatch(1);
        Worker embedder = background.startShared("embedder-like", CATCH_UP, () -> shared.incrementAndGet(), () -> 3);
        Worker indexer = background.start("indexer-like", Pace.polling(Duration.ofMillis(10)), () -> {
            own.countDown();
            return Step.FINISHED;
        });
        try {
            embedder.wake();
            assertTrue(own.await(5, TimeUnit.SECONDS), "this instance's own work runs");
            Thread.sleep(50);
            assertFalse(embedder.running());
            assertEquals(0, shared.get(), "shared work is not done here");
            assertEquals("off", embedder.status().state());
            assertTrue(background.workers().stream().anyMatch(w -> w.name().equals("embedder-like")), "listed, as off");
            assertFalse(background.sharedWork());
        } finally {
            indexer.stop(Duration.ofSeconds(5));
            embedder.stop(Duration.ofSeconds(5));
        }
    }
}
