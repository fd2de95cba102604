package com.bohe.content.suggest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.background.Background;
import com.bohe.content.background.Budget;
import com.bohe.content.background.Pace;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.department.Department;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.search.Pinyin;

/**
 * Suggestions as readers type: answered from {@link SuggestIndex} on the heap and kept per query for a short
 * while (as JSON, so that {@link SuggestRoute} answers a query asked before on the event loop), so a keystroke
 * costs no statement. The index is built in the background at start, again within
 * {@link #REBUILD} of a change applied to the search index (this instance's writes and other instances', by the
 * change log), and every {@link #REFRESH} for popularity. Popularity: an article's views; a disease's published
 * articles; a doctor's reviewed published articles; a hospital's doctors.
 */
@ApplicationScoped
public class Suggestions {

    static final Duration REBUILD = Duration.ofSeconds(2);
    static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(Suggestions.class);

    @Inject
    Background background;

    private volatile SuggestIndex index;
    private volatile long builtAt;
    private final AtomicBoolean changed = new AtomicBoolean(true);
    /** Spellings by text, kept from one build to the next (pinyin4j is the build's main cost). */
    private Map<String, List<Pinyin.Spelling>> spellings = new HashMap<>();
    /** An answer as sent: the JSON, its ETag, and when the index it came from was built. */
    record Kept(byte[] json, String etag, String lastModified) {
    }

    /**
     * Answers by query and limit, and by the query string as sent ({@link SuggestRoute} replays those without
     * parsing it); emptied by every build, and short-lived so that scheduled articles come due. Bounded by bytes:
     * the keys are what clients send.
     */
    private final Cache<String, Kept> answers = Caffeine.newBuilder().maximumWeight(8 << 20)
            .weigher((String key, Kept kept) -> 2 * key.length() + kept.json().length + 96)
            .expireAfterWrite(Duration.ofSeconds(30)).build();
    private final Cache<String, Kept> asSent = Caffeine.newBuilder().maximumWeight(8 << 20)
            .weigher((String key, Kept kept) -> 2 * key.length() + 96)
            .expireAfterWrite(Duration.ofSeconds(30)).build();
    private volatile String builtAtHeader = HttpCaching.httpDate(Instant.now());

    @Inject
    ObjectMapper json;

    void start(@Observes SchemaReady event) {
        background.start("suggestions", Pace.polling(REBUILD).belowRequests(true), this::maybeBuild);
    }

    void onApplied(@Observes ContentApplied applied) {
        if (applied.origin() != ContentApplied.Origin.EMBEDDING) {
            changed.set(true);
        }
    }

    /** The suggestions for a query: empty until the first build is done. */
    public SuggestionList suggest(String q, int limit) {
        SuggestIndex current = index;
        if (current == null) {
            return new SuggestionList(List.of());
        }
        return new SuggestionList(current.find(q, limit, Instant.now()).stream()
                .map(m -> new SuggestionList.Item(m.entry().kind().key(), m.entry().id(), m.entry().name(), m.highlight(),
                        m.entry().slug()))
                .toList());
    }

