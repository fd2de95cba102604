package com.bohe.content.related;

import java.time.Instant;
import java.util.List;

import com.bohe.content.search.RelatedHit;

/**
 * The related list of an article as computed, best first, up to {@link RelatedLists#STORED} hits.
 *
 * @param withVector whether the article's embedding took part
 */
public record StoredList(long articleId, List<RelatedHit> hits, boolean withVector, Instant computedAt) {

    /** A public article's stored view count, and its list. */
    public record Found(long viewCount, StoredList list) {
    }
}
