package com.bohe.content.auth;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token just created. Its secret is in this answer and nowhere else: the server keeps only a hash. */
@Schema(name = "NewToken")
public record NewToken(
        @Schema(required = true, examples = "2") long id,
        @Schema(required = true, examples = "editor-wang") String name,
        @Schema(required = true, examples = "[\"content:write\"]") List<String> scopes,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(required = true, description = "The bearer token; shown this once",
                examples = "cat_2_9mJ0cV1xQm0Yx3Jq8Zb7bQyWm2Vj8f0kQ1pS4rT6uW8") String token) {
}
