package com.bohe.content.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What a delivery becomes after an attempt: succeeded, pending again after its next delay, or failed for good. */
final class RetryPolicy {

    /** A delivery's status after an attempt, and when it is due again if still pending. */
    record Outcome(String status, long nextInMillis) {
    }

    private final List<Duration> delays;

    RetryPolicy(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    Outcome after(Attempt attempt, Attempt.Result result) {
        if (result.succeeded()) {
            return new Outcome("succeeded", 0);
        }
        if (attempt.attempt() > delays.size()) {
            return new Outcome("failed", 0);
        }
        return new Outcome("pending", jittered(delays.get(attempt.attempt() - 1)));
    }

    /** A delay shortened or stretched by up to a fifth, so that retries of many deliveries spread out. */
    static long jittered(Duration delay) {
        long millis = delay.toMillis();
        return millis + (long) (millis * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    }
}
