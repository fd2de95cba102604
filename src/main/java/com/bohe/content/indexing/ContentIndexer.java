package com.bohe.content.indexing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

import com.bohe.content.background.Background;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Worker;
import com.bohe.content.editing.ChangesLogged;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentApplied.Origin;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.article.Article;
import com.bohe.content.database.SchemaReady;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.embedding.ArticlesEmbedded;
import com.bohe.content.embedding.Embeddings;
import com.bohe.content.hospital.Hospital;
import com.bohe.content.search.ArticleIndex;
import com.bohe.content.search.IndexedArticle;
import com.bohe.content.search.NameIndex;
import com.bohe.content.search.SearchConfig;
import com.bohe.content.search.SearchIndexes;

/**
 * Keeps this instance's search indexes equal to the database. At startup it builds them in the background (the
 * API serves from the database meanwhile); after that it applies every change: at once for changes made here,
 * through {@link #changed}, the one hook the write API calls, and within the catch-up interval for changes made
 * by other instances, which it reads from the trigger-written content_change log.
 */
@ApplicationScoped
public class ContentIndexer {

    private static final Logger LOG = Logger.getLogger(ContentIndexer.class);
    private static final int PAGE = 1_000;

    @Inject
    SearchIndexes indexes;
    @Inject
    SearchConfig config;
    @Inject
    Event<ContentApplied> applied;
    @Inject
    Event<ChangesLogged> logged;
    @Inject
    Embeddings embeddings;
    @Inject
    IndexedArticles articles;

    private static final long NO_BUILD = Long.MIN_VALUE;
    private static final Duration BUILD_RETRY = Duration.ofSeconds(5);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(60);
    /** How long the change log keeps a change (forgetOldChanges), and the margin a kept index must leave to it. */
    private static final Duration LOG_KEPT = Duration.ofDays(1);
    private static final Duration LOG_MARGIN = Duration.ofHours(1);
    /** Commits that happen late by at most this much are still read (their ids were drawn before they committed). */
    private static final Duration LOOK_BACK = Duration.ofSeconds(10);
    /** How often a kept index is written to its directory when changes were applied. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(30);
    /**
     * After this long with no write, an index of more than {@link #MERGE_ABOVE_SEGMENTS} segments is merged into one
     * in the background (after a large import and its embedding, say): each segment is searched on its own.
     */
    private static final Duration MERGE_WHEN_QUIET = Duration.ofSeconds(30);
    private static final int MERGE_ABOVE_SEGMENTS = 4;

    @Inject
    Background background;

    private Worker worker;
    /** When the build is due (System.nanoTime), or NO_BUILD. */
    private volatile long buildAt = NO_BUILD;
    private volatile long nextForget;
    /** A failure the next application of a change throws; for tests of what a failed re-index leaves behind. */
    private volatile RuntimeException failNext;
    private volatile long lastChange;
    /** The change-log rows the last catch-up read, all applied. */
    private volatile Set<Long> caughtUp = Set.of();
    /**
     * The database's time of the last read of the change log, less the look-back: with {@link #lastChange}, where a
     * kept index goes on from (every change up to lastChange applied, any logged after this read again).
     */
    private volatile Instant lookBackFrom = Instant.EPOCH;
    /** The position of the last checkpoint of a kept index, and when it was written (System.nanoTime). */
    private volatile long checkpointed = -1;
    private volatile long checkpointedAt = System.nanoTime();
    /** Whether the kept index was tried: only the first build of a process may restore it. */
    private volatile boolean restoreTried;
    private volatile String database;
    /** Whether the last checkpoint was written (on shutdown), so that it is written once. */
    private volatile boolean stopped;

    /**
     * One worker builds the indexes and then, every interval, reads the change log through into them; started before
     * any event, since the schema may be ready (and the build due) before this bean sees StartupEvent.
     */
    @PostConstruct
    void createWorker() {
        nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
        worker = background.start("search-indexer", Pace.polling(config.catchUpInterval()), this::round);
    }

