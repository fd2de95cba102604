package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event for one subscriber: where its delivery stands. */
@Schema(name = "WebhookDelivery")
public record DeliverySummary(
        @Schema(required = true, examples = "41") long id,
        @Schema(required = true, description = "The event's id, sent as webhook-id: the same on every attempt and for every subscriber")
        UUID eventId,
        @Schema(required = true, examples = "article.updated") String eventType,
        @Schema(required = true, enumeration = { "pending", "succeeded", "failed" }) String status,
        @Schema(required = true, description = "Attempts made so far", examples = "2") int attempts,
        @Schema(nullable = true, description = "When the next attempt is due; null once succeeded or failed") Instant nextAttemptAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true, description = "The receiver's HTTP status at the last attempt; null when none came",
                examples = "503") Integer lastStatus,
        @Schema(nullable = true, description = "Why the last attempt failed, when it did", examples = "HTTP 503")
        String lastError,
        @Schema(nullable = true, description = "The start of the receiver's last answer (1 KiB at most)") String response,
        @Schema(required = true) Instant createdAt) {

    static DeliverySummary from(WebhookDelivery d) {
        return new DeliverySummary(d.id, d.eventId, d.eventType, d.status, d.attempts,
                "pending".equals(d.status) ? d.nextAttemptAt : null, d.lastAttemptAt, d.lastStatus, d.lastError,
                d.lastResponse, d.createdAt);
    }
}
