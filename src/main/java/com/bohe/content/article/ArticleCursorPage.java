package com.bohe.content.article;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of /articles in cursor mode: no total, and page 10,000 as cheap as page 1. */
@Schema(name = "ArticleCursorPage")
public record ArticleCursorPage(
        @Schema(required = true) List<ArticleSummary> items,
        @Schema(required = true, nullable = true, description = "Pass as cursor for the next page; null on the last page",
                examples = "YTE6MTc0MTc2NjQwMDowOjE") String nextCursor) {
}
