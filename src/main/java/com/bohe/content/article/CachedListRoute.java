package com.bohe.content.article;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.ContentApplied;
import com.bohe.content.api.HttpCaching;
import com.bohe.content.api.HttpConfig;
import com.bohe.content.api.Page;
import com.bohe.content.api.PageLinks;
import com.bohe.content.api.PageParams;
import com.bohe.content.api.RequestText;
import com.bohe.content.views.ViewCounter;

/**
 * The reads every app start makes, straight from the HTTP layer: the first page of {@code GET /articles} and of a
 * search (no parameters but {@code q}, {@code size}, and {@code page=0}), asked without a token, kept as ready JSON
 * split around the
 * items' view counts, for as long as {@link ArticleListCache} keeps a first page (five seconds, or until a change
 * is applied), and answered on the event loop with live view counts, the same body and Link header as the
 * resource's, and a tag that, as an article's, does not cover view counts. Every other list goes on to
 * {@link ArticleResource}.
 */
@ApplicationScoped
public class CachedListRoute {

    private static final String JSON = "application/json";
    /** Item i is written with this count plus i, then cut out. */
    private static final long MARK = Long.MIN_VALUE + 1_000_000;

    /** A first page as JSON: parts[i] comes before the count of item i; the last part after the last count. */
    record Ready(byte[][] parts, long[] ids, long[] counts, String etag, String link, String lastModified) {
    }

    @Inject
    ArticleService articles;
    @Inject
    ObjectMapper json;
    @Inject
    PublicArticleCounts counts;
    @Inject
    ViewCounter counter;
    @Inject
    HttpConfig http;

    private final Cache<String, Ready> pages = Caffeine.newBuilder()
            .maximumSize(200)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    void register(@Observes Router router) {
        router.get("/articles").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void onApplied(@Observes ContentApplied change) {
        pages.invalidateAll();
    }

    void handle(RoutingContext context) {
        MultiMap query = context.queryParams();
        Integer size = context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                && HttpCaching.acceptsJson(context.request().getHeader(HttpHeaders.ACCEPT))
                && RequestText.isClean(context.request().query()) ? firstPageSize(query) : null;
        if (size == null) {
            context.next();
            return;
        }
        String uri = context.request().uri();
        Ready ready = pages.getIfPresent(uri);
        if (ready != null) {
            answer(context, ready);
            return;
        }
        String q = query.get("q");
        context.vertx().<Ready>executeBlocking(() -> pages.get(uri, k -> build(uri, q, size)), false)
                .onComplete(built -> {
                    if (built.succeeded()) {
                        answer(context, built.result());
                    } else {
                        context.next(); // the resource answers, or explains
                    }
                });
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

    private Ready build(String uri, String q, int size) {
        ArticleQuery query = new ArticleQuery(q, null, null, null, null, null);
        Page<ArticleSummary> page = QuarkusTransaction.requiringNew().call(() -> articles.list(query, new PageParams(0, size, null)));
        List<ArticleSummary> items = page.items();
        List<ArticleSummary> marked = new ArrayList<>(items.size());
        long[] ids = new long[items.size()];
        long[] stored = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ids[i] = items.get(i).id();
            stored[i] = items.get(i).viewCount() - counter.pending(ids[i]);
            marked.add(items.get(i).withViewCount(MARK + i));
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(new Page<>(marked, page.page(), page.size(), page.total(), page.totalPages()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[][] parts = new byte[items.size() + 1][];
        int from = 0;
        for (int i = 0; i < items.size(); i++) {
            byte[] mark = ("\"viewCount\":" + (MARK + i)).getBytes(StandardCharsets.US_ASCII);
            int at = ArticleDetailCache.indexOf(body, mark, from);
            int countAt = at + mark.length - Long.toString(MARK + i).length();
            parts[i] = Arrays.copyOfRange(body, from, countAt);
            from = at + mark.length;
        }
        parts[items.size()] = Arrays.copyOfRange(body, from, body.length);
        byte[] content = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, content, at, part.length);
            at += part.length;
        }
        return new Ready(parts, ids, stored, "\"" + HttpCaching.hash(content) + "\"",
                PageLinks.header(URI.create(uri), page), HttpCaching.httpDate(Instant.now()));
    }

    private void answer(RoutingContext context, Ready ready) {
        HttpServerResponse response = context.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.cacheControl(http, false, "/articles"))
                .putHeader(HttpHeaders.VARY, HttpCaching.VARY)
                .putHeader(HttpHeaders.ETAG, ready.etag())
                .putHeader(HttpHeaders.LAST_MODIFIED, ready.lastModified())
                .putHeader("Link", ready.link());
        if (HttpCaching.notModified(context.request().getHeader(HttpHeaders.IF_NONE_MATCH),
                context.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE), ready.etag(), null)) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            response.setStatusCode(304).end();
            return;
        }
        Buffer body = Buffer.buffer(16 * 1024);
        for (int i = 0; i < ready.ids().length; i++) {
            Long stored = counts.cachedCount(ready.ids()[i]);
            long count = (stored == null || stored < 0 ? ready.counts()[i] : stored) + counter.pending(ready.ids()[i]);
            body.appendBytes(ready.parts()[i]).appendString(Long.toString(count));
        }
        body.appendBytes(ready.parts()[ready.ids().length]);
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (body.length() < http.compressionThreshold()) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "identity");
        } else {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
        response.end(body);
    }
}
