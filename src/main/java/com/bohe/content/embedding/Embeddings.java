package com.bohe.content.embedding;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

import com.bohe.content.background.Background;
import com.bohe.content.background.Budget;
import com.bohe.content.background.Pace;
import com.bohe.content.background.Step;
import com.bohe.content.background.Worker;
import com.bohe.content.search.IndexedArticle;

/**
 * Article and query embeddings for this instance. Articles are embedded in the background, in batches, from a
 * queue of ids (a write only adds its ids, so it never waits on the model and never fails because of it); vectors
 * are stored in PostgreSQL with the hash of their text and the model's name, so that unchanged text is never
 * embedded twice, by this instance or another. An article whose vector is not there yet is found by its text.
 */
@ApplicationScoped
public class Embeddings {

    private static final Logger LOG = Logger.getLogger(Embeddings.class);

    @Inject
    EmbeddingConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Event<ArticlesEmbedded> embedded;
    @Inject
    Background background;

    private EmbeddingStore store;
    /** The model, once loaded; a function so that the tests can put a failing one in its place. */
    private volatile Function<List<String>, List<float[]>> model;
    private volatile Function<List<String>, List<float[]>> loaded;
    private final Set<Long> queue = new LinkedHashSet<>();
    private Cache<String, float[]> queries;
    private volatile Worker worker;
    private volatile boolean modelUnavailable;
    private final AtomicLong embeddedCount = new AtomicLong();
    private final AtomicLong reusedCount = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile String lastError;

    EmbeddingStore store() {
        if (store == null) {
            store = new EmbeddingStore(dataSource);
        }
        return store;
    }

