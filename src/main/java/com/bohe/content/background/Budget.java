package com.bohe.content.background;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The share of the cores that catch-up work takes in all ({@code CONTENT_BACKGROUND_CORES}): embedding, related
 * lists, renders, warming, suggestions, and the search index's merges. Each piece of such work takes a {@link Turn}
 * first, which waits while readers queue for the cores (up to {@link #MAX_YIELD_NANOS}, so that the work goes on,
 * slowly, under a constant load), then for one of the permits.
 */
public final class Budget {

    /** The longest a turn waits for readers. */
    static final long MAX_YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Semaphore permits;
    private final BooleanSupplier readersQueue;

    /**
     * @param cores how many pieces of catch-up work may run at once
     * @param readersQueue whether requests wait for a core
     */
    public Budget(int cores, BooleanSupplier readersQueue) {
        this.permits = new Semaphore(cores, true);
        this.readersQueue = readersQueue;
    }

    /** One core's share, held until the turn is closed. */
    public Turn take() throws InterruptedException {
        long until = System.nanoTime() + MAX_YIELD_NANOS;
        while (readersQueue.getAsBoolean() && System.nanoTime() - until < 0) {
            Thread.sleep(5);
        }
        permits.acquire();
        return new Turn(permits);
    }

    /** A share of the cores, given back once by {@link #close()}. */
    public static final class Turn implements AutoCloseable {
        private Semaphore permits;

        private Turn(Semaphore permits) {
            this.permits = permits;
        }

        @Override
        public void close() {
            if (permits != null) {
                permits.release();
                permits = null;
            }
        }
    }
}
