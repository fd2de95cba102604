package com.bohe.content.article.read;

import com.bohe.content.api.paging.PageParams;
import com.bohe.content.article.ArticleQuery;

/**
 * The key of a kept list page: what the page shows, as typed values (never a string printed from nullable
 * parameters, which made {@code tag=null} and no tag one key). Equal keys mean the same answer.
 *
 * @param cursor the cursor of a cursor page ("" for the first), null for an offset page
 */
record ListKey(ArticleQuery.Canonical query, int page, int size, String sort, String cursor) {

    static ListKey page(ArticleQuery.Canonical query, PageParams params) {
        return new ListKey(query, params.page, params.size, params.sort == null || params.sort.isBlank() ? null : params.sort, null);
    }

    static ListKey feed(ArticleQuery.Canonical query, String cursor, int limit) {
        return new ListKey(query, 0, limit, null, cursor);
    }
}
