package com.bohe.content.background;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The one loop every background worker runs, on a clock of the test's own: each wait it asks for is recorded. */
class WorkerTest {

    private static final long MS = 1_000_000;

    /** A clock that moves only when the loop waits or a step says it worked. */
    static final class FakeClock implements Worker.Clock {
        long now = 1_000 * MS;
        final List<Long> waits = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void waitOn(Object monitor, long nanos) {
            waits.add(nanos / MS);
            now += nanos;
        }
    }

    private static Worker worker(Pace pace, Step step, FakeClock clock) {
        return new Worker("test", pace, step, null, new WorkerStats(), clock);
    }

    @Test
    void shouldRestByItsDutyCycleAfterARoundThatWorked() {
        FakeClock clock = new FakeClock();
        AtomicInteger rounds = new AtomicInteger();
        Step step = () -> {
            clock.now += 100 * MS; // the round took 100 ms
            return rounds.incrementAndGet() < 3 ? 10 : Step.FINISHED;
        };
        Worker w = worker(Pace.catchUp(0.25, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(1)), step, clock);
        w.loop();
        // A quarter of the time working: 300 ms of rest after each 100 ms round.
        assertEquals(List.of(300L, 300L), clock.waits);
        assertEquals("finished", w.status().state());
        assertEquals(20, w.status().items());
        assertEquals(3, w.status().rounds());
        assertEquals(0.3, w.status().busySeconds(), 1e-9);
    }

    @Test
    void shouldWaitLongerAndLongerWhileItFindsNothingAndStartOverWhenItFindsSome() {
        FakeClock clock = new FakeClock();
        int[] found = {0, 0, 0, 0, 0, 5, 0, -1};
        AtomicInteger round = new AtomicInteger();
        Worker w = worker(Pace.catchUp(1, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(1)),
                () -> found[round.getAndIncrement()], clock);
        w.loop();
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 4_000L, 4_000L, 1_000L), clock.waits);
        assertEquals(6, w.status().idleRounds());
    }

    @Test
    void shouldBackOffWhileItFailsAndRecordTheLastError() {
        FakeClock clock = new FakeClock();
        AtomicInteger round = new AtomicInteger();
        Step step = () -> {
            int n = round.getAndIncrement();
            if (n < 5) {
                throw new IllegalStateException("database away " + n);
            }
            if (n == 5) {
                return 1;
            }
            if (n == 6) {
                throw new IllegalStateException("once more");
            }
            return Step.FINISHED;
        };
        Worker w = worker(Pace.catchUp(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100)), step, clock);
        w.loop();
        // 100 ms doubling up to ten times that; after a round that worked, from 100 ms again.
        assertEquals(List.of(100L, 200L, 400L, 800L, 1_000L, 100L), clock.waits);
        assertEquals(6, w.status().failures());
        assertEquals("IllegalStateException: once more", w.status().lastError());
    }

    @Test
    void shouldKeepTheGapBetweenRoundsOfPeriodicWork() {
        FakeClock clock = new FakeClock();
        AtomicInteger round = new AtomicInteger();
        Worker w = worker(Pace.every(Duration.ofMillis(500)), () -> {
            clock.now += 20 * MS;
            int n = round.incrementAndGet();
            if (n == 2) {
                throw new IllegalStateException("failed");
            }
            return n == 1 ? 1 : n == 3 ? 0 : Step.FINISHED;
        }, clock);
        w.loop();
        // Whether a round worked, failed or found nothing, the next starts 500 ms after it ended.
        assertEquals(List.of(500L, 500L, 500L), clock.waits);
    }

    @Test
    void shouldStartARoundAtOnceWhenWokenWhileWaitingForWork() {
        AtomicInteger rounds = new AtomicInteger();
        Worker w = new Worker("woken", Pace.catchUp(1, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)), () -> {
            rounds.incrementAndGet();
            return 0;
        }, null, new WorkerStats(), Worker.Clock.SYSTEM);
        w.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 1 && "waiting".equals(w.status().state()));
            w.wake();
            // Without the wake the next round would come in an hour.
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 2);
        } finally {
            w.stop(Duration.ofSeconds(5));
        }
        assertEquals("stopped", w.status().state());
        assertTrue(!w.running());
    }
}
