package com.bohe.content.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.HttpConfig;
import com.bohe.content.api.caching.SurrogateKeys;
import com.bohe.content.api.http.Cors;
import com.bohe.content.api.http.RouteOrder;

/**
 * Answers a public {@code GET /assets/{id}} that {@link AssetResource} answered before, as it answered it, from
 * memory and on the event loop: a stored variant is what CDNs and apps ask for most. Anything else (a first
 * request, a token, a spelling never seen) goes on to the resource, which keeps its answer for the next time.
 */
@ApplicationScoped
class AssetRoute {

    @Inject
    Assets assets;
    @Inject
    HttpConfig http;
    @Inject
    Cors cors;

    void register(@Observes Router router) {
        router.get("/assets/:id").order(RouteOrder.CACHED_READS).handler(this::asset);
    }

    void asset(RoutingContext context) {
        HttpServerRequest request = context.request();
        String id = context.pathParam("id");
        Assets.Kept kept = request.getHeader(HttpHeaders.AUTHORIZATION) == null && id.matches("[1-9][0-9]{0,17}")
                ? assets.kept(Assets.answerKey(id, request.query(), request.getHeader(HttpHeaders.ACCEPT)))
                : null;
        if (kept == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.cacheControl(http, false, "/assets"));
        response.putHeader(HttpHeaders.VARY, HttpCaching.vary(kept.varyAccept() ? HttpHeaders.ACCEPT : null, cors.vary()));
        response.putHeader(HttpHeaders.ETAG, kept.etag());
        String key = "file-" + kept.fileId();
        response.putHeader(SurrogateKeys.HEADER, key);
        response.putHeader(SurrogateKeys.CLOUDFLARE_HEADER, key);
        if (HttpCaching.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), null, kept.etag(), null)) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, kept.mediaType());
        response.putHeader("Content-Disposition", "inline");
        response.setStatusCode(200).end(Buffer.buffer(kept.bytes()));
    }
}
