package com.bohe.content.article.read;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.hibernate.Session;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.article.Article;
import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.views.ViewCounter;
import com.bohe.content.views.ViewsConfig;

/**
 * Which article ids are public, with their stored view count, so that recording a view costs no query. An id is
 * asked for once; after that, its stored count grows by what this instance flushes, and a bulk refresh every
 * few seconds brings in other instances' views and visibility changes. When the database is away, the cached
 * entries keep serving, so views of articles read recently keep counting through an outage.
 * <p>
 * It also holds the one rule for the view count a reader sees, {@link #live}.
 */
@ApplicationScoped
public class PublicArticleCounts {

    private static final Logger LOG = Logger.getLogger(PublicArticleCounts.class);
    /** What is cached of an id: its stored count while it is public, or that it is not (yet). */
    private sealed interface Entry permits Counted, NotPublic, Due {
    }

    /** A public article's stored view count: grown by this instance's flushes, raised by refreshes, never lowered. */
    private static final class Counted implements Entry {

        private static final AtomicLongFieldUpdater<Counted> VIEWS = AtomicLongFieldUpdater.newUpdater(Counted.class, "views");
        /** One field, no AtomicLong beside it: up to 400,000 of these are kept (as many as public articles). */
        private volatile long views;

        Counted(long views) {
            this.views = views;
        }

        long views() {
            return views;
        }

        void add(long delta) {
            VIEWS.addAndGet(this, delta);
        }

        void atLeast(long count) {
            VIEWS.accumulateAndGet(this, count, Math::max);
        }
    }

    /** An id that is unknown, a draft, or deleted. */
    private enum NotPublic implements Entry {
        ID
    }

    /** An article scheduled for later: not public until its time, then asked for again. */
    private record Due(Instant at) implements Entry {

        boolean passed() {
            return !at.isAfter(Instant.now());
        }
    }

    private static final int REFRESH_CHUNK = 5_000;
    private static final int FULL_REFRESH_EVERY = 12;
    private static final Duration FLUSH_OVERLAP = Duration.ofMinutes(1);
    private static final long PRELOAD_LIMIT = 400_000;

    @Inject
    ViewCounter counter;
    @Inject
    ViewsConfig config;
    @Inject
    Background background;

