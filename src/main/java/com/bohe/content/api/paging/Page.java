package com.bohe.content.api.paging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The envelope of every list. Navigation links also travel in the RFC 8288 Link header. */
public record Page<T>(
        @Schema(required = true) List<T> items,
        @Schema(required = true, description = "Zero-based page number", examples = "0") int page,
        @Schema(required = true, description = "Requested page size", examples = "20") int size,
        @Schema(required = true, description = "Number of items across all pages: exact when `totalRelation` is `eq`, "
                + "a lower bound when it is `gte`", examples = "21") long total,
        @Schema(required = true, description = "How `total` relates to the true count. Full-text search counts its "
                + "matches exactly up to 1,000 and says `gte` beyond it, as "
                + "Elasticsearch's `track_total_hits` does; every other list is counted exactly.", examples = "eq")
        TotalRelation totalRelation,
        @Schema(required = true, description = "Number of pages; a lower bound when `totalRelation` is `gte`", examples = "2")
        int totalPages) {

    /** Whether a list's {@code total} is its exact count or a lower bound of it. */
    public enum TotalRelation {
        eq, gte
    }

    public static <T> Page<T> of(List<T> items, PageParams params, long total) {
        return of(items, params, total, TotalRelation.eq);
    }

    public static <T> Page<T> of(List<T> items, PageParams params, long total, TotalRelation relation) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (total + params.size - 1) / params.size);
        return new Page<>(items, params.page, params.size, total, relation, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return withItems(items.stream().map(mapper).toList());
    }

    /** This page with other items (the same numbers). */
    public <R> Page<R> withItems(List<R> other) {
        return new Page<>(other, page, size, total, totalRelation, totalPages);
    }
}
