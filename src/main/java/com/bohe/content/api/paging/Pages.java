package com.bohe.content.api.paging;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** Runs a Panache query as one page: a count, then at most one select of the rows in range. */
public final class Pages {

    private Pages() {
    }

    public static <E, T> Page<T> of(PanacheQuery<E> query, PageParams params, Function<E, T> mapper) {
        long total = query.count();
        if (params.offset() >= total) {
            // Also keeps huge page numbers away from an int overflow in setFirstResult.
            return Page.of(List.of(), params, total);
        }
        int first = (int) params.offset();
        List<E> rows = query.range(first, first + params.size - 1).list();
        return Page.of(rows.stream().map(mapper).toList(), params, total);
    }
}
