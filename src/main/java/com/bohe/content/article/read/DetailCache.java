package com.bohe.content.article.read;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Step;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleConfig;
import com.bohe.content.article.ArticleDetail;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.database.SchemaReady;

/**
 * Published articles as ready JSON ({@link ReadyJson}, compressed), so that a read costs no query and no
 * serialisation; the view count is spliced in live. Bounded by bytes, a share of the heap. Entries go by key
 * through {@link ReadCaches}, when a change commits here or is read from the change log.
 */
@ApplicationScoped
class DetailCache {

    /** A published article as JSON, with what its headers need. */
    record Entry(long id, String slug, Instant publishedAt, Instant lastModified, String lastModifiedHeader,
            String etag, long storedViews, long version, ReadyJson json) {

        boolean publicAt(Instant now) {
            return publishedAt != null && !publishedAt.isAfter(now);
        }

        byte[] withViewCount(long viewCount) {
            return json.with(viewCount);
        }
    }

    private static final int WARM_CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(DetailCache.class);

    @Inject
    ObjectMapper json;
    @Inject
    ArticleConfig config;
    @Inject
    ReadConfig cache;
    @Inject
    PublicArticleCounts counts;
    @Inject
    RenderedDetails rendered;
    @Inject
    Background background;

    /** Bumped by every invalidation: a warm-up chunk that raced with one does not keep what it loaded. */
    private final AtomicLong generation = new AtomicLong();
    /** Empty for an id that is not a published article (a draft, or nothing). */
    private Cache<Long, Optional<Entry>> byId;
    private final Cache<String, Long> idBySlug = Caffeine.newBuilder().maximumSize(20_000).build();

    @jakarta.annotation.PostConstruct
    void create() {
        byId = Caffeine.newBuilder()
                .recordStats()
                .maximumWeight(cache.detailBytes())
                .weigher((Long id, Optional<Entry> entry) -> 160 + entry.map(e -> e.json().size()).orElse(0))
                .build();
    }

    void caches(java.util.function.BiConsumer<String, Cache<?, ?>> into) {
        into.accept("article_details", byId);
    }

    Lookup<Entry> cached(long id) {
        Optional<Entry> entry = byId.getIfPresent(id);
        return entry == null ? Lookup.miss() : Lookup.ofNullable(entry.orElse(null));
    }

    /** Loads on a miss (one statement): blocking. */
    Lookup<Entry> get(long id) {
        return get(id, byId.getIfPresent(id));
    }

    /** As {@link #get(long)}, after {@link #cached} missed: the cache is asked again without counting another miss. */
    Lookup<Entry> getAfterMiss(long id) {
        return get(id, byId.policy().getIfPresentQuietly(id));
    }

    private Lookup<Entry> get(long id, Optional<Entry> found) {
        Optional<Entry> entry = found;
        if (entry == null) {
            // Loaded outside the cache's map, as every load here: a computation held inside it blocks other keys.
            long before = generation.get();
            entry = load(id);
            byId.put(id, entry);
            if (generation.get() != before) {
                byId.invalidate(id);
            }
        }
        return Lookup.ofNullable(entry.orElse(null));
    }

    /**
     * The published ones among these articles, from the cache or else loaded in a few statements (the renders
     * kept, then the articles not rendered, whose renders are kept for the next read), without putting what was
     * loaded in the cache: for a scan of many articles (a sync), which would push out what readers read. Blocking.
     */
    Map<Long, Entry> getAll(Collection<Long> ids) {
        Map<Long, Entry> found = new HashMap<>();
        List<Long> missed = new ArrayList<>();
        for (Long id : ids) {
            Optional<Entry> entry = byId.policy().getIfPresentQuietly(id);
            if (entry == null) {
                missed.add(id);
            } else {
                entry.ifPresent(e -> found.put(id, e));
            }
        }
        if (missed.isEmpty()) {
            return found;
        }
        List<Long> unrendered = new ArrayList<>();
        for (RenderedDetails.Found row : rendered.findAll(missed)) {
            if (row.json() != null) {
                found.put(row.id(), entry(row));
            } else {
                unrendered.add(row.id());
            }
        }
        if (!unrendered.isEmpty()) {
            List<Rendering> renderings = render(unrendered);
            keepAll(renderings);
            renderings.forEach(r -> found.put(r.entry().id(), r.entry()));
        }
        return found;
    }

