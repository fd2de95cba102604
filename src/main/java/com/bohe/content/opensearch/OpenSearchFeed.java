package com.bohe.content.opensearch;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.article.Article;
import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.indexing.IndexedArticles;
import com.bohe.content.search.IndexedArticle;
import com.bohe.content.search.SearchConfig;

/**
 * Feeds the OpenSearch index from the change log, once for every instance: the instance that holds the lease in
 * {@code search_feed} (taken through PostgreSQL, renewed every round, taken over by another when it runs out)
 * indexes what {@code content_change} logged since the feed's position, with the bulk API, and moves the position
 * only once OpenSearch has taken every document. A failed round (OpenSearch away, a bulk item refused) moves
 * nothing: the worker backs off and reads the same changes again, so an outage loses no change and never fails a
 * write. Vectors are the stored ones ({@code article_embedding}); nothing is embedded here.
 *
 * <p>With no index yet, another format ({@link ArticleMapping#FORMAT}), an index gone, or a position older than
 * the change log keeps, the feeder builds a new index beside the old one and then flips the alias searches read:
 * searches never see a half-built index. Every instance reads the feed's row each round: searches through it are
 * complete ({@link #complete()}) once a build has flipped the alias.
 */
@ApplicationScoped
public class OpenSearchFeed {

    private static final Logger LOG = Logger.getLogger(OpenSearchFeed.class);
    static final String NAME = "opensearch";
    private static final int PAGE = 500;
    private static final int CHANGES = 5_000;
    /** Commits that come late by at most this much are still read (their log ids were drawn before they committed). */
    private static final Duration LOOK_BACK = Duration.ofSeconds(10);
    /** The change log keeps a day (ContentIndexer.forgetOldChanges); a feed behind by more is rebuilt. */
    private static final Duration LOG_KEPT = Duration.ofHours(23);

    @Inject
    SearchConfig search;
    @Inject
    OpenSearchConfig config;
    @Inject
    OpenSearchClient client;
    @Inject
    IndexedArticles articles;
    @Inject
    Background background;
    @Inject
    MeterRegistry registry;
    @Inject
    com.bohe.content.embedding.Embeddings embeddings;
    @Inject
    jakarta.enterprise.event.Event<ContentApplied> applied;

    /** This instance, as the lease names it. */
    private final String me = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private Worker worker;
    private volatile boolean complete;
    /** The feed's position as this instance last announced it; -1 before its first round. */
    private volatile long announced = -1;
    private volatile boolean leader;
    /** Seconds since the oldest change the feed has not indexed (0 when none waits), as of the last round. */
    private volatile double lagSeconds;
    /** The change-log rows of the last round's look-back, all indexed: not indexed again every round. */
    private Set<Long> lastApplied = Set.of();
    private Counter bulkFailures;

