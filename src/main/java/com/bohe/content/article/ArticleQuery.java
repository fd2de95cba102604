package com.bohe.content.article;

/**
 * The filters of an article list; each is null when absent. References are ids or slugs.
 *
 * @param status published (public: published and due; the default), draft, scheduled (published, due later) or
 *        all; anything but published needs the scope content:read-drafts
 */
public record ArticleQuery(String q, String disease, String department, String reviewer, String tag, String status) {

    public static final String PUBLISHED = "published";
    /** The longest q: a whole question. */
    public static final int MAX_Q = 200;
    /** Every public article: no filter. */
    static final ArticleQuery PUBLIC_ALL = new ArticleQuery(null, null, null, null, null, null);

    static ArticleQuery disease(long id) {
        return new ArticleQuery(null, Long.toString(id), null, null, null, null);
    }

    static ArticleQuery department(long id) {
        return new ArticleQuery(null, null, Long.toString(id), null, null, null);
    }

    static ArticleQuery reviewer(long id) {
        return new ArticleQuery(null, null, null, Long.toString(id), null, null);
    }

    boolean isPublic() {
        return status == null || PUBLISHED.equals(status);
    }
}
