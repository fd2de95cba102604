package com.bohe.content.article;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.compress.LZ4;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.api.HttpCaching;

/**
 * Published articles as ready JSON, so that a read costs no query and no serialisation: the bytes before and
 * after the view count, which is spliced in live. An entry goes when the change hook or the catch-up applies a
 * change of the article, or of anything an article names (a disease, a doctor, a department); other instances'
 * changes therefore show within the catch-up interval.
 */
@ApplicationScoped
public class ArticleDetailCache {

    /**
     * A published article as JSON, split around its view count and kept LZ4-compressed (about 60% of its size,
     * so that a hundred thousand articles fit in about 140 MB).
     */
    public record Entry(long id, String slug, Instant publishedAt, Instant lastModified, String lastModifiedHeader,
            String etag, long storedViews, byte[] packed, int headLength, int tailLength) {

        public boolean publicAt(Instant now) {
            return publishedAt != null && !publishedAt.isAfter(now);
        }

        public byte[] withViewCount(long viewCount) {
            byte[] count = Long.toString(viewCount).getBytes(StandardCharsets.US_ASCII);
            byte[] plain = SCRATCH.get();
            if (plain.length < headLength + tailLength) {
                plain = new byte[headLength + tailLength];
                SCRATCH.set(plain);
            }
            try {
                LZ4.decompress(new ByteArrayDataInput(packed), headLength + tailLength, plain, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("A cached article could not be decompressed", e);
            }
            byte[] out = new byte[headLength + count.length + tailLength];
            System.arraycopy(plain, 0, out, 0, headLength);
            System.arraycopy(count, 0, out, headLength, count.length);
            System.arraycopy(plain, headLength, out, headLength + count.length, tailLength);
            return out;
        }
    }

    /** Per thread: the decompressed bytes of the entry being served, before the count is spliced in. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    private static final int WARM_CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(ArticleDetailCache.class);

    private static final long MARK = Long.MIN_VALUE;
    private static final byte[] MARK_FIELD = ("\"viewCount\":" + MARK).getBytes(StandardCharsets.US_ASCII);

    @Inject
    ObjectMapper json;
    @Inject
    ArticleConfig config;

    /** Bumped by every invalidation: a warm-up chunk that raced with one does not keep what it loaded. */
    private final AtomicLong generation = new AtomicLong();
    private final boolean warm;

    ArticleDetailCache(@ConfigProperty(name = "content.cache.article-bytes", defaultValue = "167772160") long maxBytes,
            @ConfigProperty(name = "content.cache.article-warm", defaultValue = "true") boolean warm) {
        this.warm = warm;
        byId = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Long id, Optional<Entry> entry) -> 160 + entry.map(e -> e.packed().length).orElse(0))
                .build();
    }

    /** Empty for an id that is not a published article (a draft, or nothing). Bounded by bytes, not entries. */
    private final Cache<Long, Optional<Entry>> byId;
    private final Cache<String, Long> idBySlug = Caffeine.newBuilder().maximumSize(20_000).build();

    /** @return the cached entry, or null when this id has not been looked up yet */
    public Optional<Entry> cached(long id) {
        return byId.getIfPresent(id);
    }

    /** Loads on a miss: blocking. */
    public Optional<Entry> get(long id) {
        return byId.get(id, this::load);
    }

    public Long cachedId(String slug) {
        return idBySlug.getIfPresent(slug);
    }

    /** Loads on a miss: blocking. */
    public Optional<Entry> getBySlug(String slug) {
        Long id = idBySlug.getIfPresent(slug);
        if (id == null) {
            id = QuarkusTransaction.requiringNew().call(() -> Article.<Article>find("slug = ?1 and status = ?2", slug,
                    ArticleStatus.published).project(IdOnly.class).firstResultOptional().map(IdOnly::id).orElse(null));
            if (id == null) {
                return Optional.empty();
            }
            idBySlug.put(slug, id);
        }
        return get(id);
    }

    /** A projection for the slug lookup. */
    public record IdOnly(Long id) {
    }

    void onApplied(@Observes ContentApplied change) {
        generation.incrementAndGet();
        if ("article".equals(change.entity())) {
            byId.invalidateAll(change.ids());
        } else {
            // An article shows the names of its department, diseases and reviewer: drop them all, it is cheap to refill.
            byId.invalidateAll();
        }
        idBySlug.invalidateAll();
    }

    /** One query for the article and everything its detail shows of others: a miss costs one round trip. */
    private Optional<Entry> load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> articles(List.of(id)).stream().findFirst().map(this::entry));
    }

    private static List<Article> articles(List<Long> ids) {
        // A list, not a stream: rows of a fetched collection would come as partial entities.
        return Article.<Article>find("select distinct a from Article a left join fetch a.department "
                + "left join fetch a.reviewer r left join fetch r.hospital left join fetch a.diseases "
                + "where a.id in ?1 and a.status = ?2", ids, ArticleStatus.published).list();
    }

    void warmOnStart(@Observes @jakarta.annotation.Priority(30) SchemaReady event) {
        if (warm) {
            Thread thread = new Thread(this::warmQuietly, "article-cache-warm");
            thread.setDaemon(true);
            thread.start();
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
    public void warm() {
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
        ArticleDetail detail = ArticleDetail.from(article, 0, config.disclaimer()).withViewCount(MARK);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int at = indexOf(bytes, MARK_FIELD, 0);
        int countAt = at + MARK_FIELD.length - Long.toString(MARK).length();
        byte[] head = Arrays.copyOfRange(bytes, 0, countAt);
        byte[] tail = Arrays.copyOfRange(bytes, at + MARK_FIELD.length, bytes.length);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(head);
        content.writeBytes(tail);
        byte[] unpacked = content.toByteArray();
        String etag = "\"" + article.version + "-" + HttpCaching.hash(unpacked) + "\"";
        Instant lastModified = lastModified(article);
        return new Entry(article.id, article.slug, article.publishedAt, lastModified,
                lastModified == null ? null : HttpCaching.httpDate(lastModified), etag, article.viewCount,
                compress(unpacked), head.length, tail.length);
    }

    /** LZ4 (Lucene's), high-compression tables: slower to pack, once; as fast as memory to unpack, every read. */
    private static byte[] compress(byte[] bytes) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            LZ4.compress(bytes, 0, bytes.length, out, new LZ4.HighCompressionHashTable());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toArrayCopy();
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

    /** Where part first occurs in bytes at or after from; the JSON of a count cut out is always there. */
    static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("a view count was not found in the JSON written");
    }
}
