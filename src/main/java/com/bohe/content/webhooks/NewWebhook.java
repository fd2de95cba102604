package com.bohe.content.webhooks;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscriber just created, with its signing secret: the only answer that shows it. */
@Schema(name = "NewWebhook")
public record NewWebhook(
        @Schema(required = true, examples = "3") long id,
        @Schema(required = true, examples = "https://hooks.example.com/content") String url,
        @Schema(required = true, examples = "[\"article.*\", \"import.finished\"]") List<String> events,
        @Schema(nullable = true, examples = "Rebuild the static site") String description,
        @Schema(required = true, examples = "false") boolean lineEvents,
        @Schema(required = true, description = "false while paused", examples = "true") boolean active,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true, description = "Signs every delivery (Standard Webhooks): keep it, it is shown this once",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

    static NewWebhook from(Webhook w) {
        return new NewWebhook(w.id, w.url, List.copyOf(w.events), w.description, w.lineEvents, w.active, w.createdAt,
                w.secret);
    }
}
