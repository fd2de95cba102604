package com.bohe.content.article;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.views.ViewCounter;
import com.bohe.content.views.ViewsConfig;

/**
 * Which article ids are public, with their stored view count, so that recording a view costs no query. An id is
 * asked for once; after that, its stored count grows by what this instance flushes, and a bulk refresh every
 * few seconds brings in other instances' views and visibility changes. When the database is away, the cached
 * entries keep serving, so views of articles read recently keep counting through an outage.
 */
@ApplicationScoped
public class PublicArticleCounts {

    private static final Logger LOG = Logger.getLogger(PublicArticleCounts.class);
    /** The entry of an id that is unknown, a draft or scheduled. */
    private static final AtomicLong NOT_PUBLIC = new AtomicLong(-1);
    private static final int REFRESH_CHUNK = 5_000;
    private static final long PRELOAD_LIMIT = 400_000;

    @Inject
    ViewCounter counter;
    @Inject
    ViewsConfig config;

    private final Cache<Long, AtomicLong> stored = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();
    private ScheduledExecutorService refresher;

    @PostConstruct
    void start() {
        counter.onApplied(this::applied);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "view-count-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.countRefreshInterval().toMillis();
        if (config.preload()) {
            refresher.execute(this::preloadQuietly);
        }
        refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Knows every public article from the start (about 100 bytes each), so that a view of an article never read
     * on this instance costs no query either.
     */
    void preload() {
        long after = 0;
        while (stored.estimatedSize() < PRELOAD_LIMIT) {
            long from = after;
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                    .createQuery("select id, viewCount from Article where id > :after and " + Article.PUBLIC + " order by id",
                            Object[].class)
                    .setParameter("after", from)
                    .setParameter("published", ArticleStatus.published)
                    .setMaxResults(REFRESH_CHUNK)
                    .getResultList());
            if (rows.isEmpty()) {
                return;
            }
            for (Object[] row : rows) {
                stored.asMap().putIfAbsent((Long) row[0], new AtomicLong((Long) row[1]));
            }
            after = (Long) rows.get(rows.size() - 1)[0];
        }
    }

    private void preloadQuietly() {
        try {
            preload();
        } catch (RuntimeException e) {
            LOG.debugf("Preloading public articles failed; they load one by one: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /**
     * @return the stored view count of a public article, or -1 for an unknown id, a draft or a scheduled article
     * @throws RuntimeException when the id is not cached and the database cannot be asked
     */
    public long storedCount(long id) {
        return stored.get(id, this::load).get();
    }

    /** @return the cached stored count, -1 for a cached non-public id, or null when the id is not cached */
    public Long cachedCount(long id) {
        AtomicLong count = stored.getIfPresent(id);
        return count == null ? null : count.get();
    }

    /** Forgets an article whose visibility may have changed; called by the content change hook and catch-up. */
    public void invalidate(long id) {
        stored.invalidate(id);
    }

    private void applied(long id, long views) {
        AtomicLong count = stored.getIfPresent(id);
        if (count != null && count != NOT_PUBLIC) {
            count.addAndGet(views);
        }
    }

    private AtomicLong load(long id) {
        Map<Long, Long> found = query(List.of(id));
        return found.containsKey(id) ? new AtomicLong(found.get(id)) : NOT_PUBLIC;
    }

    /** Brings every cached id up to date in a few queries: counts only grow, visibility may change either way. */
    void refresh() {
        List<Long> ids = new ArrayList<>(stored.asMap().keySet());
        for (int from = 0; from < ids.size(); from += REFRESH_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + REFRESH_CHUNK));
            Map<Long, Long> found = query(chunk);
            for (Long id : chunk) {
                Long count = found.get(id);
                if (count == null) {
                    stored.asMap().computeIfPresent(id, (k, v) -> NOT_PUBLIC);
                } else {
                    stored.asMap().compute(id, (k, v) -> {
                        if (v == null || v == NOT_PUBLIC) {
                            return new AtomicLong(count);
                        }
                        // A flush of ours may have committed after this query read the row: never go back.
                        v.accumulateAndGet(count, Math::max);
                        return v;
                    });
                }
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debugf("View count refresh failed, cached counts keep serving: %s", e.getMessage());
        }
    }

    private static Map<Long, Long> query(List<Long> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Long> result = new HashMap<>();
            Panache.getEntityManager(Article.class)
                    .createQuery("select id, viewCount from Article where id in :ids and " + Article.PUBLIC, Object[].class)
                    .setParameter("ids", ids)
                    .setParameter("published", ArticleStatus.published)
                    .getResultList()
                    .forEach(row -> result.put((Long) row[0], (Long) row[1]));
            return result;
        });
    }
}
