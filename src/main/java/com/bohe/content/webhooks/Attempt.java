package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt in hand: an event's first to one subscriber, straight from the leased event (its delivery is written
 * once it is made), or the next of a delivery already written (a retry, a replay, a ping).
 */
record Attempt(Long deliveryId, int attempt, long webhookId, UUID eventId, String eventType, String url, String secret,
        String payload) {

    boolean first() {
        return deliveryId == null;
    }

    /** What an attempt came to. */
    record Result(boolean succeeded, Integer status, String error, String response) {

        static Result failure(Throwable cause) {
            return new Result(false, null, "could not connect or read: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null);
        }
    }

    /** An attempt made, waiting to be recorded. */
    record Sent(Attempt attempt, Result result, Instant at) {
    }
}
