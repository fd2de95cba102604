package com.bohe.content.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Related lists, cached in-process. Any content change clears the cache ({@link #invalidateAll()}); an entry
 * also expires after a minute, so that scheduled articles and popularity drift in.
 */
public class RelatedCache {

    private record Key(long id, int limit, RelatedScorer.Weights weights) {
    }

    private final ArticleIndex index;
    private final Cache<Key, List<RelatedHit>> cache;

    public RelatedCache(ArticleIndex index, long maximumSize) {
        this.index = index;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    public List<RelatedHit> related(long id, int limit, Instant now, RelatedScorer.Weights weights) {
        return cache.get(new Key(id, limit, weights), key -> index.related(id, limit, now, weights));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }
}
