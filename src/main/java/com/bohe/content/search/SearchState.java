package com.bohe.content.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.http.RouteOrder;

/**
 * While this instance's search index is being built, a search (a read with {@code q}) falls back to a substring
 * match and a related list is empty: such an answer says so, with {@code Search-Index: building}, and is not kept
 * by shared caches ({@code Cache-Control: no-store}), so that a CDN does not serve it once the index is whole.
 * One handler for every path, the ones answered before the REST layer included.
 */
@ApplicationScoped
class SearchState {

    static final String HEADER = "Search-Index";

    @Inject
    SearchIndexes indexes;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.SEARCH_STATE).handler(this::handle);
    }

    void handle(RoutingContext context) {
        if (!indexes.ready() && dependsOnIndex(context.request(), context.normalizedPath())) {
            context.addHeadersEndHandler(v -> {
                int status = context.response().getStatusCode();
                if (status >= 200 && status < 300) {
                    context.response().putHeader(HEADER, "building");
                    context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                }
            });
        }
        context.next();
    }

    /** A read whose answer comes from the search index: one with q, or a related list. */
    static boolean dependsOnIndex(HttpServerRequest request, String path) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD || path.startsWith("/q/")) {
            return false;
        }
        String q = request.getParam("q");
        return q != null && !q.isBlank() && !path.startsWith("/suggest") || path.matches("/articles/[^/]+/related/?");
    }
}
