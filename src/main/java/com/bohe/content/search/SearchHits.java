package com.bohe.content.search;

import java.util.List;

/**
 * One page of search results: the number of matches (exact when {@code exact}, else a lower bound: counting stops at
 * {@link ArticleSearch#EXACT_TOTAL}) and the ids of the page, best first.
 */
public record SearchHits(int total, boolean exact, List<Long> ids) {

    static SearchHits none() {
        return new SearchHits(0, true, List.of());
    }
}
