package com.bohe.content.webhooks;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a subscriber asks for; PATCH merges into it. */
@Schema(name = "WebhookInput")
public record WebhookInput(
        @NotBlank @Size(max = 2000)
        @Schema(required = true, maxLength = 2000, description = "An http or https URL that receives a POST per event. "
                + "Hosts that resolve to loopback, private, link-local or metadata addresses are refused.",
                examples = "https://hooks.example.com/content") String url,
        @NotEmpty @Size(max = 20)
        @Schema(required = true, description = "Event types, a kind's every event as \"article.*\", or \"*\" for all: "
                + WebhookEvents.LIST, examples = "[\"article.*\", \"import.finished\"]")
        List<@NotNull String> events,
        @Size(max = 500) @Schema(nullable = true, maxLength = 500, examples = "Rebuild the static site") String description,
        @Schema(nullable = true, description = "Also send an import's changes line by line (article.published and so on), "
                + "besides its one import.finished; false when absent", examples = "false") Boolean lineEvents,
        @Schema(nullable = true, description = "false pauses the webhook: the events that happen while it is paused are "
                + "not sent to it, not even once it is active again; deliveries already made keep their retries, and "
                + "pings and replays still go. true when absent", examples = "true") Boolean active) {

    boolean wantsLines() {
        return Boolean.TRUE.equals(lineEvents);
    }

    boolean isActive() {
        return !Boolean.FALSE.equals(active);
    }
}