    /** The answer for a query, as JSON; kept by the query string as sent too (null: not kept that way). */
    Kept answer(String q, int limit, String sent) {
        Kept kept = answers.get(limit + ":" + q, key -> {
            try {
                byte[] body = json.writeValueAsBytes(suggest(q, limit));
                return new Kept(body, "\"" + HttpCaching.hash(body) + "\"", builtAtHeader);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        if (sent != null && index != null) {
            asSent.put(sent, kept);
        }
        return kept;
    }

    /** An answer kept by the query string as sent, or null. */
    Kept kept(String sent) {
        return asSent.getIfPresent(sent);
    }

    /**
     * Builds when something changed or the popularity is old. One build at a time: a build that loaded before a
     * change and ended after a newer one put its older index in place (SuggestTest saw it once the background round
     * waited for its share of the cores and so overlapped the test's own build).
     */
    synchronized int maybeBuild() {
        if (!changed.get() && System.nanoTime() - builtAt < REFRESH.toNanos()) {
            return 0;
        }
        changed.set(false);
        long started = System.nanoTime();
        List<SuggestIndex.Entry> entries = load();
        Map<String, List<Pinyin.Spelling>> previous = spellings;
        Map<String, List<Pinyin.Spelling>> next = new HashMap<>();
        SuggestIndex built = SuggestIndex.build(entries, (text, max) -> next.computeIfAbsent(max + ":" + text, key -> {
            List<Pinyin.Spelling> known = previous.get(key);
            if (known != null) {
                return known;
            }
            Budget.yieldToReaders(); // after an import, thousands of new titles are spelt
            return Pinyin.spellings(text, max);
        }));
        spellings = next;
        index = built;
        builtAtHeader = HttpCaching.httpDate(Instant.now());
        answers.invalidateAll();
        asSent.invalidateAll();
        builtAt = System.nanoTime();
        LOG.debugf("Suggestions built: %d entries in %d ms", built.size(), (builtAt - started) / 1_000_000);
        return built.size();
    }

    /** Build now, in the caller's thread (tests). */
    public void buildNow() {
        changed.set(true);
        maybeBuild();
    }

    private static final String DISEASES = "SELECT d.id, d.slug, d.name, d.aliases, (SELECT count(*) FROM article_disease ad "
            + "JOIN article a ON a.id = ad.article_id WHERE ad.disease_id = d.id AND a.status = 'published') FROM disease d";
    private static final String DOCTORS = "SELECT d.id, d.slug, d.name, (SELECT count(*) FROM article a "
            + "WHERE a.reviewer_id = d.id AND a.status = 'published') FROM doctor d";
    private static final String HOSPITALS = "SELECT h.id, h.slug, h.name, (SELECT count(*) FROM doctor d "
            + "WHERE d.hospital_id = h.id) FROM hospital h";
    private static final String ARTICLES = "SELECT id, slug, title, view_count, published_at FROM article "
            + "WHERE status = 'published'";

    @SuppressWarnings("unchecked")
    private static List<SuggestIndex.Entry> load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Panache.getEntityManager(Department.class);
            List<SuggestIndex.Entry> entries = new ArrayList<>();
            for (Object[] row : (List<Object[]>) em.createNativeQuery(DISEASES).getResultList()) {
                List<String> texts = new ArrayList<>();
                texts.add((String) row[2]);
                Object aliases = row[3];
                if (aliases instanceof String[] array) {
                    texts.addAll(Arrays.asList(array));
                } else if (aliases instanceof Object[] array) {
                    Arrays.stream(array).map(String::valueOf).forEach(texts::add);
                }
                texts.removeIf(t -> t == null || t.isBlank());
                entries.add(new SuggestIndex.Entry(ContentKind.DISEASE, id(row[0]), (String) row[1], List.copyOf(texts), id(row[4]), null));
            }
            for (Object[] row : (List<Object[]>) em.createNativeQuery(DOCTORS).getResultList()) {
                entries.add(new SuggestIndex.Entry(ContentKind.DOCTOR, id(row[0]), (String) row[1], List.of((String) row[2]), id(row[3]), null));
            }
            for (Object[] row : (List<Object[]>) em.createNativeQuery(HOSPITALS).getResultList()) {
                entries.add(new SuggestIndex.Entry(ContentKind.HOSPITAL, id(row[0]), (String) row[1], List.of((String) row[2]), id(row[3]), null));
            }
            for (Object[] row : (List<Object[]>) em.createNativeQuery(ARTICLES).getResultList()) {
                Object at = row[4];
                Instant from = at instanceof OffsetDateTime t ? t.toInstant() : (Instant) at;
                entries.add(new SuggestIndex.Entry(ContentKind.ARTICLE, id(row[0]), (String) row[1], List.of((String) row[2]), id(row[3]), from));
            }
            return entries;
        });
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }
}
