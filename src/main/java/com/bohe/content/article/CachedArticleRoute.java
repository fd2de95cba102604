package com.bohe.content.article;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.HttpCaching;
import com.bohe.content.api.HttpConfig;
import com.bohe.content.views.ViewCounter;

/**
 * The hot read, straight from the HTTP layer: {@code GET /articles/{id}} of a public article that is cached, asked
 * without a token, is answered here, on the event loop, with the same body and headers as the resource would send
 * (200 with the live view count, or 304), before the REST layer is entered. Everything else (a token, an id not
 * cached yet, a draft, a 404) goes on to {@link ArticleResource}. Filters of the HTTP layer (compression,
 * configured headers) have run before this route.
 */
@ApplicationScoped
public class CachedArticleRoute {

    private static final String JSON = "application/json";

    @Inject
    ArticleDetailCache cache;
    @Inject
    PublicArticleCounts counts;
    @Inject
    ViewCounter counter;
    @Inject
    HttpConfig http;

    void register(@Observes Router router) {
        router.get("/articles/:id").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        Optional<ArticleDetailCache.Entry> found = context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                && HttpCaching.acceptsJson(context.request().getHeader(HttpHeaders.ACCEPT)) ? cached(context.pathParam("id")) : null;
        if (found == null || found.isEmpty() || !found.get().publicAt(Instant.now())) {
            context.next();
            return;
        }
        ArticleDetailCache.Entry entry = found.get();
        Long stored = counts.cachedCount(entry.id());
        if (stored == null || stored < 0) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.cacheControl(http, false, "/articles"))
                .putHeader(HttpHeaders.VARY, HttpCaching.VARY)
                .putHeader(HttpHeaders.ETAG, entry.etag());
        if (entry.lastModifiedHeader() != null) {
            response.putHeader(HttpHeaders.LAST_MODIFIED, entry.lastModifiedHeader());
        }
        if (HttpCaching.notModified(context.request().getHeader(HttpHeaders.IF_NONE_MATCH),
                context.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE), entry.etag(), entry.lastModified())) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            response.setStatusCode(304).end();
            return;
        }
        byte[] body = entry.withViewCount(stored + counter.pending(entry.id()));
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        // Quarkus marks every answer "Content-Encoding: identity" and unmarks compressible ones of its own routes;
        // this route decides itself, by the same threshold as the REST layer.
        if (body.length < http.compressionThreshold()) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "identity");
        } else {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
        response.end(Buffer.buffer(body));
    }

    /** The cached entry of an id in canonical form (digits, no sign or leading zero), else null. */
    private Optional<ArticleDetailCache.Entry> cached(String id) {
        if (id.isEmpty() || id.length() > 18 || id.charAt(0) == '0') {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return null;
            }
        }
        return cache.cached(Long.parseLong(id));
    }
}