    Lookup<Long> cachedId(String slug) {
        Long id = idBySlug.getIfPresent(slug);
        return id == null ? Lookup.miss() : Lookup.hit(id);
    }

    /** Loads on a miss: blocking. */
    Lookup<Entry> getBySlug(String slug) {
        Long id = idBySlug.getIfPresent(slug);
        if (id == null) {
            id = QuarkusTransaction.requiringNew().call(() -> Article.<Article>find("slug = ?1 and status = ?2", slug,
                    ArticleStatus.published).project(ArticleQueries.IdOnly.class).firstResultOptional().map(ArticleQueries.IdOnly::id).orElse(null));
            if (id == null) {
                return Lookup.absent();
            }
            idBySlug.put(slug, id);
        }
        return get(id);
    }

    void evict(Collection<Long> ids) {
        generation.incrementAndGet();
        byId.invalidateAll(ids);
        idBySlug.invalidateAll();
    }

    void evictAll() {
        generation.incrementAndGet();
        byId.invalidateAll();
        idBySlug.invalidateAll();
    }

    private static final String FETCHED = "select distinct a from Article a left join fetch a.department "
            + "left join fetch a.reviewer r left join fetch r.hospital left join fetch a.diseases ";

    /**
     * One statement when the article was rendered since it last changed, by any instance ({@link RenderedDetails}).
     * Else one more for the article and everything its detail shows of others, read-only (nothing to flush at the
     * end; by "=", not "in": an IN list is translated from HQL to SQL again for every new length), and one to keep
     * the render for the next first read.
     */
    private Optional<Entry> load(long id) {
        RenderedDetails.Found found = rendered.find(id);
        if (found == null) {
            return Optional.empty();
        }
        if (found.json() != null) {
            return Optional.of(entry(found));
        }
        Optional<Entry> entry = QuarkusTransaction.requiringNew().call(() -> Article.<Article>find(FETCHED + "where a.id = ?1 and a.status = ?2",
                id, ArticleStatus.published).withHint(HibernateHints.HINT_READ_ONLY, true).list().stream().findFirst().map(this::entry));
        entry.ifPresent(e -> keep(e, found.generation()));
        return entry;
    }

    /** An entry and the render generation it was made at. */
    private record Rendering(Entry entry, long generation) {
    }

    /** Keeps a render for the next first read; the read it came with is answered whatever happens here. */
    private void keep(Entry entry, long generation) {
        try {
            QuarkusTransaction.requiringNew().run(() -> rendered.save(entry.id(), entry.version(), generation, entry.lastModified(), entry.json()));
        } catch (RuntimeException e) {
            LOG.debugf("Could not keep the render of article %d: %s", entry.id(), e.getMessage());
        }
    }

    /**
     * Renders these articles and keeps their renders (ahead of their first reads), in two transactions: the
     * generation and the articles, then the renders. Returns how many were kept.
     */
    int renderAhead(List<Long> ids) {
        return ids.isEmpty() ? 0 : keepAll(render(ids));
    }

