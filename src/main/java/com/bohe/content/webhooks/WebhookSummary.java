package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscriber, without its secret. */
@Schema(name = "Webhook")
public record WebhookSummary(
        @Schema(required = true, examples = "3") long id,
        @Schema(required = true, examples = "https://hooks.example.com/content") String url,
        @Schema(required = true, examples = "[\"article.*\", \"import.finished\"]") List<String> events,
        @Schema(nullable = true, examples = "Rebuild the static site") String description,
        @Schema(required = true, examples = "false") boolean lineEvents,
        @Schema(required = true, description = "false while paused: events that happen meanwhile are not sent to it",
                examples = "true") boolean active,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(nullable = true, description = "Name of the token that created it") String createdBy) {

    static WebhookSummary from(Webhook w) {
        return new WebhookSummary(w.id, w.url, List.copyOf(w.events), w.description, w.lineEvents, w.active,
                w.createdAt, w.updatedAt, w.createdBy);
    }
}
