package com.bohe.content.background;

/** One round of a worker's work: a batch, a poll, a flush. */
@FunctionalInterface
public interface Step {

    /** Returned when the worker's work is over (a one-off job done): it ends and is listed as finished. */
    int FINISHED = -1;

    /**
     * Does one round; returns how many items it settled, 0 when it found nothing to do, or {@link #FINISHED}. Throws to
     * report a failure: the worker backs off, then runs it again.
     */
    int run() throws Exception;
}
