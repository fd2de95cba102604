package com.bohe.content.article;

/** The filters of an article list; each is null when absent. References are ids or slugs. */
public record ArticleQuery(String q, String disease, String department, String reviewer, String tag) {

    static ArticleQuery disease(long id) {
        return new ArticleQuery(null, Long.toString(id), null, null, null);
    }

    static ArticleQuery department(long id) {
        return new ArticleQuery(null, null, Long.toString(id), null, null);
    }

    static ArticleQuery reviewer(long id) {
        return new ArticleQuery(null, null, null, Long.toString(id), null);
    }
}
