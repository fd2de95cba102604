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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.NonBlocking;

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
    public SuggestionList suggest(
            @RestQuery @NotBlank @Size(max = 50) @Parameter(description = "What the reader has typed so far", required = true) String q,
            @RestQuery @DefaultValue("10") @Min(1) @Max(20) @Parameter(description = "How many, 1 to 20") int limit) {
        return suggestions.suggest(q, limit);
    }
}
