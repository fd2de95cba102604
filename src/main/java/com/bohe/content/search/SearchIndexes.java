package com.bohe.content.search;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.bohe.content.embedding.EmbeddingModel;

/**
 * This instance's search indexes. Until the first build (or the catch-up of a kept index) finishes,
 * {@link #ready()} is false and callers serve from the database instead.
 */
@ApplicationScoped
public class SearchIndexes {

    /**
     * Where the article index is kept across restarts ({@code CONTENT_INDEX_DIR}); without it, a temporary directory
     * built anew at every start.
     */
    @ConfigProperty(name = "content.index.dir")
    Optional<Path> directory;

    private ArticleIndex articles;
    private final NameIndex names = new NameIndex();
    private volatile boolean ready;

    @jakarta.inject.Inject
    com.bohe.content.background.Background background;
    @jakarta.inject.Inject
    SearchConfig config;

    @PostConstruct
    void open() {
        // Merges are background work: one at a time, within the budget of the embedder and the other catch-up work.
        BudgetedMerges merges = new BudgetedMerges(background.budget(), background.pool("search-index-merges", 1));
        // With another backend this index stays empty: a kept one is neither opened nor written, so that it is not
        // caught up later from a position it never applied.
        Optional<Path> kept = directory.filter(d -> config.backend() == SearchConfig.Backend.lucene);
        articles = new ArticleIndex(kept.orElse(null), kept.map(d -> ArticleIndex.format(EmbeddingModel.NAME)).orElse(null), merges);
    }

    public ArticleIndex articles() {
        return articles;
    }

    public NameIndex names() {
        return names;
    }

    public boolean ready() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }

    /** Back to building: searches fall back, and say so, until {@link #markReady()} (a rebuild; the tests). */
    public void markBuilding() {
        ready = false;
    }

    @PreDestroy
    void close() {
        articles.close();
        names.close();
    }
}