    /** Starts once the schema is there; nothing with the default backend. */
    void start(@Observes @jakarta.annotation.Priority(30) SchemaReady ready) {
        if (search.backend() != SearchConfig.Backend.opensearch) {
            return;
        }
        bulkFailures = Counter.builder("content.opensearch.bulk.failures")
                .description("Bulk requests to OpenSearch that failed or had an item refused; the feed retries them").register(registry);
        Gauge.builder("content.opensearch.feed.lag.seconds", this, f -> Math.max(0, f.lagSeconds))
                .description("Seconds since the oldest change not yet in OpenSearch (0 when it is caught up)").register(registry);
        Gauge.builder("content.opensearch.feed.leader", this, f -> f.leader ? 1 : 0)
                .description("1 on the instance that feeds OpenSearch").register(registry);
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("INSERT INTO search_feed (name) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, NAME).executeUpdate());
        if (search.blockingBuild()) {
            // As the in-process index does with this setting (the tests): the first build before serving.
            try {
                round();
            } catch (RuntimeException e) {
                LOG.errorf(e, "The first feed of OpenSearch failed; the feeder retries in the background");
            }
        }
        Duration interval = config.feedInterval();
        // Polls at its interval, at once when a write here wakes it; after a failure, again after 1 s doubling to 5 s:
        // a request every 5 s does not weigh on an OpenSearch that is away, and the feed goes on soon after it returns
        // (bench/opensearch-sharing.sh: with 30 s it took up to 30 s more after a 30 s outage).
        worker = background.start("opensearch-feeder", new Pace(1, Duration.ZERO, interval, interval,
                Duration.ofSeconds(1), Duration.ofSeconds(5), false), this::round);
    }

    /** A write made here is fed at once rather than at the next interval. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        Worker w = worker;
        if (w != null) {
            w.wake();
        }
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(2));
        }
        if (leader) {
            try {
                QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager(Article.class)
                        .createNativeQuery("UPDATE search_feed SET leased_until = NULL WHERE name = ?1 AND leader = ?2")
                        .setParameter(1, NAME).setParameter(2, me).executeUpdate());
            } catch (RuntimeException e) {
                LOG.debugf("The feed's lease was not given back; it runs out: %s", e.getMessage());
            }
        }
    }

    /** Whether the alias names a complete index: searches through it find every published article. */
    public boolean complete() {
        return complete;
    }

    public boolean leader() {
        return leader;
    }

    /** The change-log position up to which this instance has announced what the feed applied (-1 before its first round). */
    public long announced() {
        return announced;
    }

    /** The index's health as OpenSearch last said it (green, yellow, red), "missing", or "unreachable". */
    public String health() {
        return health;
    }

    private volatile String health = "unknown";

    private String clusterHealth() {
        try {
            JsonNode answer = client.call("GET", "/_cluster/health/" + config.index() + "?timeout=0s", null);
            return answer == null ? "missing" : answer.path("status").asText("unknown");
        } catch (OpenSearchClient.Unavailable e) {
            // 408 or 503 with a status: the index's health all the same.
            return "unreachable";
        } catch (OpenSearchClient.Refused e) {
            return "refused";
        }
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    /** The feed's row. */
    record State(String index, String format, long position, Instant lookBackFrom, boolean complete) {
    }

    /** Reads the feed's state; with the lease (and this instance doing shared work), feeds. */
    int round() {
        State state = read();
        complete = state.complete();
        health = clusterHealth();
        announce(state);
        if (!background.sharedWork() || !lease()) {
            leader = false;
            return 0;
        }
        if (!leader) {
            LOG.infof("This instance feeds OpenSearch (%s), from change-log position %d", config.index(), state.position());
        }
        leader = true;
        String reason = rebuildReason(state);
        if (reason != null) {
            return rebuild(reason);
        }
        return catchUp(state);
    }

    /** The feed's row, and how long its oldest change not yet indexed has waited (whoever feeds it). */
    private State read() {
        Object[] row = (Object[]) QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT f.index_name, f.format, f.position, f.look_back_from, f.complete, "
                        + "coalesce(extract(epoch FROM now() - (SELECT min(c.changed_at) FROM content_change c WHERE c.id > f.position)), 0) "
                        + "FROM search_feed f WHERE f.name = ?1")
                .setParameter(1, NAME).getSingleResult());
        lagSeconds = ((Number) row[5]).doubleValue();
        return new State((String) row[0], (String) row[1], ((Number) row[2]).longValue(), instant(row[3]), (Boolean) row[4]);
    }

