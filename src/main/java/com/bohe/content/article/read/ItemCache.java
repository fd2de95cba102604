package com.bohe.content.article.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;

import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.article.ArticleSummary;

/**
 * Public articles as list items, by id, with their stored view counts, so that every list (offset and cursor
 * pages, search, related, popular) finds its ids in one query and fills in the items from here: a page costs one
 * query for the ids and at most one more for the items not cached, never one per item. Bounded by bytes.
 */
@ApplicationScoped
class ItemCache {

    private static final int LOAD_CHUNK = 500;

    @Inject
    ReadConfig config;
    @Inject
    PublicArticleCounts counts;

    private Cache<Long, ArticleSummary> byId;
    /** Bumped by every invalidation: a load that raced with one does not keep what it loaded. */
    private final AtomicLong generation = new AtomicLong();

    @PostConstruct
    void create() {
        byId = Caffeine.newBuilder()
                .maximumWeight(config.itemBytes())
                .weigher((Long id, ArticleSummary s) -> 400 + 2 * (s.title().length() + s.summary().length() + s.slug().length()))
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
    }

    /**
     * Public articles by id in the order given, as stored; ids that are not public drop out. Blocking: the items
     * not cached are loaded in one query (per 500).
     */
    List<ArticleSummary> get(List<Long> ids) {
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
                counts.known(summary.id(), summary.viewCount());
                found.put(summary.id(), summary);
                byId.put(summary.id(), summary);
            }
            if (generation.get() != before) {
                byId.invalidateAll(loaded.stream().map(ArticleSummary::id).toList());
            }
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    void evict(Collection<Long> ids) {
        generation.incrementAndGet();
        byId.invalidateAll(ids);
    }

    void evictAll() {
        generation.incrementAndGet();
        byId.invalidateAll();
    }

    private static List<ArticleSummary> load(List<Long> ids) {
        return Panache.getEntityManager(Article.class).unwrap(Session.class)
                .createQuery("select distinct a from Article a left join fetch a.department left join fetch a.diseases "
                        + "where a.id in :ids and " + Article.publicCondition("a."), Article.class)
                .setParameterList("ids", ids)
                .setParameter("published", ArticleStatus.published)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList() // not a stream: rows of a fetched collection would come as partial entities
                .stream()
                .map(a -> ArticleSummary.from(a))
                .toList();
    }
}