    /** Renders these articles, reading the generation first. */
    private List<Rendering> render(List<Long> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long generation = rendered.generation();
            return articles(ids).stream().map(a -> new Rendering(entry(a), generation)).toList();
        });
    }

    /** Keeps renders for the next first reads, in one statement; returns how many were kept. */
    private int keepAll(List<Rendering> renderings) {
        List<RenderedDetails.Render> renders = renderings.stream().map(r -> new RenderedDetails.Render(r.entry().id(),
                r.entry().version(), r.generation(), r.entry().lastModified(), r.entry().json())).toList();
        return QuarkusTransaction.requiringNew().call(() -> rendered.saveAll(renders));
    }

    private Entry entry(RenderedDetails.Found found) {
        return entry(found.id(), found.slug(), found.publishedAt(), found.lastModified(), found.viewCount(), found.version(),
                found.json());
    }

    private static List<Article> articles(List<Long> ids) {
        // A list, not a stream: rows of a fetched collection would come as partial entities.
        return Article.<Article>find(FETCHED + "where a.id in ?1 and a.status = ?2", ids, ArticleStatus.published)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    void warmOnStart(@Observes @jakarta.annotation.Priority(30) SchemaReady event) {
        if (cache.warm()) {
            // Once, below the readers; a failure is not retried: the articles load on their first reads.
            background.start("article-cache-warm", Pace.once(Duration.ofSeconds(1)).belowRequests(true), () -> {
                warmQuietly();
                return Step.FINISHED;
            });
        }
    }

    private void warmQuietly() {
        try {
            warm();
        } catch (RuntimeException e) {
            LOG.infof("Warming the article cache stopped (%s); articles load on first read", e.getMessage());
        }
    }

    /**
     * Loads public articles, newest first, until the cache is 90% full, so that even the first read of an article
     * costs no query. Runs once, in the background, after start.
     */
    void warm() {
        long started = System.nanoTime();
        long loaded = 0;
        Instant before = Instant.now().plusSeconds(1);
        long beforeId = Long.MAX_VALUE;
        while (byId.policy().eviction().map(e -> e.weightedSize().orElse(0) < e.getMaximum() * 0.9).orElse(true)) {
            Instant untilAt = before;
            long untilId = beforeId;
            List<Object[]> keys = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                    .createQuery("select id, publishedAt from Article where " + Article.PUBLIC
                            + " and (publishedAt, id) < (:at, :id) order by publishedAt desc, id desc", Object[].class)
                    .setParameter("published", ArticleStatus.published)
                    .setParameter("at", untilAt)
                    .setParameter("id", untilId)
                    .setMaxResults(WARM_CHUNK)
                    .getResultList());
            if (keys.isEmpty()) {
                break;
            }
            List<Long> ids = keys.stream().map(k -> (Long) k[0]).filter(id -> byId.getIfPresent(id) == null).toList();
            long generation = this.generation.get();
            List<Entry> entries = ids.isEmpty() ? List.of()
                    : QuarkusTransaction.requiringNew().call(() -> articles(ids).stream().map(this::entry).toList());
            for (Entry entry : entries) {
                byId.asMap().putIfAbsent(entry.id(), Optional.of(entry));
            }
            if (this.generation.get() != generation) {
                byId.invalidateAll(entries.stream().map(Entry::id).toList());
            }
            loaded += entries.size();
            Object[] last = keys.get(keys.size() - 1);
            before = (Instant) last[1];
            beforeId = (Long) last[0];
        }
        LOG.infof("Article cache warmed: %d articles in %d ms, %d MiB", loaded, (System.nanoTime() - started) / 1_000_000,
                byId.policy().eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L) >> 20);
    }

    private Entry entry(Article article) {
        ReadyJson ready = ReadyJson.write(json,
                ArticleDetail.from(article, config.disclaimer()).withViewCount(ReadyJson.mark(0)), 1, true);
        return entry(article.id, article.slug, article.publishedAt, lastModified(article), article.viewCount, article.version, ready);
    }

    /** An entry with its headers; a public article's stored count becomes known on the way. */
    private Entry entry(long id, String slug, Instant publishedAt, Instant lastModified, long viewCount, long version,
            ReadyJson ready) {
        if (publishedAt != null && !publishedAt.isAfter(Instant.now())) {
            counts.known(id, viewCount);
        }
        return new Entry(id, slug, publishedAt, lastModified, lastModified == null ? null : HttpCaching.httpDate(lastModified),
                "\"" + version + "-" + ready.hash() + "\"", viewCount, version, ready);
    }

    /** The latest change of the article or of what it shows of others. */
    private static Instant lastModified(Article a) {
        Instant last = a.updatedAt;
        if (a.department != null) {
            last = max(last, a.department.updatedAt);
        }
        if (a.reviewer != null) {
            last = max(last, a.reviewer.updatedAt);
        }
        for (var disease : a.diseases) {
            last = max(last, disease.updatedAt);
        }
        return last;
    }

    private static Instant max(Instant a, Instant b) {
        return b != null && (a == null || b.isAfter(a)) ? b : a;
    }
}
