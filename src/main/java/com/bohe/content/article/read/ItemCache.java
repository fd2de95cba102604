package com.bohe.content.article.read;

import java.time.Duration;
import java.time.OffsetDateTime;
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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.bohe.content.article.ArticleSummary;
import com.bohe.content.database.PlainReads;
import com.bohe.content.department.DepartmentRef;
import com.bohe.content.disease.DiseaseRef;

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
    @Inject
    PlainReads plain;

    private Cache<Long, ArticleSummary> byId;
    /** Items loaded from the database since start. */
    private final java.util.concurrent.atomic.LongAdder loaded = new java.util.concurrent.atomic.LongAdder();
    /** Bumped by every invalidation: a load that raced with one does not keep what it loaded. */
    private final AtomicLong generation = new AtomicLong();

    @PostConstruct
    void create() {
        byId = Caffeine.newBuilder()
                .recordStats()
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
            this.loaded.add(loaded.size());
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

    void caches(java.util.function.BiConsumer<String, Cache<?, ?>> into) {
        into.accept("list_items", byId);
    }

    /** Items loaded from the database since start (not found in the cache). */
    long loaded() {
        return loaded.sum();
    }

    void evict(Collection<Long> ids) {
        generation.incrementAndGet();
        byId.invalidateAll(ids);
    }

    void evictAll() {
        generation.incrementAndGet();
        byId.invalidateAll();
    }

    /** An item read for a render kept in the database: with its version. */
    record Fresh(ArticleSummary item, long version) {
    }

    /**
     * As {@link #get}, but read now from the database, never from the cache, in one statement with each item's
     * version: what a render kept for other instances must be made of.
     */
    List<Fresh> fresh(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Fresh> found = new HashMap<>();
        for (Fresh fresh : plain.list(LOAD_FRESH, statement -> statement.setArray(1,
                statement.getConnection().createArrayOf("bigint", ids.toArray())),
                row -> new Fresh(summary(row), row.getLong(20)))) {
            loaded.increment();
            counts.known(fresh.item().id(), fresh.item().viewCount());
            found.put(fresh.item().id(), fresh);
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** Published articles public now, without their bodies, in one plain statement ({@link PlainReads}). */
    private List<ArticleSummary> load(List<Long> ids) {
        return plain.list(LOAD, statement -> statement.setArray(1,
                statement.getConnection().createArrayOf("bigint", ids.toArray())), ItemCache::summary);
    }

    /** A row of {@link #LOAD}. */
    private static ArticleSummary summary(java.sql.ResultSet row) throws java.sql.SQLException {
        long department = row.getLong(8);
        boolean noDepartment = row.wasNull();
        List<DiseaseRef> diseases = new ArrayList<>();
        if (row.getArray(11) != null) {
            Object[] diseaseIds = (Object[]) row.getArray(11).getArray();
            Object[] slugs = (Object[]) row.getArray(12).getArray();
            Object[] names = (Object[]) row.getArray(13).getArray();
            for (int i = 0; i < diseaseIds.length; i++) {
                diseases.add(new DiseaseRef(((Number) diseaseIds[i]).longValue(), (String) slugs[i], (String) names[i]));
            }
        }
        String summary = row.getString(4);
        return new ArticleSummary(row.getLong(1), row.getString(2), row.getString(3),
                summary != null && !summary.isBlank() ? summary : row.getString(5), row.getLong(6),
                row.getObject(7, OffsetDateTime.class).toInstant(),
                noDepartment ? null : new DepartmentRef(department, row.getString(9), row.getString(10)),
                List.copyOf(diseases), cover(row), null);
    }

    private static com.bohe.content.files.FileRef cover(java.sql.ResultSet row) throws java.sql.SQLException {
        long id = row.getLong(14);
        return row.wasNull() ? null : new com.bohe.content.files.FileRef(id, com.bohe.content.files.FileRef.url(id),
                row.getInt(15), row.getInt(16), row.getString(17),
                new com.bohe.content.files.FileRef.Placeholder(row.getString(18), row.getString(19)));
    }

    /** As {@link ArticleSummary#from}: the editor's summary unless blank, diseases by id. */
    private static final String LOAD = "SELECT a.id, a.slug, a.title, a.summary, a.auto_summary, a.view_count, a.published_at, "
            + "d.id, d.slug, d.name, x.ids, x.slugs, x.names, f.id, f.width, f.height, f.alt, f.blurhash, f.dominant_color "
            + "FROM article a LEFT JOIN department d ON d.id = a.department_id LEFT JOIN file f ON f.id = a.cover_id "
            + "LEFT JOIN LATERAL (SELECT array_agg(s.id ORDER BY s.id) ids, array_agg(s.slug ORDER BY s.id) slugs, "
            + "array_agg(s.name ORDER BY s.id) names FROM article_disease ad JOIN disease s ON s.id = ad.disease_id "
            + "WHERE ad.article_id = a.id) x ON true "
            + "WHERE a.id = ANY (?) AND a.status = 'published' AND a.published_at <= now()";

    /** {@link #LOAD} with each article's version. */
    private static final String LOAD_FRESH = LOAD.replace(" FROM article a ", ", a.version FROM article a ");
}
