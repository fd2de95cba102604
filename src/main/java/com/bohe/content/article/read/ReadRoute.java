package com.bohe.content.article.read;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.http.RouteOrder;
import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.HttpConfig;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.article.ArticleQuery;
import com.bohe.content.api.problem.ProblemMapper;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.problem.RouteProblems;
import com.bohe.content.related.RelatedLists;

/**
 * The one way in for the public reads of articles: {@code GET /articles/{id}}, the first page of {@code GET
 * /articles} and of a search (no parameters but {@code q}, {@code size}, and {@code page=0}), cursor pages of
 * {@code GET /articles} (no parameters but {@code cursor} and {@code limit}), and {@code GET /articles/{id}/related}
 * (no parameter but {@code limit}), asked without a token. A kept answer is sent from the event loop; anything else
 * is built on a worker thread and sent from here too, a 404 or a failure as its problem ({@link
 * ProblemMapper#ofRoute}). What the route does not take (a token, another spelling such as {@code 01} or {@code
 * size=05}, other parameters, an Accept that does not take JSON) goes on to the resource, which answers a public
 * read through the same {@link ArticleDetails}, {@link ArticleLists} and {@link RelatedReads}: one rule for body,
 * ETag, Last-Modified and Surrogate-Key. Filters of the HTTP layer (compression, configured headers) have run
 * before these routes.
 */
@ApplicationScoped
public class ReadRoute {

