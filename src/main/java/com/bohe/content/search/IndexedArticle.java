package com.bohe.content.search;

import java.time.Instant;
import java.util.List;

/**
 * What the index knows of a published article. References carry ids; a department reference also names its
 * parent, so that "the same or a parent department" needs no lookup.
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
        List<String> tags) {

    /** An entity reference: id, slug and display name. */
    public record Ref(long id, String slug, String name) {
    }
}