    /**
     * Tells this instance what the feed has applied since the last round, whoever fed it: the changes between the
     * position seen then and now, as ContentApplied (pages of searches and related answers go; related lists are
     * computed again). A rebuild, or more than a page of changes, is announced as a change of every article.
     */
    private void announce(State state) {
        long from = announced;
        announced = state.position();
        if (from < 0 || state.position() <= from) {
            return;
        }
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT entity, entity_id FROM content_change WHERE id > ?1 AND id <= ?2 ORDER BY id LIMIT " + CHANGES,
                        Object[].class)
                .setParameter(1, from).setParameter(2, state.position()).getResultList());
        Map<ContentKind, Set<Long>> byKind = new java.util.EnumMap<>(ContentKind.class);
        for (Object[] row : rows) {
            ContentKind kind = ContentKind.of((String) row[0]).orElse(null);
            if (kind != null) {
                byKind.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(((Number) row[1]).longValue());
            }
        }
        Set<Long> articleIds = byKind.getOrDefault(ContentKind.ARTICLE, new LinkedHashSet<>());
        byKind.forEach((kind, ids) -> {
            if (kind != ContentKind.ARTICLE) {
                articleIds.addAll(IndexedArticles.referring(kind, ids));
            }
        });
        if (rows.size() == CHANGES) {
            articleIds.clear(); // too many to name: every page goes, the lists are refreshed by their scan
        }
        applied.fire(new ContentApplied(ContentKind.ARTICLE, List.copyOf(articleIds), ContentApplied.Origin.CATCH_UP));
    }

    /** Takes or renews the lease; false when another instance holds it. */
    private boolean lease() {
        int taken = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("UPDATE search_feed SET leader = ?2, leased_until = now() + make_interval(secs => ?3) "
                        + "WHERE name = ?1 AND (leader = ?2 OR leased_until IS NULL OR leased_until < now())")
                .setParameter(1, NAME).setParameter(2, me).setParameter(3, (double) config.lease().toMillis() / 1000)
                .executeUpdate());
        return taken == 1;
    }

    private String rebuildReason(State state) {
        if (state.index() == null) {
            return "there is no index yet";
        }
        if (!ArticleMapping.FORMAT.equals(state.format())) {
            return "it was built as " + state.format() + ", and this version indexes " + ArticleMapping.FORMAT;
        }
        if (!client.exists("/" + state.index())) {
            return "its index " + state.index() + " is gone";
        }
        if (state.lookBackFrom().isBefore(Instant.now().minus(LOG_KEPT))) {
            return "it was last fed at " + state.lookBackFrom() + ", and the change log keeps a day";
        }
        return null;
    }

    /** Where the change log ends, and the database's time. */
    private record LogEnd(long maxId, Instant now) {
    }

    /**
     * A new index, filled from the database while the old one serves, then the alias flipped to it and the old one
     * deleted. Changes logged meanwhile are after the position recorded, or within its look-back: the next rounds
     * index them.
     */
    private int rebuild(String reason) {
        long started = System.nanoTime();
        LOG.infof("Building the OpenSearch index %s: %s", config.index(), reason);
        Object[] end = (Object[]) QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT coalesce(max(id), 0), now() FROM content_change").getSingleResult());
        LogEnd log = new LogEnd(((Number) end[0]).longValue(), instant(end[1]));
        String name = config.index() + "-" + System.currentTimeMillis();
        client.call("PUT", "/" + name, ArticleMapping.index(config.shards(), config.replicas()));
        int count = 0;
        try {
            long after = 0;
            while (true) {
                List<IndexedArticle> page = articles.publishedAfter(after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                bulk(name, page, List.of(), false, log.maxId());
                count += page.size();
                after = page.get(page.size() - 1).id();
                if (!lease()) {
                    throw new IllegalStateException("the feed's lease was lost during the build");
                }
            }
            client.call("POST", "/" + name + "/_refresh", null);
            flip(name);
        } catch (RuntimeException e) {
            try {
                client.call("DELETE", "/" + name, null);
            } catch (RuntimeException ignored) {
                // it is deleted by the next build's clean-up, or stays unnamed by the alias
            }
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("UPDATE search_feed SET index_name = ?2, format = ?3, position = ?4, look_back_from = ?5, "
                        + "complete = true, fed_at = now() WHERE name = ?1 AND leader = ?6")
                .setParameter(1, NAME).setParameter(2, name).setParameter(3, ArticleMapping.FORMAT)
                .setParameter(4, log.maxId()).setParameter(5, OffsetDateTime.ofInstant(log.now().minus(LOOK_BACK), ZoneOffset.UTC))
                .setParameter(6, me).executeUpdate());
        complete = true;
        lastApplied = Set.of();
        // Articles without a current vector were queued to be embedded; with foreground embedding (the tests), now.
        embeddings.settle();
        LOG.infof("OpenSearch index %s built: %d articles in %d ms; the alias %s names it now", name, count,
                (System.nanoTime() - started) / 1_000_000, config.index());
        return Math.max(1, count);
    }

    /** Points the alias at this index alone (one atomic request), then deletes the indexes it named before. */
    private void flip(String name) {
        JsonNode current = client.call("GET", "/_alias/" + config.index(), null);
        List<String> old = new ArrayList<>();
        if (current != null) {
            current.fieldNames().forEachRemaining(old::add);
        }
        List<Object> actions = new ArrayList<>();
        old.forEach(o -> actions.add(Map.of("remove", Map.of("index", o, "alias", config.index()))));
        actions.add(Map.of("add", Map.of("index", name, "alias", config.index())));
        client.call("POST", "/_aliases", Map.of("actions", actions));
        for (String o : old) {
            try {
                client.call("DELETE", "/" + o, null);
            } catch (RuntimeException e) {
                LOG.warnf("The old OpenSearch index %s was not deleted: %s", o, e.getMessage());
            }
        }
    }

    /**
     * Indexes the articles the changes logged since the position name (and re-reads the look-back for commits that
     * came late), then moves the position. Returns how many articles it indexed or deleted.
     */
    private int catchUp(State state) {
        // The changes after the position, a page at a time, and apart from them those at or before it that were
        // logged within the look-back (commits that came late). One query for both would page through the
        // look-back's old rows first and, when they fill a page, never reach the new ones.
        List<Object[]> read = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT c.id, c.entity, c.entity_id, t.now, c.late FROM (SELECT now() AS now) t LEFT JOIN LATERAL "
                        + "((SELECT id, entity, entity_id, false AS late FROM content_change WHERE id > ?1 ORDER BY id LIMIT " + CHANGES + ") "
                        + "UNION ALL (SELECT id, entity, entity_id, true FROM content_change WHERE id <= ?1 AND changed_at > ?2 "
                        + "ORDER BY id DESC LIMIT " + CHANGES + ")) c ON true ORDER BY c.id", Object[].class)
                .setParameter(1, state.position())
                .setParameter(2, OffsetDateTime.ofInstant(state.lookBackFrom(), ZoneOffset.UTC))
                .getResultList());
        Instant readAt = instant(read.get(0)[3]);
        List<Object[]> changes = read.get(0)[0] == null ? List.of() : read;
        Set<Long> ids = new LinkedHashSet<>();
        Map<ContentKind, Set<Long>> others = new java.util.EnumMap<>(ContentKind.class);
        Set<Long> seen = new HashSet<>();
        long maxId = state.position();
        for (Object[] c : changes) {
            long changeId = ((Number) c[0]).longValue();
            seen.add(changeId);
            maxId = Math.max(maxId, changeId);
            if (lastApplied.contains(changeId)) {
                continue;
            }
            ContentKind kind = ContentKind.of((String) c[1]).orElse(null);
            long entityId = ((Number) c[2]).longValue();
            if (kind == ContentKind.ARTICLE) {
                ids.add(entityId);
            } else if (kind != null) {
                others.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(entityId);
            }
        }
        others.forEach((kind, entityIds) -> ids.addAll(IndexedArticles.referring(kind, entityIds)));
        List<Long> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += PAGE) {
            List<Long> batch = all.subList(i, Math.min(all.size(), i + PAGE));
            List<IndexedArticle> present = articles.published(batch);
            if (embeddings.settle() > 0) {
                // Foreground embedding (the tests): what reading queued is embedded now, and indexed with its vector,
                // not a round later. In background mode a vector stored later is a change of its own.
                present = articles.published(batch);
            }
            Set<Long> gone = new LinkedHashSet<>(batch);
            present.forEach(a -> gone.remove(a.id()));
            bulk(config.index(), present, gone, true, maxId);
        }
        long position = maxId;
        // A full read may stop short of the look-back's end: the window moves only after a read that saw everything.
        long fresh = changes.stream().filter(c -> !Boolean.TRUE.equals(c[4])).count();
        Instant lookBackFrom = fresh < CHANGES ? readAt.minus(LOOK_BACK) : state.lookBackFrom();
        int moved = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("UPDATE search_feed SET position = ?2, look_back_from = ?3, fed_at = now() "
                        + "WHERE name = ?1 AND leader = ?4")
                .setParameter(1, NAME).setParameter(2, position)
                .setParameter(3, OffsetDateTime.ofInstant(lookBackFrom, ZoneOffset.UTC)).setParameter(4, me).executeUpdate());
        if (moved == 1) {
            lastApplied = seen;
        }
        return all.size();
    }

    /**
     * One bulk request: these articles indexed, those ids deleted. Throws when OpenSearch did not take all of it
     * (a deletion of a document it does not have is fine): the round is retried as a whole, and indexing is
     * idempotent. With {@code refresh}, the documents are searchable when it returns.
     *
     * <p>Every operation carries the change-log position it was read at as an external version: a feeder that
     * lost its lease while paused (a long GC, say) and writes late cannot put back an older state over what the
     * next feeder wrote (OpenSearch refuses it with 409, which is fine here).
     */
    private void bulk(String index, Collection<IndexedArticle> present, Collection<Long> gone, boolean refresh, long version) {
        if (present.isEmpty() && gone.isEmpty()) {
            return;
        }
        ObjectMapper json = client.json();
        StringBuilder body = new StringBuilder();
        try {
            for (IndexedArticle a : present) {
                body.append(json.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", Long.toString(a.id()),
                        "version", version, "version_type", "external_gte")))).append('\n');
                body.append(json.writeValueAsString(ArticleMapping.document(a))).append('\n');
            }
            for (Long id : gone) {
                body.append(json.writeValueAsString(Map.of("delete", Map.of("_index", index, "_id", Long.toString(id),
                        "version", version, "version_type", "external_gte")))).append('\n');
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        JsonNode answer;
        try {
            answer = client.bulk(body.toString(), refresh);
        } catch (RuntimeException e) {
            bulkFailures.increment();
            throw e;
        }
        if (answer != null && answer.path("errors").asBoolean(false)) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                int status = result.path("status").asInt();
                // 404: deleting what is not there; 409: a later feed wrote it already.
                if (status >= 300 && status != 409 && !(item.has("delete") && status == 404)) {
                    bulkFailures.increment();
                    throw new OpenSearchClient.Unavailable("OpenSearch did not take document " + result.path("_id").asText()
                            + " (" + status + "): " + result.path("error"), null);
                }
            }
        }
    }


    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value == null) {
            return Instant.EPOCH;
        }
        throw new IllegalStateException("Not a time: " + value);
    }
}
