package com.bohe.content.auth;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token without its secret. */
@Schema(name = "TokenSummary")
public record TokenSummary(
        @Schema(required = true, examples = "2") long id,
        @Schema(required = true, examples = "editor-wang") String name,
        @Schema(required = true, examples = "[\"content:write\"]") List<String> scopes,
        @Schema(required = true) Instant createdAt,
        @Schema(nullable = true, description = "Name of the token that created this one") String createdBy,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true, description = "Last successful use, to the minute") Instant lastUsedAt) {

    static TokenSummary from(ApiToken t) {
        return new TokenSummary(t.id, t.name, List.copyOf(t.scopes), t.createdAt, t.createdBy, t.expiresAt, t.revokedAt,
                t.lastUsedAt);
    }
}
