package com.bohe.content.suggest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.HttpConfig;
import com.bohe.content.api.http.Cors;
import com.bohe.content.api.http.RouteOrder;

/**
 * Answers a public {@code GET /suggest} that {@link SuggestResource} answered within the last seconds, as it
 * answered it, from memory and on the event loop: a search box asks the same prefixes again and again. Anything
 * else (a query not kept, a token, another spelling of the path) goes on to the resource, which keeps its
 * answer for the next time.
 */
@ApplicationScoped
class SuggestRoute {

    @Inject
    Suggestions suggestions;
    @Inject
    HttpConfig http;
    @Inject
    Cors cors;

    void register(@Observes Router router) {
        router.get("/suggest").order(RouteOrder.CACHED_READS).handler(this::suggest);
    }

    void suggest(RoutingContext context) {
        HttpServerRequest request = context.request();
        String query = request.query();
        Suggestions.Kept kept = query != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? suggestions.kept(query) : null;
        if (kept == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.cacheControl(http, false, "/suggest"));
        response.putHeader(HttpHeaders.VARY, cors.vary());
        response.putHeader(HttpHeaders.ETAG, kept.etag());
        response.putHeader(HttpHeaders.LAST_MODIFIED, kept.lastModified());
        if (HttpCaching.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), null, kept.etag(), null)) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        if (kept.json().length < http.compressionThreshold()) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "identity");
        }
        response.setStatusCode(200).end(Buffer.buffer(kept.json()));
    }
}
