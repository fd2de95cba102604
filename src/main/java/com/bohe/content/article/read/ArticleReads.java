package com.bohe.content.article.read;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.editing.ChangesLogged;
import com.bohe.content.editing.ContentApplied;
import com.bohe.content.editing.ContentChanged;
import com.bohe.content.api.Page;
import com.bohe.content.api.PageLinks;
import com.bohe.content.api.ResourceNotFoundException;
import com.bohe.content.article.ArticleCursorPage;
import com.bohe.content.article.ArticleService;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.ListKey;
import com.bohe.content.article.PopularArticle;
import com.bohe.content.article.RelatedArticle;
import com.bohe.content.article.RelatedArticles;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.related.RelatedLists;
import com.bohe.content.related.RelatedStored;
import com.bohe.content.related.StoredList;
import com.bohe.content.search.RelatedHit;

/**
 * The one read path of public articles, shared by the REST resource and the HTTP route: ready JSON of details and
 * pages, list items, stored related lists, live view counts ({@link PublicArticleCounts#live}), and the HTTP
 * answers ({@link Responder}). Caches drop what a change names once its transaction commits here, or once the
 * change log shows it (another instance's, within the catch-up interval), whether or not the search index then
 * applies it.
 */
@ApplicationScoped
public class ArticleReads {

    /** Items loaded beyond what a related list shows, for those that are not public any more. */
    private static final int RELATED_SPARE = 3;

    @Inject
    DetailCache details;
    @Inject
    ItemCache items;
    @Inject
    ListCache lists;
    @Inject
    PublicArticleCounts counts;
    @Inject
    Responder responder;
    @Inject
    RelatedLists related;
    @Inject
    ObjectMapper json;

    // Details

    /** The answer for a public article whose JSON is cached, without blocking; a miss when it is not cached. */
    public Lookup<Answer> cachedDetail(long id, String ifNoneMatch, String ifModifiedSince) {
        return answer(details.cached(id), ifNoneMatch, ifModifiedSince);
    }

    /**
     * The answer for a public article, loaded on a miss (one statement): blocking.
     *
     * @throws ResourceNotFoundException when it is not public
     */
    public Answer detail(long id, String ifNoneMatch, String ifModifiedSince) {
        return detail(id, "id " + id, ifNoneMatch, ifModifiedSince);
    }

    /** As {@link #detail(long, String, String)}, with the 404's text naming what was asked (a slug, say). */
    public Answer detail(long id, String asked, String ifNoneMatch, String ifModifiedSince) {
        return found(answer(details.get(id), ifNoneMatch, ifModifiedSince), asked);
    }

    /** As {@link #detail}, after {@link #cachedDetail} missed (one miss counted, not two): blocking. */
    public Answer detailAfterMiss(long id, String ifNoneMatch, String ifModifiedSince) {
        return found(answer(details.getAfterMiss(id), ifNoneMatch, ifModifiedSince), "id " + id);
    }

    /** The id cached for a slug, without blocking. */
    public Lookup<Long> cachedSlug(String slug) {
        return details.cachedId(slug);
    }

    /** As {@link #detail}, by slug: blocking. */
    public Answer detailBySlug(String slug, String ifNoneMatch, String ifModifiedSince) {
        return found(answer(details.getBySlug(slug), ifNoneMatch, ifModifiedSince), "slug " + slug);
    }

    private Lookup<Answer> answer(Lookup<DetailCache.Entry> entry, String ifNoneMatch, String ifModifiedSince) {
        if (entry instanceof Lookup.Hit<DetailCache.Entry> hit) {
            return hit.value().publicAt(Instant.now())
                    ? Lookup.hit(responder.detail(hit.value(), ifNoneMatch, ifModifiedSince))
                    : Lookup.absent();
        }
        return entry.isMiss() ? Lookup.miss() : Lookup.absent();
    }

    private static Answer found(Lookup<Answer> answer, String key) {
        if (answer instanceof Lookup.Hit<Answer> hit) {
            return hit.value();
        }
        throw new ResourceNotFoundException("article", key);
    }

    /** The caches of reads, by name, for their metrics. */
    public java.util.Map<String, com.github.benmanes.caffeine.cache.Cache<?, ?>> caches() {
        java.util.Map<String, com.github.benmanes.caffeine.cache.Cache<?, ?>> all = new java.util.LinkedHashMap<>();
        details.caches(all::put);
        items.caches(all::put);
        lists.caches(all::put);
        counts.caches(all::put);
        return all;
    }

    /** List items loaded from the database since start, for lists of any kind (the item cache's misses). */
    public long itemsLoaded() {
        return items.loaded();
    }

    /** The view count a reader sees of an article whose stored count was this. */
    public long viewCount(long id, long stored) {
        return counts.live(id, stored);
    }

    // Lists

    /** Public articles by id, in order, with their stored view counts (for building a page); blocking. */
    public List<ArticleSummary> items(List<Long> ids) {
        return items.get(ids);
    }

    /** The item with the view count a reader sees. */
    public ArticleSummary live(ArticleSummary item) {
        return item.withViewCount(counts.live(item.id(), item.viewCount()));
    }

    public Page<ArticleSummary> live(Page<ArticleSummary> page) {
        return page.map(this::live);
    }

    /** A page kept briefly under this key (first pages, searches), loaded on a miss, with live counts. */
    public Page<ArticleSummary> page(ListKey key, Supplier<Page<ArticleSummary>> load) {
        return lists.page(key, load).map(this::live);
    }

    /** A cursor page kept briefly under this key, loaded on a miss, with live counts. */
    public ArticleCursorPage feed(ListKey key, Supplier<ArticleCursorPage> load) {
        return lists.feed(key, load).map(this::live);
    }