    private final Cache<Long, Entry> stored = Caffeine.newBuilder()
            .recordStats()
            .maximumSize(500_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();
    private Worker refresher;
    private volatile boolean preloadDue;
    private volatile long nextRefresh;
    /** Scheduled refreshes since the last one that ran. */
    private int sinceFull;
    /** Other instances' flushes after this time make the next scheduled refresh run. */
    private Instant othersSince = Instant.EPOCH;
    /** Ids whose count is being loaded in the background. */
    private final java.util.Set<Long> loading = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Bumped by every invalidation: a background load that raced with one keeps nothing. */
    private final AtomicLong invalidations = new AtomicLong();

    @PostConstruct
    void start() {
        counter.onApplied(this::applied);
        preloadDue = config.preload();
        nextRefresh = System.nanoTime() + config.countRefreshInterval().toNanos();
        // One thread: the preload first, then counts that reads missed as soon as they are queued (a read wakes
        // it), and a refresh every interval.
        refresher = background.start("view-count-refresh", Pace.polling(config.countRefreshInterval()), this::round,
                loading::size);
    }

    private int round() {
        if (preloadDue) {
            preloadDue = false;
            preloadQuietly();
        }
        int missed = loading.size();
        if (missed > 0) {
            loadQueued();
        }
        if (System.nanoTime() - nextRefresh >= 0) {
            nextRefresh = System.nanoTime() + config.countRefreshInterval().toNanos();
            refreshQuietly();
        }
        return 0;
    }

    /**
     * Knows every published article from the start (about 100 bytes each; scheduled ones by when they are due), so
     * that a view of an article never read on this instance costs no query either. Reads as {@link #refresh} does.
     */
    void preload() {
        long after = Long.MIN_VALUE;
        while (stored.estimatedSize() < PRELOAD_LIMIT) {
            List<Object[]> rows = published(after, REFRESH_CHUNK);
            if (rows.isEmpty()) {
                return;
            }
            for (Object[] row : rows) {
                stored.asMap().putIfAbsent((Long) row[0], entry(row));
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
        refresher.stop(Duration.ofSeconds(1));
    }

    void caches(java.util.function.BiConsumer<String, Cache<?, ?>> into) {
        into.accept("view_counts", stored);
    }

    /**
     * The stored view count of a public article (a hit), or absent for an unknown id, a draft or a scheduled
     * article; asks the database when the id is not cached.
     *
     * @throws RuntimeException when the id is not cached and the database cannot be asked
     */
    public Lookup<Long> stored(long id) {
        if (stored.getIfPresent(id) instanceof Due due && due.passed()) {
            stored.asMap().remove(id, due);
        }
        return lookup(stored.get(id, this::load));
    }

    /** What is cached of an id, without asking the database. */
    public Lookup<Long> cached(long id) {
        Entry entry = stored.getIfPresent(id);
        return entry == null ? Lookup.miss() : lookup(entry);
    }

    /**
     * The view count a reader sees, the one rule for every read: the stored count (as refreshed, and grown by this
     * instance's flushes; never below the one the cached body was built with) plus this instance's views not
     * flushed yet. An id not cached is loaded in the background, so that the next read is exact.
     *
     * @param builtWith the stored count when the cached body was built
     */
    public long live(long id, long builtWith) {
        Entry entry = stored.getIfPresent(id);
        if (entry == null || entry instanceof Due due && due.passed()) {
            loadLater(id);
        }
        long known = entry instanceof Counted counted ? counted.views() : -1;
        return Math.max(known, builtWith) + counter.pending(id);
    }

    /** The stored count of a public article just read with its row: no query for its views then. */
    void known(long id, long storedCount) {
        stored.asMap().putIfAbsent(id, new Counted(storedCount));
    }

    /**
     * Queues an id whose count a read missed; one background task loads every id queued by then, in one query per
     * chunk, so a page of items not known costs no query per item.
     */
    private void loadLater(long id) {
        if (loading.add(id)) {
            refresher.wake();
        }
    }

    /** Whether counts missed by reads are still being loaded in the background; for tests that count statements. */
    public boolean loading() {
        return !loading.isEmpty();
    }

    private void loadQueued() {
        List<Long> ids = new ArrayList<>(loading);
        try {
            for (int from = 0; from < ids.size(); from += REFRESH_CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + REFRESH_CHUNK));
                long before = invalidations.get();
                Map<Long, Object[]> found = query(chunk);
                for (Long id : chunk) {
                    Object[] row = found.get(id);
                    Entry fresh = row == null ? NotPublic.ID : entry(row);
                    // Not over a count known meanwhile; over a scheduled entry whose time has come. Nothing once a
                    // change committed since the query began: it may predate it (an article created in a write whose
                    // answer asked for its count before the commit); the next read asks again. Checked in the
                    // compute, not before the loop: an invalidation counts first, then removes, so one that comes
                    // after this check removes what it put.
                    stored.asMap().compute(id, (k, v) -> invalidations.get() != before ? v
                            : v == null || v instanceof Due due && due.passed() ? fresh : v);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("Could not load the view counts of %d articles: %s", ids.size(), e.getMessage());
        } finally {
            loading.removeAll(ids);
        }
    }

    private static Lookup<Long> lookup(Entry entry) {
        if (entry instanceof Counted counted) {
            return Lookup.hit(counted.views());
        }
        return entry instanceof Due due && due.passed() ? Lookup.miss() : Lookup.absent();
    }

    /**
     * Forgets an article whose visibility may have changed; called by the content change hook and catch-up. Counts
     * the invalidation first, then removes: a load that read before the change either sees the count in its compute
     * and keeps nothing, or is removed here after it.
     */
    public void invalidate(long id) {
        invalidations.incrementAndGet();
        stored.invalidate(id);
    }

    private void applied(long id, long views) {
        if (stored.getIfPresent(id) instanceof Counted counted) {
            counted.add(views);
        }
    }

    private Entry load(long id) {
        Object[] row = query(List.of(id)).get(id);
        return row == null ? NotPublic.ID : entry(row);
    }

    /** A row of {@link #query}: its count when public, else when it will be. */
    private static Entry entry(Object[] row) {
        Instant at = (Instant) row[2];
        return at != null && at.isAfter(Instant.now()) ? new Due(at) : new Counted((Long) row[1]);
    }

    /**
     * Brings every cached id up to date: counts only grow, visibility may change either way. The published
     * articles are read in id order, 5,000 a query, and merged with the cached ids in the same order; an id cached
     * but not read is not public any more. (It asked for the cached ids in IN lists before: 28 lists of 5,000
     * parameters every 5 s at 140,000 articles, an eighth of the CPU that searches under load left.)
     */
    public void refresh() {
        refresh(REFRESH_CHUNK);
    }

    /** {@link #refresh()} reading {@code chunk} articles a query (tests cross chunk boundaries with a small one). */
    public void refresh(int chunk) {
        long[] cached = stored.asMap().keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int next = 0; // the first cached id not merged yet
        long after = Long.MIN_VALUE;
        while (next < cached.length) {
            long before = invalidations.get();
            List<Object[]> rows = published(after, chunk);
            // A change committed meanwhile may postdate what this chunk read: only counts are merged then. Asked
            // in each compute, as loadQueued does, so that an invalidation between the query and the merge counts.
            java.util.function.BooleanSupplier quiet = () -> invalidations.get() == before;
            long last = rows.isEmpty() ? Long.MAX_VALUE : (Long) rows.get(rows.size() - 1)[0];
            for (Object[] row : rows) {
                long id = (Long) row[0];
                for (; next < cached.length && cached[next] < id; next++) {
                    notPublic(cached[next], quiet);
                }
                if (next < cached.length && cached[next] == id) {
                    next++;
                    Entry fresh = entry(row);
                    stored.asMap().computeIfPresent(id, (k, v) -> {
                        if (v instanceof Counted counted && fresh instanceof Counted read) {
                            // A flush of ours may have committed after this query read the row: never go back.
                            counted.atLeast(read.views());
                            return counted;
                        }
                        return quiet.getAsBoolean() ? fresh : v;
                    });
                }
            }
            if (rows.size() < chunk) {
                last = Long.MAX_VALUE; // the end: whatever is cached beyond it is not public
            }
            for (; next < cached.length && cached[next] <= last; next++) {
                notPublic(cached[next], quiet);
            }
            after = last;
        }
    }

    private void notPublic(long id, java.util.function.BooleanSupplier quiet) {
        stored.asMap().computeIfPresent(id, (k, v) -> quiet.getAsBoolean() ? NotPublic.ID : v);
    }

    /** Up to {@code chunk} published articles (public now or scheduled) after an id, in id order. */
    private static List<Object[]> published(long after, int chunk) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createQuery("select id, viewCount, publishedAt from Article where id > :after and status = :published "
                        + "and publishedAt is not null order by id", Object[].class)
                .setParameter("after", after)
                .setParameter("published", ArticleStatus.published)
                .setMaxResults(chunk)
                .getResultList());
    }

    /**
     * The scheduled refresh: {@link #refresh} only when another instance flushed views lately (a flush of this
     * instance grows the cached counts as it commits, and visibility changes come through {@link #invalidate}),
     * and every {@link #FULL_REFRESH_EVERY}th time whatever happened, as a safety net. A refresh reads every
     * published article: on one instance with 160,000 articles it cost about 90 ms of CPU every 5 s, and competed
     * with first reads under load. Returns whether it refreshed.
     */
    public synchronized boolean refreshIfOthersFlushed() {
        if (++sinceFull >= FULL_REFRESH_EVERY || othersFlushed()) {
            sinceFull = 0;
            refresh();
            return true;
        }
        return false;
    }

    private void refreshQuietly() {
        try {
            refreshIfOthersFlushed();
        } catch (RuntimeException e) {
            LOG.debugf("View count refresh failed, cached counts keep serving: %s", e.getMessage());
        }
    }

    /**
     * Whether another instance flushed views since the last refresh began, by the database's clock, with a
     * minute's overlap for flushes that committed late; remembers when this check ran when it answers yes.
     */
    private boolean othersFlushed() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT now(), EXISTS (SELECT 1 FROM view_flush WHERE instance <> ?1 AND flushed_at > ?2)", Object[].class)
                .setParameter(1, counter.instance())
                .setParameter(2, othersSince.atOffset(java.time.ZoneOffset.UTC))
                .getSingleResult());
        if (!(Boolean) row[1]) {
            return false;
        }
        othersSince = (row[0] instanceof java.time.OffsetDateTime at ? at.toInstant() : (Instant) row[0]).minus(FLUSH_OVERLAP);
        return true;
    }

    /** The published articles among the ids (public now or scheduled): id, stored count, publishedAt. */
    private static Map<Long, Object[]> query(List<Long> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Object[]> result = new HashMap<>();
            // setParameterList: setParameter with a list first tries it as one id and formats the whole list
            // into the message of the exception it catches.
            Panache.getEntityManager(Article.class).unwrap(Session.class)
                    .createQuery("select id, viewCount, publishedAt from Article where id in :ids and status = :published "
                            + "and publishedAt is not null", Object[].class)
                    .setParameterList("ids", ids)
                    .setParameter("published", ArticleStatus.published)
                    .getResultList()
                    .forEach(row -> result.put((Long) row[0], row));
            return result;
        });
    }
}
