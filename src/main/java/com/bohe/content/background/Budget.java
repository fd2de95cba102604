package com.bohe.content.background;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The share of the cores that catch-up work takes in all ({@code CONTENT_BACKGROUND_CORES}): embedding, related
 * lists, renders, warming, suggestions, and the search index's merges. Each piece of such work takes a {@link Turn}
 * first: one of the permits, so that no more rounds run at once than there are permits.
 * <p>
 * While readers queue for the cores, the work also keeps to a share of the time ({@code shareUnderLoad}): a round that
 * ran while they queued is followed by a rest in proportion to its length (nine times as long at a tenth), and the
 * next turn waits for that rest to end unless the readers stop queueing first. A long round and a short one cost the
 * readers the same share, and the work still goes on, at that share, under a constant load. A round that holds a core
 * for long also rests inside, at the checkpoints it calls between its items ({@link #yieldToReaders}).
 */
public final class Budget {

    /** The share of the time under load unless configured ({@code CONTENT_BACKGROUND_SHARE_UNDER_LOAD}). */
    public static final double SHARE_UNDER_LOAD = 0.1;
    /** How often a turn that waits looks again whether readers still queue. */
    private static final long LOOK_NANOS = 5_000_000;
    /** The work a turn does before a checkpoint ({@link #yieldToReaders}) asks whether readers queue. */
    static final long SLICE_NANOS = 50_000_000;
    /** The turn the current thread holds, for {@link #yieldToReaders}. */
    private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

    private final Semaphore permits;
    private final BooleanSupplier readersQueue;
    private final double shareUnderLoad;
    private final LongSupplier clock;
    /** Until when catch-up work rests while readers queue (System.nanoTime()). */
    private final AtomicLong restUntil;

    /**
     * @param cores how many pieces of catch-up work may run at once
     * @param readersQueue whether requests wait for a core
     */
    public Budget(int cores, BooleanSupplier readersQueue) {
        this(cores, readersQueue, SHARE_UNDER_LOAD, System::nanoTime);
    }

    /**
     * @param shareUnderLoad the share of the time each permit's work may take while readers queue, in (0, 1]
     * @param clock the time in nanoseconds (System.nanoTime, or a test's)
     */
    public Budget(int cores, BooleanSupplier readersQueue, double shareUnderLoad, LongSupplier clock) {
        if (!(shareUnderLoad > 0 && shareUnderLoad <= 1)) {
            throw new IllegalArgumentException("the share under load must be in (0, 1]: " + shareUnderLoad);
        }
        this.permits = new Semaphore(cores, true);
        this.readersQueue = readersQueue;
        this.shareUnderLoad = shareUnderLoad;
        this.clock = clock;
        this.restUntil = new AtomicLong(clock.getAsLong());
    }

    /** One core's share, held until the turn is closed; waits while readers queue and the work owes them a rest. */
    public Turn take() throws InterruptedException {
        boolean queued = false;
        while (clock.getAsLong() - restUntil.get() < 0 && readersQueue.getAsBoolean()) {
            queued = true;
            Thread.sleep(LOOK_NANOS / 1_000_000);
        }
        permits.acquire();
        Turn turn = new Turn(this, clock.getAsLong(), queued);
        CURRENT.set(turn);
        return turn;
    }

    /**
     * A checkpoint in a long round (between two articles, say): after {@link #SLICE_NANOS} of work since the last
     * one, while readers queue, the round rests here as it would between rounds, holding its permit. Does nothing on
     * a thread that holds no turn. An interrupt ends the rest and stays set for the round to see.
     */
    public static void yieldToReaders() {
        Turn turn = CURRENT.get();
        if (turn != null && turn.budget != null) {
            turn.checkpoint();
        }
    }

    private long rest(long worked) {
        return (long) (worked * (1 - shareUnderLoad) / shareUnderLoad);
    }

    /** The rest a round owes the readers for its last slice: none when they did not queue, before it or at its end. */
    private void ended(long sliceStarted, boolean queuedBefore) {
        long now = clock.getAsLong();
        if (queuedBefore || readersQueue.getAsBoolean()) {
            restUntil.accumulateAndGet(now + rest(now - sliceStarted), (a, b) -> b - a > 0 ? b : a);
        }
    }

    /** How long catch-up work still rests if readers queue, in nanoseconds (0: it may start). */
    public long restNanos() {
        return Math.max(0, restUntil.get() - clock.getAsLong());
    }

    /** A share of the cores, given back once by {@link #close()}. */
    public static final class Turn implements AutoCloseable {
        private Budget budget;
        /** Since when it has worked without a rest. */
        private long sliceStarted;
        private boolean queued;

        private Turn(Budget budget, long started, boolean queued) {
            this.budget = budget;
            this.sliceStarted = started;
            this.queued = queued;
        }

        private void checkpoint() {
            long now = budget.clock.getAsLong();
            long worked = now - sliceStarted;
            if (worked < SLICE_NANOS) {
                return;
            }
            if (budget.readersQueue.getAsBoolean()) {
                long until = now + budget.rest(worked);
                try {
                    while (budget.clock.getAsLong() - until < 0 && budget.readersQueue.getAsBoolean()) {
                        Thread.sleep(LOOK_NANOS / 1_000_000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            queued = false;
            sliceStarted = budget.clock.getAsLong();
        }

        @Override
        public void close() {
            if (budget != null) {
                budget.permits.release();
                budget.ended(sliceStarted, queued);
                budget = null;
                if (CURRENT.get() == this) {
                    CURRENT.remove();
                }
            }
        }
    }
}
