package com.bohe.content.article;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.api.Page;
import com.bohe.content.views.ViewCounter;

/**
 * First pages of public article lists, the reads every app start makes, pages of searches, and related lists (for a
 * minute, so that popularity and newly due articles drift in). A page lives five seconds at most (so
 * that orders by view count, and articles whose time has come, move in) and goes at once with any content change
 * this instance applies. View counts are brought up to date on every read.
 */
@ApplicationScoped
public class ArticleListCache {

    @Inject
    PublicArticleCounts counts;
    @Inject
    ViewCounter counter;

    /** Bounded by items (about 1 KB each), not by lists: 20,000 items at most in each cache. */
    private static final int MAX_ITEMS = 20_000;

    private final Cache<String, Page<ArticleSummary>> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_ITEMS)
            .weigher((String key, Page<ArticleSummary> page) -> 1 + page.items().size())
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    private final Cache<String, RelatedArticles> related = Caffeine.newBuilder()
            .maximumWeight(MAX_ITEMS)
            .weigher((String key, RelatedArticles list) -> 1 + list.items().size())
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    public Page<ArticleSummary> get(String key, Supplier<Page<ArticleSummary>> load) {
        return pages.get(key, k -> load.get()).map(this::live);
    }

    /** A related list; a load that throws (an article that is not public) caches nothing. */
    public RelatedArticles related(long id, int limit, Supplier<RelatedArticles> load) {
        RelatedArticles list = related.get(id + ":" + limit, k -> load.get());
        return new RelatedArticles(list.items().stream().map(this::live).toList());
    }

    private RelatedArticle live(RelatedArticle item) {
        Long stored = counts.cachedCount(item.id());
        return stored == null || stored < 0 ? item : item.withViewCount(stored + counter.pending(item.id()));
    }

    private ArticleSummary live(ArticleSummary summary) {
        Long stored = counts.cachedCount(summary.id());
        return stored == null || stored < 0 ? summary : summary.withViewCount(stored + counter.pending(summary.id()));
    }

    void onApplied(@Observes ContentApplied change) {
        invalidateAll();
    }

    public void invalidateAll() {
        pages.invalidateAll();
        related.invalidateAll();
    }
}
