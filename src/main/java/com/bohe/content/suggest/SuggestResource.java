package com.bohe.content.suggest;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;

@Path("/suggest")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suggestions", description = "Suggestions as a reader types: diseases, doctors, hospitals and article titles")
public class SuggestResource {

    @Inject
    Suggestions suggestions;

    @GET
    @NonBlocking
    @Operation(summary = "Suggest diseases, doctors, hospitals and articles as a reader types",
            description = "Characters match anywhere in a name or title (头痛 suggests 偏头痛); Latin letters match the "
                    + "start of a name's pinyin, in full (miant) or by initials (mt), every reading of a character with "
                    + "several. Ranked by kind (diseases, doctors, hospitals, articles), then popularity, then length. "
                    + "Public content only; a change shows within seconds. See docs/search.md.")
    @APIResponse(responseCode = "200", description = "Suggestions, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SuggestionList.class)))
    public Response suggest(
            @RestQuery @NotBlank @Size(max = 50) @Parameter(description = "What the reader has typed so far", required = true) String q,
            @RestQuery @DefaultValue("10") @Min(1) @Max(20) @Parameter(description = "How many, 1 to 20") int limit,
            @Context HttpServerRequest request) {
        // Kept by the query string as sent, for the route, only when this path is the one it serves.
        String sent = request.path().equals("/suggest") && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? request.query() : null;
        Suggestions.Kept kept = suggestions.answer(q, limit, sent);
        return Response.ok(kept.json(), "application/json;charset=UTF-8").header(HttpHeaders.ETAG, kept.etag())
                .header(HttpHeaders.LAST_MODIFIED, kept.lastModified()).build();
    }
}