    /** Builds the indexes once the schema is there (after the demo content, if it loads). */
    void buildOnReady(@Observes @jakarta.annotation.Priority(20) SchemaReady event) {
        if (config.blockingBuild()) {
            build();
        } else {
            buildAt = System.nanoTime();
            worker.wake();
        }
    }

    /**
     * The last checkpoint of a kept index, on shutdown: before the container destroys its beans, since the index
     * may be closed before this one is. The worker stops first, so that nothing is applied after the position read.
     */
    void checkpointOnShutdown(@Observes @jakarta.annotation.Priority(1) ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
        }
        if (indexes.ready() && !stopped) {
            stopped = true;
            try {
                checkpoint();
            } catch (RuntimeException e) {
                LOG.warnf("The search index could not be written on the way out; the next start catches up from its last commit: %s", e.getMessage());
            }
        }
    }

    /** Writes a kept index with its change-log position (nothing for a temporary one). */
    private void checkpoint() {
        long position = lastChange;
        indexes.articles().checkpoint(position, lookBackFrom, database);
        checkpointed = position;
        checkpointedAt = System.nanoTime();
    }

    /** The build when it is due (retried every 5 s until it succeeds), else a catch-up; old changes hourly. */
    private int round() {
        long build = buildAt;
        if (build != NO_BUILD && System.nanoTime() - build >= 0) {
            try {
                int count = build();
                buildAt = NO_BUILD;
                return count;
            } catch (RuntimeException e) {
                LOG.error("Search index build failed; lists and search serve from the database until a retry succeeds", e);
                buildAt = System.nanoTime() + BUILD_RETRY.toNanos();
                return 0;
            }
        }
        if (System.nanoTime() - nextForget >= 0) {
            nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
            forgetOldChanges();
        }
        catchUpQuietly();
        if (indexes.ready() && indexes.articles().mergeWhenQuiet(MERGE_WHEN_QUIET, MERGE_ABOVE_SEGMENTS)) {
            // The merge runs in the background: the searcher still sees the segments it had.
            LOG.infof("The search index has %d segments and no writes for %d s: merging them into one in the background",
                    indexes.articles().segments(), MERGE_WHEN_QUIET.toSeconds());
        }
        if (indexes.ready() && indexes.articles().kept() && lastChange != checkpointed
                && System.nanoTime() - checkpointedAt >= CHECKPOINT_EVERY.toNanos()) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                LOG.warnf("The search index could not be written to its directory, retrying: %s", e.getMessage());
            }
        }
        return 0;
    }

    /** The change hook: makes a change of one entity visible in search and related lists right away. */
    public void changed(ContentKind entity, long id) {
        apply(entity, List.of(id), Origin.WRITE);
    }

    /** Every write announces its change; this applies it once the transaction has committed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        if (!change.ids().isEmpty()) {
            apply(change.entity(), change.ids(), Origin.WRITE);
        }
    }

    /** Makes the next application of a change to the index fail; for tests. */
    void failNextApply(RuntimeException failure) {
        failNext = failure;
    }

    /**
     * Readies every index: the kept article index, caught up from the change log, when this process's first build
     * finds one that can be ({@link #restore}); else built from the database. Returns how many articles it indexed or
     * restored.
     */
    public int build() {
        if (!restoreTried) {
            restoreTried = true;
            Integer restored = restore();
            if (restored != null) {
                return restored;
            }
        }
        return rebuild();
    }

    /** Where the change log stands: its last id, the database's time, and which database it is (a hash of its sync key). */
    private record LogState(long maxId, Instant now, String database) {
    }

    private LogState logState() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT (SELECT coalesce(max(id), 0) FROM content_change), now(), "
                        + "(SELECT encode(sha256(key), 'hex') FROM sync_key)").getSingleResult());
        return new LogState(((Number) row[0]).longValue(), instant(row[1]), String.valueOf(row[2]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value);
    }

    /**
     * Opens the kept index where its last commit left it and applies the changes logged since; null (and the index
     * emptied, the reason logged) when there is none, or it cannot be caught up: written from another database, or
     * older than the change log keeps.
     */
    private Integer restore() {
        if (!localArticles()) {
            return null;
        }
        ArticleIndex index = indexes.articles();
        ArticleIndex.Restored kept = index.restored();
        if (kept == null) {
            if (index.rebuildReason() != null) {
                LOG.infof("Search index rebuilt from the database: %s", index.rebuildReason());
            }
            return null;
        }
        long started = System.nanoTime();
        LogState log = logState();
        String reason = null;
        if (!log.database().equals(kept.database())) {
            reason = "it was built from another database";
        } else if (kept.lookBackFrom().isBefore(log.now().minus(LOG_KEPT).plus(LOG_MARGIN))) {
            reason = "it was last written at " + kept.lookBackFrom() + " and the change log keeps changes for " + LOG_KEPT.toHours() + " hours";
        } else if (kept.position() > log.maxId()) {
            reason = "the change log ends (" + log.maxId() + ") before its position (" + kept.position() + "): the database was restored";
        }
        if (reason != null) {
            LOG.infof("Search index rebuilt from the database: %s", reason);
            index.clear();
            return null;
        }
        database = log.database();
        int changes = 0;
        long cursor = 0;
        long position = kept.position();
        while (true) {
            long from = cursor;
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                    .createNativeQuery("SELECT id, entity, entity_id, created FROM content_change WHERE (id > ?1 OR changed_at > ?2) "
                            + "AND id > ?3 ORDER BY id LIMIT 5000", Object[].class)
                    .setParameter(1, kept.position()).setParameter(2, java.time.OffsetDateTime.ofInstant(kept.lookBackFrom(), java.time.ZoneOffset.UTC))
                    .setParameter(3, from).getResultList());
            if (rows.isEmpty()) {
                break;
            }
            applyLogged(rows, Set.of(), Origin.CATCH_UP);
            changes += rows.size();
            cursor = ((Number) rows.get(rows.size() - 1)[0]).longValue();
            position = Math.max(position, cursor);
        }
        lastChange = Math.max(position, log.maxId());
        lookBackFrom = log.now().minus(LOOK_BACK);
        buildNames();
        // Articles kept without their vector (the embedder had not reached them): attached from the database now,
        // or queued to be embedded.
        List<Long> withoutVector = index.idsWithoutVector();
        for (int i = 0; i < withoutVector.size(); i += PAGE) {
            reindexArticles(withoutVector.subList(i, Math.min(withoutVector.size(), i + PAGE)));
        }
        int count = index.documents();
        checkpoint();
        lastBuildSeconds = (System.nanoTime() - started) / 1e9;
        // Said before the instance is ready, so that whoever waits for ready finds it in the log.
        LOG.infof("Search index restored: %d articles (%d with their embedding) from its directory, at change-log position %d; "
                + "%d logged changes applied in %d ms", count, index.vectors(), kept.position(), changes,
                (System.nanoTime() - started) / 1_000_000);
        indexes.markReady();
        embeddings.settle();
        return count;
    }

    /** Builds every index from the database; returns how many articles it indexed. */
    private int rebuild() {
        long started = System.nanoTime();
        LogState log = logState();
        lastChange = log.maxId();
        lookBackFrom = log.now().minus(LOOK_BACK);
        database = log.database();
        int count = 0;
        long after = 0;
        // With another backend, articles are searched there: this instance keeps the names alone.
        while (localArticles()) {
            long from = after;
            List<IndexedArticle> page = articles.publishedAfter(from, PAGE);
            if (page.isEmpty()) {
                break;
            }
            indexes.articles().putBulk(page);
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
        indexes.articles().commit(lastChange, lookBackFrom, database);
        checkpointed = lastChange;
        checkpointedAt = System.nanoTime();
        buildNames();
        lastBuildSeconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("Search index built: %d articles in %d ms, %d with their embedding", count,
                (System.nanoTime() - started) / 1_000_000, indexes.articles().vectors());
        indexes.markReady();
        embeddings.settle();
        return count;
    }

    /** The names of diseases, doctors and hospitals: small, built from the database at every start. */
    private void buildNames() {
        QuarkusTransaction.requiringNew().run(() -> {
            indexes.names().put(Disease.<Disease>listAll().stream().map(ContentIndexer::named).toList());
            indexes.names().put(Doctor.<Doctor>listAll().stream().map(d -> new NameIndex.Named("doctor", d.id, List.of(d.name))).toList());
            indexes.names().put(Hospital.<Hospital>listAll().stream().map(h -> new NameIndex.Named("hospital", h.id, List.of(h.name))).toList());
        });
    }

    /** Applies the changes logged since the last look, and re-reads the last seconds for commits that came late. */
    public void catchUp() {
        // One statement, with the database's time of the read on every row (and alone on one row when nothing
        // changed): where a kept index may go on from.
        List<Object[]> read = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery("SELECT c.id, c.entity, c.entity_id, c.created, t.now FROM (SELECT now() AS now) t LEFT JOIN LATERAL "
                        + "(SELECT id, entity, entity_id, created FROM content_change WHERE id > ?1 OR changed_at > now() - interval '10 seconds' "
                        + "ORDER BY id LIMIT 5000) c ON true ORDER BY c.id", Object[].class)
                .setParameter(1, lastChange)
                .getResultList());
        Instant readAt = instant(read.get(0)[4]);
        List<Object[]> changes = read.get(0)[0] == null ? List.of() : read;
        if (changes.isEmpty()) {
            lookBackFrom = readAt.minus(LOOK_BACK);
            return;
        }
        // The look-back window returns the same rows for ten seconds: apply each once, so that caches are not
        // dropped again every interval for a change already applied.
        Set<Long> seen = new java.util.HashSet<>();
        changes.forEach(c -> seen.add(((Number) c[0]).longValue()));
        applyLogged(changes, caughtUp, Origin.CATCH_UP);
        lastChange = Math.max(lastChange, changes.stream().mapToLong(c -> ((Number) c[0]).longValue()).max().orElse(0));
        // A full read (5,000 rows) may stop short of the look-back's end: the window is only moved by a read that
        // saw everything.
        if (changes.size() < 5000) {
            lookBackFrom = readAt.minus(LOOK_BACK);
        }
        caughtUp = seen;
    }

    /**
     * Applies change-log rows (id, entity, entity id, created), kind by kind, but those already applied. Caches hear
     * of the entities only created apart from the others (an entity created, then changed, is among the others).
     */
    private void applyLogged(List<Object[]> changes, Set<Long> applied, Origin origin) {
        for (ContentKind entity : ContentKind.values()) {
            Set<Long> ids = new LinkedHashSet<>();
            Set<Long> changedOtherwise = new java.util.HashSet<>();
            for (Object[] change : changes) {
                if (entity.key().equals(change[1]) && !applied.contains(((Number) change[0]).longValue())) {
                    long id = ((Number) change[2]).longValue();
                    ids.add(id);
                    if (!Boolean.TRUE.equals(change[3])) {
                        changedOtherwise.add(id);
                    }
                }
            }
            if (!ids.isEmpty()) {
                // Caches of reads first: they must not wait on the index, nor stay stale when it fails.
                List<Long> created = ids.stream().filter(id -> !changedOtherwise.contains(id)).toList();
                List<Long> others = ids.stream().filter(changedOtherwise::contains).toList();
                if (!created.isEmpty()) {
                    logged.fire(new ChangesLogged(entity, created, true));
                }
                if (!others.isEmpty()) {
                    logged.fire(new ChangesLogged(entity, others));
                }
                apply(entity, ids, origin);
            }
        }
    }

    private void apply(ContentKind entity, Collection<Long> ids, Origin origin) {
        if (failNext != null) {
            RuntimeException failure = failNext;
            failNext = null;
            throw failure;
        }
        switch (entity) {
            case ARTICLE -> reindexArticles(ids);
            case DISEASE -> applyNames("disease", ids, () -> Disease.<Disease>list("id in ?1", ids).stream()
                    .map(ContentIndexer::named).toList());
            case DOCTOR -> applyNames("doctor", ids, () -> Doctor.<Doctor>list("id in ?1", ids).stream()
                    .map(d -> new NameIndex.Named("doctor", d.id, List.of(d.name))).toList());
            case HOSPITAL -> applyNames("hospital", ids, () -> Hospital.<Hospital>list("id in ?1", ids).stream()
                    .map(h -> new NameIndex.Named("hospital", h.id, List.of(h.name))).toList());
            case DEPARTMENT -> {
                // not in the name index; their articles are re-indexed below
            }
        }
        if (entity != ContentKind.ARTICLE) {
            // Articles carry the names of their department, diseases and reviewer in the index.
            List<Long> referring = IndexedArticles.referring(entity, ids);
            if (!referring.isEmpty()) {
                apply(ContentKind.ARTICLE, referring, origin);
            }
        }
        // With a shared index (OpenSearch) articles are applied by its feed, which announces them once they are there.
        if (entity != ContentKind.ARTICLE || localArticles()) {
            applied.fire(new ContentApplied(entity, List.copyOf(ids), origin));
        }
    }

    /** Puts the published ones of these articles in the index as the database has them, with their stored vectors, and removes the others. */
    private void reindexArticles(Collection<Long> ids) {
        if (!localArticles()) {
            return;
        }
        List<IndexedArticle> present = articles.published(ids);
        Set<Long> gone = new LinkedHashSet<>(ids);
        present.forEach(a -> gone.remove(a.id()));
        indexes.articles().put(present);
        indexes.articles().remove(gone);
    }

    /** Whether this instance keeps its own index of articles: with the Lucene backend only. */
    private boolean localArticles() {
        return config.backend() == SearchConfig.Backend.lucene;
    }

    /** Stored vectors become searchable again with their articles. */
    void onEmbedded(@Observes ArticlesEmbedded event) {
        if (indexes.ready()) {
            apply(ContentKind.ARTICLE, event.ids(), Origin.EMBEDDING);
        }
    }

    private void applyNames(String kind, Collection<Long> ids, java.util.function.Supplier<List<NameIndex.Named>> load) {
        List<NameIndex.Named> present = QuarkusTransaction.requiringNew().call(load::get);
        indexes.names().put(present);
        Set<Long> gone = new LinkedHashSet<>(ids);
        present.forEach(n -> gone.remove(n.id()));
        gone.forEach(id -> indexes.names().remove(kind, id));
    }

    private static NameIndex.Named named(Disease d) {
        List<String> names = new ArrayList<>(List.of(d.name));
        names.addAll(d.aliases);
        return new NameIndex.Named("disease", d.id, names);
    }

    /** Seconds since the change log was last read through (0 until the index is built). */
    public double catchUpLagSeconds() {
        return indexes.ready() ? (System.nanoTime() - lastCaughtUp) / 1e9 : 0;
    }

    /** How long the last build of the indexes took, in seconds (0 before the first). */
    public double lastBuildSeconds() {
        return lastBuildSeconds;
    }

    private volatile long lastCaughtUp = System.nanoTime();
    private volatile double lastBuildSeconds;

    private void catchUpQuietly() {
        if (!indexes.ready()) {
            lastCaughtUp = System.nanoTime();
            return;
        }
        try {
            long started = System.nanoTime();
            catchUp();
            lastCaughtUp = started;
        } catch (RuntimeException e) {
            LOG.debugf("Search catch-up failed, retrying: %s", e.getMessage());
        }
    }

    private void forgetOldChanges() {
        try {
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager(Article.class)
                    .createNativeQuery("DELETE FROM content_change WHERE changed_at < now() - interval '1 day'").executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf("Could not delete old content changes: %s", e.getMessage());
        }
    }
}
