package com.bohe.content.auth;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenRequest")
public record TokenRequest(
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "editor-wang") String name,
        @NotEmpty @Size(max = 5)
        @Schema(required = true, description = "Any of content:write, content:read-drafts, content:import, tokens:admin, webhooks:admin",
                examples = "[\"content:write\", \"content:read-drafts\"]")
        List<@NotNull @Pattern(regexp = "content:write|content:read-drafts|content:import|tokens:admin|webhooks:admin",
                message = "must be one of content:write, content:read-drafts, content:import, tokens:admin, webhooks:admin") String> scopes,
        @Schema(nullable = true, description = "When the token stops working; never when absent") Instant expiresAt) {
}
