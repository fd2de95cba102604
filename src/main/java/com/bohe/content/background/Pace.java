package com.bohe.content.background;

import java.time.Duration;

/**
 * How hard and how often a worker runs.
 *
 * @param duty the share of wall time it may work while it has work (1: back to back; 0.25: it rests three times as
 *        long as its last round took), so that catch-up work leaves the cores to the readers
 * @param gap the least time between the end of one round and the start of the next, even when woken (a periodic
 *        worker's interval; a batch window)
 * @param idle the wait after a round that found nothing, doubled after each such round up to {@code maxIdle};
 *        {@link Worker#wake()} ends it early
 * @param retry the wait after a failed round, doubled after each failure in a row up to {@code maxRetry}
 * @param belowRequests whether its thread runs below the request threads' priority (catch-up work)
 */
public record Pace(double duty, Duration gap, Duration idle, Duration maxIdle, Duration retry, Duration maxRetry,
        boolean belowRequests) {

    public Pace {
        if (!(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("duty must be in (0, 1]: " + duty);
        }
    }

    /** Every interval, whether or not it found something, and after a failure too (periodic work keeps its beat). */
    public static Pace every(Duration interval) {
        return new Pace(1, interval, interval, interval, interval, interval, false);
    }

    /** Every interval, and at once when woken (something was queued); after a failure, again after an interval. */
    public static Pace polling(Duration interval) {
        return new Pace(1, Duration.ZERO, interval, interval, interval, interval, false);
    }

    /**
     * Catch-up work below the requests: a share of a core while there is work; when there is none, a wait from
     * {@code idle} doubling up to {@code maxIdle} (a write made here wakes it); after a failure, {@code retry}
     * doubling up to ten times that.
     */
    public static Pace catchUp(double duty, Duration idle, Duration maxIdle, Duration retry) {
        return new Pace(Math.min(1, Math.max(0.05, duty)), Duration.ZERO, idle, maxIdle, retry, retry.multipliedBy(10), true);
    }

    /** Runs once, at once; after a failure, again after {@code retry}. */
    public static Pace once(Duration retry) {
        return new Pace(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, retry, retry, false);
    }

    public Pace belowRequests(boolean below) {
        return new Pace(duty, gap, idle, maxIdle, retry, maxRetry, below);
    }
}
