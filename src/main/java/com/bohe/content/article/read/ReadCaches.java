package com.bohe.content.article.read;

import java.util.Collection;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.bohe.content.editing.ChangesLogged;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.related.RelatedStored;

/**
 * The caches of public reads as one: what a change drops (once its transaction commits here, or once the change log
 * shows it, another instance's within the catch-up interval, whether or not the search index then applies it),
 * their names for the metrics, and emptying them.
 */
@ApplicationScoped
public class ReadCaches {

    @Inject
    DetailCache details;
    @Inject
    ItemCache items;
    @Inject
    ListCache lists;
    @Inject
    RelatedCache related;
    @Inject
    PublicArticleCounts counts;

    /** The caches of reads, by name, for their metrics. */
    public java.util.Map<String, com.github.benmanes.caffeine.cache.Cache<?, ?>> caches() {
        java.util.Map<String, com.github.benmanes.caffeine.cache.Cache<?, ?>> all = new java.util.LinkedHashMap<>();
        details.caches(all::put);
        items.caches(all::put);
        lists.caches(all::put);
        related.caches(all::put);
        counts.caches(all::put);
        return all;
    }

    /** List items loaded from the database since start, for lists of any kind (the item cache's misses). */
    public long itemsLoaded() {
        return items.loaded();
    }

    /** A change committed on this instance: before anything else observes it. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(1) ContentChanged change) {
        evict(change.entity(), change.ids(), change.created());
    }

    /** A change read from the log, before the search index applies it. */
    void onLogged(@Observes ChangesLogged change) {
        evict(change.entity(), change.ids(), change.created());
    }

    /** Pages of searches come from the index: they go again once it has applied a change. */
    void onIndexed(@Observes ContentApplied change) {
        lists.evictAll();
        related.evictAnswers();
    }

    void onRelatedStored(@Observes RelatedStored stored) {
        related.evict(stored.articleIds());
    }

    private void evict(ContentKind entity, Collection<Long> ids, boolean created) {
        if (entity == ContentKind.ARTICLE) {
            details.evict(ids);
            items.evict(ids);
            related.evict(ids);
            // A view of an article just unpublished or published must not wait for the count refresh.
            ids.forEach(counts::invalidate);
        } else if (!created) {
            // Articles show the names of their department, diseases and reviewer: drop them all, cheap to refill.
            // One just created is shown by no article yet (an import of new departments kept nothing warm).
            details.evictAll();
            items.evictAll();
        }
        lists.evictAll();
        related.evictAnswers();
    }

    /** Drops every kept page and related answer; for tests that count statements. */
    public void evictPages() {
        lists.evictAll();
        related.evictAnswers();
    }

    /** Empties every cache of reads; for tests that count statements. */
    public void evictAll() {
        details.evictAll();
        items.evictAll();
        lists.evictAll();
        related.evictAll();
    }
}
