package com.bohe.content.article;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.api.HttpCaching;

/**
 * Published articles as ready JSON, so that a read costs no query and no serialisation: the bytes before and
 * after the view count, which is spliced in live. An entry goes when the change hook or the catch-up applies a
 * change of the article, or of anything an article names (a disease, a doctor, a department); other instances'
 * changes therefore show within the catch-up interval.
 */
@ApplicationScoped
public class ArticleDetailCache {

    /** A published article as JSON, split around its view count. */
    public record Entry(long id, String slug, Instant publishedAt, Instant lastModified, String etag, long storedViews,
            byte[] head, byte[] tail) {

        public boolean publicAt(Instant now) {
            return publishedAt != null && !publishedAt.isAfter(now);
        }

        public byte[] withViewCount(long viewCount) {
            byte[] count = Long.toString(viewCount).getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(head, head.length + count.length + tail.length);
            System.arraycopy(count, 0, out, head.length, count.length);
            System.arraycopy(tail, 0, out, head.length + count.length, tail.length);
            return out;
        }
    }

    private static final long MARK = Long.MIN_VALUE;
    private static final byte[] MARK_FIELD = ("\"viewCount\":" + MARK).getBytes(StandardCharsets.US_ASCII);

    @Inject
    ObjectMapper json;
    @Inject
    ArticleConfig config;

    ArticleDetailCache(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "content.cache.article-bytes",
            defaultValue = "134217728") long maxBytes) {
        byId = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Long id, Optional<Entry> entry) -> 64 + entry.map(e -> e.head().length + e.tail().length).orElse(0))
                .expireAfterWrite(Duration.ofMinutes(10))
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
        return QuarkusTransaction.requiringNew().call(() -> Article.<Article>find("select distinct a from Article a "
                + "left join fetch a.department left join fetch a.reviewer r left join fetch r.hospital "
                + "left join fetch a.diseases where a.id = ?1 and a.status = ?2", id, ArticleStatus.published)
                .firstResultOptional().map(this::entry));
    }

    private Entry entry(Article article) {
        ArticleDetail detail = ArticleDetail.from(article, 0, config.disclaimer()).withViewCount(MARK);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int at = indexOf(bytes, MARK_FIELD);
        int countAt = at + MARK_FIELD.length - Long.toString(MARK).length();
        byte[] head = Arrays.copyOfRange(bytes, 0, countAt);
        byte[] tail = Arrays.copyOfRange(bytes, at + MARK_FIELD.length, bytes.length);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(head);
        content.writeBytes(tail);
        String etag = "\"" + article.version + "-" + HttpCaching.hash(content.toByteArray()) + "\"";
        return new Entry(article.id, article.slug, article.publishedAt, lastModified(article), etag, article.viewCount,
                head, tail);
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

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("viewCount not found in the article's JSON");
    }
}
