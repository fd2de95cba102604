package com.bohe.content.suggest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Suggestions for what a reader is typing, best first. */
@Schema(name = "SuggestionList")
public record SuggestionList(@Schema(required = true) List<Item> items) {

    @Schema(name = "Suggestion")
    public record Item(
            @Schema(required = true, enumeration = { "disease", "doctor", "hospital", "article" }) String type,
            @Schema(required = true, examples = "1") long id,
            @Schema(required = true, description = "The name, or an article's title", examples = "面瘫") String text,
            @Schema(required = true, description = "The text with what matched in <em>, HTML-escaped; a match in a "
                    + "disease's alias shows it after the name", examples = "<em>面瘫</em>") String highlight,
            @Schema(required = true, examples = "mian-tan") String slug) {
    }
}
