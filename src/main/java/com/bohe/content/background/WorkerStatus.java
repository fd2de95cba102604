package com.bohe.content.background;

/**
 * One worker as listed by {@link Background#workers()}.
 *
 * @param state starting, working, resting (its duty cycle), waiting (for work), backing_off (after a failure),
 *        finished (a one-off job done), stopped; a pool is always "pool"
 * @param backlog what waits for it, or -1 when it does not say
 */
public record WorkerStatus(String name, String state, double duty, long rounds, long idleRounds, long failures, long items,
        double busySeconds, int backlog, String lastError) {
}
