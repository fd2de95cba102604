package com.bohe.content.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An article of the popular list, with its views in the window asked for. */
@Schema(name = "PopularArticle")
public record PopularArticle(
        @Schema(required = true, description = "Views in the last N days, as flushed to the database", examples = "1520")
        long recentViews,
        @Schema(required = true) ArticleSummary article) {
}