    /** A popular page kept briefly under this key, loaded on a miss (once, however many ask meanwhile), with live counts. */
    public Page<PopularArticle> popular(ArticleService.PopularKey key, Supplier<Page<PopularArticle>> load) {
        return lists.popular(key, load).map(this::live);
    }

    /** The HTTP answer of a kept page or cursor page, without blocking; a miss when it is not kept. */
    Lookup<Answer> cachedPageAnswer(ListKey key, URI uri, String ifNoneMatch) {
        Lookup<ListCache.CachedPage<?>> page = lists.cachedPage(key);
        return page instanceof Lookup.Hit<ListCache.CachedPage<?>> hit ? Lookup.hit(pageAnswer(hit.value(), uri, ifNoneMatch))
                : Lookup.miss();
    }

    /** The HTTP answer of a page, loaded on a miss: blocking. */
    public Answer pageAnswer(ListKey key, Supplier<Page<ArticleSummary>> load, URI uri, String ifNoneMatch) {
        return pageAnswer(lists.page(key, load), uri, ifNoneMatch);
    }

    /** The HTTP answer of a cursor page, loaded on a miss: blocking. */
    public Answer feedAnswer(ListKey key, Supplier<ArticleCursorPage> load, String ifNoneMatch) {
        return pageAnswer(lists.feed(key, load), null, ifNoneMatch);
    }

    private Answer pageAnswer(ListCache.CachedPage<?> page, URI uri, String ifNoneMatch) {
        String link = page.body instanceof Page<?> offset && uri != null ? PageLinks.header(uri, offset) : null;
        return responder.page(page, page.ready(json), uri == null ? "/articles" : uri.getPath(), link, page.lastModified,
                ifNoneMatch);
    }

    // Related lists

    /** The list with stored view counts: what the ready JSON of the route is built from. */
    private RelatedArticles storedRelated(long id, int limit) {
        StoredList list = lists.cachedRelated(id).orElse(null);
        if (list == null || !(counts.cached(id) instanceof Lookup.Hit)) {
            StoredList.Found found = related.find(id).orElseThrow(() -> new ResourceNotFoundException("article", "id " + id));
            counts.known(id, found.viewCount());
            list = found.list();
            if (!list.hits().isEmpty()) {
                lists.keepRelated(list);
            }
        }
        Map<Long, RelatedHit> hits = new HashMap<>();
        list.hits().forEach(h -> hits.put(h.id(), h));
        return new RelatedArticles(shown(list.hits().stream().map(RelatedHit::id).toList(), limit).stream()
                .map(item -> RelatedArticle.of(item, hits.get(item.id()).score(), hits.get(item.id()).reasons()))
                .toList());
    }

    /**
     * The first {@code limit} public items of a stored list, best first. Items are loaded a few more than needed at
     * a time, not all 50: a first read of a list loaded 50 articles to show 10.
     */
    private List<ArticleSummary> shown(List<Long> ids, int limit) {
        List<ArticleSummary> shown = new ArrayList<>();
        int from = 0;
        while (shown.size() < limit && from < ids.size()) {
            int to = Math.min(ids.size(), from + limit - shown.size() + RELATED_SPARE);
            shown.addAll(items.get(ids.subList(from, to)));
            from = to;
        }
        return shown.size() > limit ? shown.subList(0, limit) : shown;
    }

    /** The HTTP answer of a related list kept as ready JSON, without blocking; a miss when it is not kept. */
    public Lookup<Answer> cachedRelatedAnswer(long id, int limit, String ifNoneMatch) {
        if (!(counts.cached(id) instanceof Lookup.Hit)) {
            return Lookup.miss();
        }
        Lookup<ListCache.ReadyRelated> ready = lists.cachedReadyRelated(id, limit);
        return ready instanceof Lookup.Hit<ListCache.ReadyRelated> hit
                ? Lookup.hit(responder.related(id, hit.value(), ifNoneMatch)) : Lookup.miss();
    }

    /** The HTTP answer of a related list, built on a miss: blocking. */
    public Answer relatedAnswer(long id, int limit, String ifNoneMatch) {
        return responder.related(id, lists.readyRelated(id, limit, storedRelated(id, limit), json), ifNoneMatch);
    }

    // Eviction

    /** A change committed on this instance: before anything else observes it. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(1) ContentChanged change) {
        evict(change.entity(), change.ids());
    }

    /** A change read from the log, before the search index applies it. */
    void onLogged(@Observes ChangesLogged change) {
        evict(change.entity(), change.ids());
    }

    /** Pages of searches come from the index: they go again once it has applied a change. */
    void onIndexed(@Observes ContentApplied change) {
        lists.evictPages();
    }

    void onRelatedStored(@Observes RelatedStored stored) {
        lists.evictRelated(stored.articleIds());
    }

    private void evict(ContentKind entity, Collection<Long> ids) {
        if (entity == ContentKind.ARTICLE) {
            details.evict(ids);
            items.evict(ids);
            lists.evictRelated(ids);
            // A view of an article just unpublished or published must not wait for the count refresh.
            ids.forEach(counts::invalidate);
        } else {
            // Articles show the names of their department, diseases and reviewer: drop them all, cheap to refill.
            details.evictAll();
            items.evictAll();
        }
        lists.evictPages();
    }

    /** Drops every kept page; for tests that count statements. */
    public void evictPages() {
        lists.evictPages();
    }

    /** Empties every cache of reads; for tests that count statements. */
    public void evictAll() {
        details.evictAll();
        items.evictAll();
        lists.evictAll();
    }
}
