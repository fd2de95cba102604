package com.bohe.content.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Catch-up work shares a budget of cores (content.background.cores): rounds of workers below the requests never run
 * more at once than it allows, and while readers queue they keep to a share of the time; an instance's own periodic
 * work is not held back by it. With
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
    void shouldRestInProportionToARoundThatRanWhileReadersQueued() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicBoolean readersQueue = new AtomicBoolean(true);
        Budget budget = new Budget(1, readersQueue::get, 0.25, now::get);
        Budget.Turn first = budget.take(); // nothing owed yet: at once
        now.set(ms(40));
        first.close();
        assertEquals(ms(120), budget.restNanos(), "40 ms of work at a quarter of the time owes the readers 120 ms");

        CompletableFuture<Budget.Turn> next = CompletableFuture.supplyAsync(() -> take(budget));
        Thread.sleep(50);
        assertFalse(next.isDone(), "the next round waits while readers queue");
        now.set(ms(159));
        Thread.sleep(50);
        assertFalse(next.isDone(), "until the rest is over");
        now.set(ms(160));
        Budget.Turn second = next.get(5, TimeUnit.SECONDS);
        now.set(ms(200));
        second.close();
        assertEquals(ms(120), budget.restNanos(), "a round that started after its rest owes one again");

        CompletableFuture<Budget.Turn> third = CompletableFuture.supplyAsync(() -> take(budget));
        Thread.sleep(50);
        assertFalse(third.isDone());
        readersQueue.set(false);
        third.get(5, TimeUnit.SECONDS).close();
        assertEquals(ms(120), budget.restNanos(), "readers that stopped queueing end the wait, not the debt");
    }

    @Test
    void shouldRestInsideALongRoundAtItsCheckpoints() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicInteger looks = new AtomicInteger();
        // Readers queue all along; each look at them passes 5 ms of the test's clock.
        Budget budget = new Budget(1, () -> {
            looks.incrementAndGet();
            now.addAndGet(ms(5));
            return true;
        }, 0.5, now::get);
        Budget.yieldToReaders();
        assertEquals(0, looks.get(), "a thread without a turn has no checkpoint");

        Budget.Turn turn = budget.take();
        now.addAndGet(ms(30));
        Budget.yieldToReaders();
        assertEquals(0, looks.get(), "30 ms into the slice: on at once");
        now.addAndGet(ms(30));
        Budget.yieldToReaders();
        assertTrue(now.get() >= ms(120) && now.get() < ms(130), "60 ms of work at half the time rests 60 ms: " + now.get());
        int looked = looks.get();
        turn.close();
        Budget.yieldToReaders();
        assertEquals(looked + 1, looks.get(), "closed (one look at its end): no checkpoint any more");
    }

    @Test
    void shouldOweNoRestForARoundWhileNoReaderQueued() throws Exception {
        AtomicLong now = new AtomicLong();
        Budget budget = new Budget(1, () -> false, 0.1, now::get);
        for (int i = 0; i < 3; i++) {
            Budget.Turn turn = budget.take();
            now.addAndGet(ms(500));
            turn.close();
        }
        assertEquals(0, budget.restNanos(), "an idle machine is the background's to use");
        assertThrows(IllegalArgumentException.class, () -> new Budget(1, () -> false, 0, now::get));
        assertThrows(IllegalArgumentException.class, () -> new Budget(1, () -> false, 1.5, now::get));
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static Budget.Turn take(Budget budget) {
        try {
            return budget.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
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
