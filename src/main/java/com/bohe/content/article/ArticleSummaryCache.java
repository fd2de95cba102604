package com.bohe.content.article;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.views.ViewCounter;

/**
 * Public articles as list items, by id, so that every list (offset and cursor pages, search, related, popular)
 * finds its ids in one query and fills in the items from here: a page costs one query for the ids and at most one
 * more for the items not cached, never one per item. View counts are merged live on every read. Entries go when
 * the change hook or the catch-up applies a change of the article or of anything an item names.
 */
@ApplicationScoped
public class ArticleSummaryCache {

    private static final int LOAD_CHUNK = 500;

    @Inject
    PublicArticleCounts counts;
    @Inject
    ViewCounter counter;

    private final Cache<Long, ArticleSummary> byId;
    /** Bumped by every invalidation: a load that raced with one does not keep what it loaded. */
    private final AtomicLong generation = new AtomicLong();

    ArticleSummaryCache(@ConfigProperty(name = "content.cache.summaries", defaultValue = "10000") long maxEntries) {
        byId = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMinutes(10)).build();
    }

    /**
     * Public articles by id in the order given, with live view counts; ids that are not public drop out. Blocking:
     * the items not cached are loaded in one query (per 500).
     */
    public List<ArticleSummary> get(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ArticleSummary> found = new HashMap<>(byId.getAllPresent(ids));
        List<Long> missing = new ArrayList<>(new LinkedHashSet<>(ids));
        missing.removeAll(found.keySet());
        for (int from = 0; from < missing.size(); from += LOAD_CHUNK) {
            long before = generation.get();
            List<ArticleSummary> loaded = load(missing.subList(from, Math.min(missing.size(), from + LOAD_CHUNK)));
            for (ArticleSummary summary : loaded) {
                found.put(summary.id(), summary);
                byId.put(summary.id(), summary);
            }
            if (generation.get() != before) {
                byId.invalidateAll(loaded.stream().map(ArticleSummary::id).toList());
            }
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).map(this::live).toList();
    }

    /** The item with this instance's view count: stored (as refreshed) plus pending. */
    ArticleSummary live(ArticleSummary summary) {
        Long stored = counts.cachedCount(summary.id());
        long base = stored == null || stored < 0 ? summary.viewCount() : stored;
        return summary.withViewCount(base + counter.pending(summary.id()));
    }

    void onApplied(@Observes ContentApplied change) {
        generation.incrementAndGet();
        if ("article".equals(change.entity())) {
            byId.invalidateAll(change.ids());
        } else {
            // Items show the names of their department and diseases: drop them all, they are cheap to refill.
            byId.invalidateAll();
        }
    }

    /** Empties the cache; for tests that count queries. */
    public void invalidateAll() {
        generation.incrementAndGet();
        byId.invalidateAll();
    }

    private static List<ArticleSummary> load(List<Long> ids) {
        return Panache.getEntityManager(Article.class)
                .createQuery("select distinct a from Article a left join fetch a.department left join fetch a.diseases "
                        + "where a.id in :ids and " + Article.publicCondition("a."), Article.class)
                .setParameter("ids", ids)
                .setParameter("published", ArticleStatus.published)
                .getResultList() // not a stream: rows of a fetched collection would come as partial entities
                .stream()
                .map(a -> ArticleSummary.from(a, 0))
                .toList();
    }
}
