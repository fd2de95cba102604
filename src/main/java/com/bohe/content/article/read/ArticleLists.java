package com.bohe.content.article.read;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageLinks;
import com.bohe.content.article.ArticleCursorPage;
import com.bohe.content.article.ArticleService;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.ListKey;
import com.bohe.content.article.PopularArticle;

/**
 * Lists of public articles: their items ({@link ItemCache}), pages kept briefly ({@link ListCache}) and their
 * answers (ready JSON whose tag leaves counts out, by {@link Responder}), and the view count every item shows
 * ({@link PublicArticleCounts#live}).
 */
@ApplicationScoped
public class ArticleLists {

    @Inject
    ItemCache items;
    @Inject
    ListCache lists;
    @Inject
    PublicArticleCounts counts;
    @Inject
    Responder responder;
    @Inject
    ObjectMapper json;

    /** The view count a reader sees of an article whose stored count was this. */
    public long viewCount(long id, long stored) {
        return counts.live(id, stored);
    }

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
}
