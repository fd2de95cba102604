package com.bohe.content.search;

import java.time.Instant;
import java.util.List;

/**
 * What the index knows of a published article. References carry ids; a department reference also names its
 * parent, so that "the same or a parent department" needs no lookup. The vector is the article's embedding
 * (null until it is computed).
 */
public record IndexedArticle(
        long id,
        String slug,
        String title,
        String body,
        Instant publishedAt,
        long viewCount,
        Long departmentId,
        String departmentSlug,
        Long parentDepartmentId,
        String parentDepartmentSlug,
        String departmentName,
        List<Ref> diseases,
        Ref reviewer,
        List<String> tags,
        float[] vector) {

    /** An article whose embedding is not known (yet): found by its text alone. */
    public IndexedArticle(long id, String slug, String title, String body, Instant publishedAt, long viewCount,
            Long departmentId, String departmentSlug, Long parentDepartmentId, String parentDepartmentSlug,
            String departmentName, List<Ref> diseases, Ref reviewer, List<String> tags) {
        this(id, slug, title, body, publishedAt, viewCount, departmentId, departmentSlug, parentDepartmentId,
                parentDepartmentSlug, departmentName, diseases, reviewer, tags, null);
    }

    public IndexedArticle withVector(float[] vector) {
        return new IndexedArticle(id, slug, title, body, publishedAt, viewCount, departmentId, departmentSlug,
                parentDepartmentId, parentDepartmentSlug, departmentName, diseases, reviewer, tags, vector);
    }

    /** An entity reference: id, slug and display name. */
    public record Ref(long id, String slug, String name) {
    }
}
