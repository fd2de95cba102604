package com.bohe.content.article.read;

import java.net.URI;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageLinks;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.article.ArticleCursorPage;
import com.bohe.content.article.ArticleQuery;
import com.bohe.content.article.ArticleSummary;
import com.bohe.content.article.PopularArticle;

/**
 * Lists of articles: pages as computed ({@link ArticleQueries}), kept briefly when every reader asks the same
 * ({@link ListCache}), with the view count every item shows ({@link PublicArticleCounts#live}). A read the same for
 * everyone (no token, whole items) is answered as ready JSON whose tag leaves counts out ({@link Responder}), kept
 * or not; a read with a token gets the records.
 */
@ApplicationScoped
public class ArticleLists {

    @Inject
    ArticleQueries queries;
    @Inject
    ListCache lists;
    @Inject
    PublicArticleCounts counts;
    @Inject
    Responder responder;
    @Inject
    ObjectMapper json;

    /** A page with live counts: kept briefly when it is the first page of a public list, or a public search. */
    public Page<ArticleSummary> page(ArticleQuery query, PageParams params) {
        ListKey key = queries.pageKey(query, params);
        return key == null ? queries.page(query, params).map(this::live)
                : lists.page(key, () -> queries.page(query, params)).map(this::live);
    }

    /** A cursor page of public articles, kept briefly, with live counts. */
    public ArticleCursorPage feed(ArticleQuery query, String cursor, int limit) {
        return lists.feed(queries.feedKey(query, cursor, limit), () -> queries.feed(query, cursor, limit)).map(this::live);
    }

    /**
     * A page of the most viewed public articles of the last {@code days} days, kept as the other list pages are
     * (its two aggregates run once per five seconds and instance, however many ask), with live counts.
     */
    public Page<PopularArticle> popular(int days, PageParams params) {
        return lists.popular(new PopularKey(days, params.page, params.size), () -> queries.popular(days, params))
                .map(this::live);
    }

    /** The answer of a kept page, without blocking; a miss when it is not kept (or never is). */
    Lookup<Answer> cachedPageAnswer(ArticleQuery query, PageParams params, URI uri, String ifNoneMatch) {
        ListKey key = queries.pageKey(query, params);
        return key == null ? Lookup.miss() : cachedAnswer(key, uri, ifNoneMatch);
    }

    /** The answer of a kept cursor page, without blocking; a miss when it is not kept. */
    Lookup<Answer> cachedFeedAnswer(ArticleQuery query, String cursor, int limit, String ifNoneMatch) {
        return cachedAnswer(queries.feedKey(query, cursor, limit), null, ifNoneMatch);
    }

    private Lookup<Answer> cachedAnswer(ListKey key, URI uri, String ifNoneMatch) {
        return lists.cachedPage(key) instanceof Lookup.Hit<ListCache.CachedPage<?>> hit
                ? Lookup.hit(answer(hit.value(), uri, ifNoneMatch)) : Lookup.miss();
    }

    /** The answer of a page of public articles, the same for every reader; computed on a miss: blocking. */
    public Answer pageAnswer(ArticleQuery query, PageParams params, URI uri, String ifNoneMatch) {
        ListKey key = queries.pageKey(query, params);
        Supplier<Page<ArticleSummary>> load = () -> inTransaction(() -> queries.page(query, params));
        return answer(key == null ? ListCache.CachedPage.of(load.get()) : lists.page(key, load), uri, ifNoneMatch);
    }

    /** The answer of a cursor page of public articles, the same for every reader; computed on a miss: blocking. */
    public Answer feedAnswer(ArticleQuery query, String cursor, int limit, String ifNoneMatch) {
        return answer(lists.feed(queries.feedKey(query, cursor, limit), () -> inTransaction(() -> queries.feed(query, cursor, limit))),
                null, ifNoneMatch);
    }

    private Answer answer(ListCache.CachedPage<?> page, URI uri, String ifNoneMatch) {
        String link = page.body instanceof Page<?> offset && uri != null ? PageLinks.header(uri, offset) : null;
        return responder.page(page, page.ready(json), uri == null ? "/articles" : uri.getPath(), link, page.lastModified,
                ifNoneMatch);
    }

    private ArticleSummary live(ArticleSummary item) {
        return item.withViewCount(counts.live(item.id(), item.viewCount()));
    }

    /** A load for an answer: in a transaction of its own, whether the route or the resource asks. */
    private static <T> T inTransaction(Supplier<T> load) {
        return QuarkusTransaction.requiringNew().call(load::get);
    }
}
