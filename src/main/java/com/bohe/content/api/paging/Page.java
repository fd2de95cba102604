package com.bohe.content.api.paging;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The envelope of every list. Navigation links also travel in the RFC 8288 Link header. */
public record Page<T>(
        @Schema(required = true) List<T> items,
        @Schema(required = true, description = "Zero-based page number", examples = "0") int page,
        @Schema(required = true, description = "Requested page size", examples = "20") int size,
        @Schema(required = true, description = "Number of items across all pages", examples = "21") long total,
        @Schema(required = true, description = "Number of pages", examples = "2") int totalPages) {

    public static <T> Page<T> of(List<T> items, PageParams params, long total) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (total + params.size - 1) / params.size);
        return new Page<>(items, params.page, params.size, total, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalPages);
    }
}
