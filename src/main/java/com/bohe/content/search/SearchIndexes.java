package com.bohe.content.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * This instance's search indexes. Until the first build finishes, {@link #ready()} is
 * false and callers serve from the database instead.
 */
@ApplicationScoped
public class SearchIndexes {

    private final ArticleIndex articles = new ArticleIndex();
    private final NameIndex names = new NameIndex();
    private volatile boolean ready;

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
