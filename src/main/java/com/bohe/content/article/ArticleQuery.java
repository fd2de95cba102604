package com.bohe.content.article;

import com.bohe.content.api.paging.Ref;

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

    public boolean isPublic() {
        return status == null || PUBLISHED.equals(status);
    }

    /**
     * What the filters mean, as typed values: a reference parsed to its id or slug, a tag stripped, a blank value
     * absent. Two queries with the same meaning have equal keys, and two with different meanings never do
     * (whatever they print: {@code tag=null} is the tag "null", not a missing tag). Cache keys are built from this.
     *
     * @throws com.bohe.content.api.problem.InvalidRequestException when a reference is neither an id nor a slug
     */
    public Canonical canonical() {
        return new Canonical(present(q) ? q : null, Ref.parse("disease", disease), Ref.parse("department", department),
                Ref.parse("reviewer", reviewer), present(tag) ? tag.strip() : null, isPublic() ? PUBLISHED : status);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The meaning of an {@link ArticleQuery}: see {@link ArticleQuery#canonical()}. */
    public record Canonical(String q, Ref disease, Ref department, Ref reviewer, String tag, String status) {
    }
}
