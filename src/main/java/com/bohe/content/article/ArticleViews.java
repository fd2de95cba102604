package com.bohe.content.article;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a recorded view. */
@Schema(name = "ArticleViews")
public record ArticleViews(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, description = "The view count, including this view when it was counted", examples = "2691")
        long viewCount,
        @Schema(required = true, description = "False when the client is a known crawler, whose views are not counted")
        boolean counted) {
}
