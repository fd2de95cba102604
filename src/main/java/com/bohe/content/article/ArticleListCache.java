package com.bohe.content.article;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.api.Page;
import com.bohe.content.views.ViewCounter;

/**
 * First pages of public article lists, the reads every app start makes, pages of searches, and related lists
 * (recomputed in the background after a minute, so that popularity and newly due articles drift in). A page lives
 * five seconds at most (so
 * that orders by view count, and articles whose time has come, move in) and goes at once with any content change
 * this instance applies. View counts are brought up to date on every read.
 */
@ApplicationScoped
public class ArticleListCache {

    /** Bounded by items (about 1 KB each), not by lists: 20,000 items at most in each cache. */
    private static final int MAX_ITEMS = 20_000;

    @Inject
    PublicArticleCounts counts;
    @Inject
    ViewCounter counter;
    @ConfigProperty(name = "content.related.fresh-for", defaultValue = "1m")
    Duration relatedFreshFor;

    private final Cache<String, Page<ArticleSummary>> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_ITEMS)
            .weigher((String key, Page<ArticleSummary> page) -> 1 + page.items().size())
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    /** A related list and when it was computed. */
    private record Computed(RelatedArticles list, long nanos) {
    }

    private final Cache<String, Computed> related = Caffeine.newBuilder()
            .maximumWeight(MAX_ITEMS)
            .weigher((String key, Computed computed) -> 1 + computed.list().items().size())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    /** Lists being recomputed in the background. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /**
     * A cached page, or one loaded now and kept. The load runs outside the cache's map: a computation held inside
     * it (Caffeine's get with a loader) blocks other keys of the same hash bin, and every key while the map
     * resizes, for as long as a search takes. Two readers of the same new page may both load it.
     */
    public Page<ArticleSummary> get(String key, Supplier<Page<ArticleSummary>> load) {
        Page<ArticleSummary> page = pages.getIfPresent(key);
        if (page == null) {
            page = load.get();
            pages.put(key, page);
        }
        return page.map(this::live);
    }

    /**
     * A related list; a load that throws (an article that is not public) caches nothing. A list older than
     * {@code content.related.fresh-for} (a minute) is still answered, and recomputed in the background (so that popularity and newly due articles drift
     * in without a reader waiting for the scorer); a change applied meanwhile drops it at once, as always.
     */
    public RelatedArticles related(long id, int limit, Supplier<RelatedArticles> load) {
        String key = id + ":" + limit;
        Computed cached = related.getIfPresent(key);
        if (cached == null) {
            // Loaded outside the map, as pages are.
            Computed loaded = new Computed(load.get(), System.nanoTime());
            Computed raced = related.asMap().putIfAbsent(key, loaded);
            cached = raced == null ? loaded : raced;
        }
        Computed computed = cached;
        if (System.nanoTime() - computed.nanos() > relatedFreshFor.toNanos() && refreshing.add(key)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> refresh(key, computed, load));
        }
        return new RelatedArticles(computed.list().items().stream().map(this::live).toList());
    }

    /** The list cached for an article and limit, as computed (no live counts), or null; for tests. */
    RelatedArticles relatedComputedFor(long id, int limit) {
        Computed computed = related.getIfPresent(id + ":" + limit);
        return computed == null ? null : computed.list();
    }

    private void refresh(String key, Computed stale, Supplier<RelatedArticles> load) {
        try {
            RelatedArticles fresh = QuarkusTransaction.requiringNew().call(load::get);
            // Only over the list it replaces: one dropped by a change meanwhile stays dropped.
            related.asMap().replace(key, stale, new Computed(fresh, System.nanoTime()));
        } catch (RuntimeException e) {
            related.asMap().remove(key, stale); // e.g. the article is no longer public: the next read answers
        } finally {
            refreshing.remove(key);
        }
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
