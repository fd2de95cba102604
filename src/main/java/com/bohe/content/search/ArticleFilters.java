package com.bohe.content.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/**
 * The list filters of articles, applied inside the index so that search results page correctly. A reference is
 * "id:12" or "slug:mian-tan"; null means no filter. The department filter matches sub-departments too, because
 * each article is indexed under its department and that department's parent.
 */
public record ArticleFilters(String disease, String department, String reviewer, String tag) {

    public static final ArticleFilters NONE = new ArticleFilters(null, null, null, null);

    void addTo(BooleanQuery.Builder query) {
        filter(query, ArticleDocument.DISEASE, disease);
        filter(query, ArticleDocument.DEPARTMENT, department);
        filter(query, ArticleDocument.REVIEWER, reviewer);
        filter(query, ArticleDocument.TAG, tag);
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }
}