    @Inject
    ArticleDetails details;
    @Inject
    ArticleLists lists;
    @Inject
    RelatedReads related;
    @Inject
    HttpConfig http;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.get("/articles/:id").order(RouteOrder.CACHED_READS).handler(this::detail);
        router.get("/articles").order(RouteOrder.CACHED_READS).handler(this::firstPage);
        router.get("/articles/:id/related").order(RouteOrder.CACHED_READS).handler(this::related);
    }

    void related(RoutingContext context) {
        HttpServerRequest request = context.request();
        long id = anonymousJson(request) ? canonicalId(context.pathParam("id")) : -1;
        int limit = id < 0 ? -1 : relatedLimit(context.queryParams());
        if (limit < 0) {
            context.next();
            return;
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (related.cachedRelatedAnswer(id, limit, ifNoneMatch) instanceof Lookup.Hit<Answer> hit) {
            hit.value().send(context, http.compressionThreshold());
            return;
        }
        // Plain reads, in no transaction (PlainReads): the stored list, then its items not cached.
        answerBlocking(context, () -> related.relatedAnswer(id, limit, ifNoneMatch));
    }

    /** The limit of a plain related list (1 to 50, default 10; nothing else), else -1. */
    static int relatedLimit(MultiMap query) {
        int limit = 10;
        for (String name : query.names()) {
            List<String> values = query.getAll(name);
            if (!name.equals("limit") || values.size() != 1 || !values.get(0).matches("[1-9][0-9]?")) {
                return -1;
            }
            limit = Integer.parseInt(values.get(0));
        }
        return limit <= RelatedLists.STORED ? limit : -1;
    }

    void detail(RoutingContext context) {
        HttpServerRequest request = context.request();
        long id = anonymousJson(request) ? canonicalId(context.pathParam("id")) : -1;
        if (id < 0) {
            context.next();
            return;
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        Lookup<Answer> answer = details.cachedDetail(id, ifNoneMatch, ifModifiedSince);
        if (answer instanceof Lookup.Hit<Answer> hit) {
            hit.value().send(context, http.compressionThreshold());
        } else if (answer.isMiss()) {
            // A first read: one statement on a worker thread, answered from here as well.
            answerBlocking(context, () -> details.detailAfterMiss(id, ifNoneMatch, ifModifiedSince));
        } else {
            RouteProblems.send(context, json, new ResourceNotFoundException("article", "id " + id));
        }
    }

    void firstPage(RoutingContext context) {
        HttpServerRequest request = context.request();
        MultiMap query = context.queryParams();
        boolean plain = anonymousJson(request);
        if (plain && query.contains("cursor")) {
            cursorPage(context, query);
            return;
        }
        Integer size = plain ? firstPageSize(query) : null;
        if (size == null) {
            context.next();
            return;
        }
        ArticleQuery articleQuery = new ArticleQuery(query.get("q"), null, null, null, null, null);
        PageParams params = new PageParams(0, size, null);
        URI uri = URI.create(request.uri());
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (lists.cachedPageAnswer(articleQuery, params, uri, ifNoneMatch) instanceof Lookup.Hit<Answer> hit) {
            hit.value().send(context, http.compressionThreshold());
            return;
        }
        answerBlocking(context, () -> lists.pageAnswer(articleQuery, params, uri, ifNoneMatch));
    }

    /** A cursor page of every public article (no parameters but {@code cursor} and {@code limit}). */
    private void cursorPage(RoutingContext context, MultiMap query) {
        int limit = cursorLimit(query);
        if (limit < 0) {
            context.next();
            return;
        }
        String cursor = query.get("cursor");
        ArticleQuery everyArticle = new ArticleQuery(null, null, null, null, null, null);
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (lists.cachedFeedAnswer(everyArticle, cursor, limit, ifNoneMatch) instanceof Lookup.Hit<Answer> hit) {
            hit.value().send(context, http.compressionThreshold());
            return;
        }
        answerBlocking(context, () -> lists.feedAnswer(everyArticle, cursor, limit, ifNoneMatch));
    }

    /** The limit of a plain cursor page (1 to 100, default 20; one cursor of at most 200 characters), else -1. */
    static int cursorLimit(MultiMap query) {
        int limit = 20;
        for (String name : query.names()) {
            List<String> values = query.getAll(name);
            if (values.size() != 1) {
                return -1;
            }
            if (name.equals("limit") && values.get(0).matches("[1-9][0-9]{0,2}")) {
                limit = Integer.parseInt(values.get(0));
            } else if (!name.equals("cursor") || values.get(0).length() > 200) {
                return -1;
            }
        }
        return limit <= PageParams.MAX_SIZE ? limit : -1;
    }

    /**
     * Builds an answer on a worker thread and sends it; a failure (a 404, a bad cursor, searches busy, the database
     * away) is sent as its problem, as the resource's mapper would.
     */
    private void answerBlocking(RoutingContext context, Callable<Answer> build) {
        context.vertx().executeBlocking(build, false).onComplete(built -> {
            if (built.succeeded()) {
                built.result().send(context, http.compressionThreshold());
            } else {
                RouteProblems.send(context, json, built.cause());
            }
        });
    }

    private static boolean anonymousJson(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && HttpCaching.acceptsJson(request.getHeader(HttpHeaders.ACCEPT));
    }

    /** An id in canonical form (digits, no sign or leading zero), else -1: other forms are the resource's. */
    static long canonicalId(String id) {
        if (id.isEmpty() || id.length() > 18 || id.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(id);
    }

    /**
     * The size of a plain first page (size 1 to 100, default 20; page absent or 0; a search term q of 1 to
     * {@link ArticleQuery#MAX_Q} characters; nothing else), else null.
     */
    static Integer firstPageSize(MultiMap query) {
        int size = PageParams.DEFAULT_SIZE;
        for (String name : query.names()) {
            List<String> values = query.getAll(name);
            if (values.size() != 1) {
                return null;
            }
            String value = values.get(0);
            if (name.equals("page")) {
                if (!value.equals("0")) {
                    return null;
                }
            } else if (name.equals("q")) {
                if (value.isBlank() || value.length() > ArticleQuery.MAX_Q) {
                    return null;
                }
            } else if (name.equals("size") && value.matches("[1-9][0-9]{0,2}")) {
                size = Integer.parseInt(value);
                if (size > PageParams.MAX_SIZE) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return size;
    }
}