    /** Made before any event: the index may be built (and query this bean) before it sees StartupEvent. */
    @PostConstruct
    void createCache() {
        queries = Caffeine.newBuilder().maximumSize(config.queryCacheSize()).build();
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled() && config.background()) {
            // Catch-up work below the request threads; a write wakes it, and it looks at its queue every second.
            worker = background.startShared("embedder", Pace.catchUp(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    config.retryDelay()), this::step, this::backlog);
        }
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
        }
    }

    /**
     * The embedding of what a person searched for, or null while the model is not loaded (search is lexical then).
     * Repeated queries come from a cache.
     */
    public float[] query(String text) {
        if (!config.enabled() || text == null || text.isBlank()) {
            return null;
        }
        Function<List<String>, List<float[]>> m = config.background() ? model : model();
        if (m == null) {
            return null;
        }
        String key = text.strip();
        try {
            return queries.get(key, k -> m.apply(List.of(k)).get(0));
        } catch (RuntimeException e) {
            // A search never fails because of the model: it is lexical instead.
            LOG.debugf("A query could not be embedded: %s", e.getMessage());
            return null;
        }
    }

    /**
     * The articles with their stored vectors where those are current (same text, same model); the others are
     * queued to be embedded and go without a vector meanwhile.
     *
     * @param texts the text each article's vector is computed from ({@link EmbeddingText}), by id
     */
    public List<IndexedArticle> attach(List<IndexedArticle> articles, Map<Long, String> texts) {
        if (!config.enabled() || articles.isEmpty()) {
            return articles;
        }
        Map<Long, EmbeddingStore.Stored> stored;
        try {
            stored = store().find(articles.stream().map(IndexedArticle::id).toList());
        } catch (SQLException e) {
            LOG.debugf("Stored vectors could not be read, the articles are queued: %s", e.getMessage());
            enqueue(articles.stream().map(IndexedArticle::id).toList());
            return articles;
        }
        List<IndexedArticle> result = new ArrayList<>(articles.size());
        List<Long> current = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
        for (IndexedArticle article : articles) {
            EmbeddingStore.Stored v = stored.get(article.id());
            String text = texts.get(article.id());
            if (v != null && text != null && isCurrent(v, EmbeddingStore.hash(text))) {
                result.add(article.withVector(v.vector()));
                current.add(article.id());
            } else {
                result.add(article);
                stale.add(article.id());
            }
        }
        markEmbedded(current);
        enqueue(stale);
        return result;
    }

    /** Queues articles to be embedded; returns at once. */
    public void enqueue(Collection<Long> ids) {
        // With CONTENT_BACKGROUND=false another instance embeds them: it learns of every change through the change
        // log, and this one learns of the stored vectors the same way.
        if (!config.enabled() || ids.isEmpty() || config.background() && !background.sharedWork()) {
            return;
        }
        synchronized (queue) {
            queue.addAll(ids);
        }
        Worker w = worker;
        if (w != null) {
            w.wake();
        }
    }

    /** Embeds everything queued, on the calling thread; returns how many articles were embedded or found current. */
    public int drain() {
        int done = 0;
        while (true) {
            int n = embedBatch();
            if (n < 0) {
                throw new IllegalStateException("Embedding failed: " + lastError);
            }
            if (n == 0 && backlog() == 0) {
                return done;
            }
            done += n;
        }
    }

    /**
     * In foreground mode (the tests), embeds what is queued now; in background mode the worker does it. Returns how
     * many articles it embedded or found current (0 in background mode).
     */
    public int settle() {
        return config.enabled() && !config.background() ? drain() : 0;
    }

    public int backlog() {
        synchronized (queue) {
            return queue.size();
        }
    }

    public EmbeddingStatus status() {
        return new EmbeddingStatus(EmbeddingModel.NAME, config.enabled(), model != null, backlog(), embeddedCount.get(),
                reusedCount.get(), failedBatches.get(), lastError);
    }

    /** Puts another model in place of bge-small-zh, e.g. one that fails (tests); null puts bge-small-zh back. */
    void useModel(Function<List<String>, List<float[]>> replacement) {
        model = replacement != null ? replacement : loaded;
        queries.invalidateAll();
    }

    private boolean isCurrent(EmbeddingStore.Stored v, String hash) {
        return EmbeddingModel.NAME.equals(v.model()) && hash.equals(v.contentHash());
    }

    private Function<List<String>, List<float[]>> model() {
        Function<List<String>, List<float[]>> m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null && loaded != null) {
                    model = loaded;
                }
                if (model == null) {
                    long started = System.nanoTime();
                    EmbeddingModel bge = new EmbeddingModel();
                    loaded = bge::embedAll;
                    model = loaded;
                    LOG.infof("Embedding model %s loaded in %d ms", EmbeddingModel.NAME, (System.nanoTime() - started) / 1_000_000);
                }
                m = model;
            }
        }
        return m;
    }

    /** One batch: returns how many articles it settled, 0 when the queue is empty, -1 when it failed. */
    private int embedBatch() {
        List<Long> ids = new ArrayList<>();
        synchronized (queue) {
            Iterator<Long> it = queue.iterator();
            while (it.hasNext() && ids.size() < config.batchSize()) {
                ids.add(it.next());
                it.remove();
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            List<EmbeddingStore.Source> sources = store().sources(ids);
            Map<Long, EmbeddingStore.Stored> stored = store().find(ids);
            List<EmbeddingStore.Source> missing = new ArrayList<>();
            List<Long> settled = new ArrayList<>();
            for (EmbeddingStore.Source source : sources) {
                EmbeddingStore.Stored v = stored.get(source.articleId());
                if (v != null && isCurrent(v, source.hash())) {
                    // Another instance, or an earlier run, embedded this text already.
                    settled.add(source.articleId());
                    reusedCount.incrementAndGet();
                } else {
                    missing.add(source);
                }
            }
            if (!missing.isEmpty()) {
                // One text at a time (each is one inference anyway), so that readers who queue get the cores back
                // between two of them.
                List<float[]> vectors = new ArrayList<>(missing.size());
                for (EmbeddingStore.Source source : missing) {
                    vectors.add(model().apply(List.of(source.text())).get(0));
                    Budget.yieldToReaders();
                }
                List<EmbeddingStore.Stored> rows = new ArrayList<>();
                for (int i = 0; i < missing.size(); i++) {
                    EmbeddingStore.Source source = missing.get(i);
                    rows.add(new EmbeddingStore.Stored(source.articleId(), source.hash(), EmbeddingModel.NAME, vectors.get(i)));
                }
                store().save(rows);
                embeddedCount.addAndGet(rows.size());
                missing.forEach(s -> settled.add(s.articleId()));
            }
            markEmbedded(settled);
            if (!settled.isEmpty()) {
                embedded.fire(new ArticlesEmbedded(List.copyOf(settled)));
            }
            // Drafts and deleted articles leave the queue without a vector.
            return ids.size();
        } catch (SQLException | RuntimeException e) {
            failedBatches.incrementAndGet();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Embedding a batch of %d articles failed, to be retried: %s", ids.size(), lastError);
            synchronized (queue) {
                queue.addAll(ids);
            }
            return -1;
        }
    }

    private void markEmbedded(List<Long> ids) {
        try {
            store().markEmbedded(ids);
        } catch (SQLException e) {
            LOG.debugf("Could not mark imported articles as embedded: %s", e.getMessage());
        }
    }

    /** The worker's round: the model loaded (once), then one batch; a failed batch is retried after a back-off. */
    private int step() {
        if (modelUnavailable) {
            return Step.FINISHED;
        }
        try {
            model();
        } catch (RuntimeException | LinkageError e) {
            modelUnavailable = true;
            lastError = "the model did not load: " + e.getMessage();
            LOG.error("The embedding model did not load; search and related lists stay lexical", e);
            return Step.FINISHED;
        }
        int n = embedBatch();
        if (n < 0) {
            throw new IllegalStateException("an embedding batch failed: " + lastError);
        }
        return n;
    }
}
