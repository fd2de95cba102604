package com.bohe.content.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.bohe.content.database.Filter;

/**
 * The q filter of the disease, doctor and hospital lists: through the name index (Chinese-aware, and pinyin such
 * as miantan or mt) once it is built, and as a plain substring of the name before that.
 */
@ApplicationScoped
public class NameSearch {

    @Inject
    SearchIndexes indexes;

    public Filter apply(Filter filter, String kind, String q) {
        if (q == null || q.isBlank()) {
            return filter;
        }
        if (!indexes.ready()) {
            return filter.contains("name", "q", q);
        }
        return filter.in("id", "matches", indexes.names().search(kind, q));
    }
}
