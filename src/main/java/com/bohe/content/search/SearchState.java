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
    @Inject
    SearchBackend search;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.SEARCH_STATE).handler(this::handle);
    }

    void handle(RoutingContext context) {
        if (building(context.request(), context.normalizedPath())) {
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

    /**
     * Whether this read's answer comes from an index that is not complete yet: a search of articles (one with q)
     * before the search backend is ready; a search of names, or a related list, before this instance's indexes are.
     */
    boolean building(HttpServerRequest request, String path) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD || path.startsWith("/q/")) {
            return false;
        }
        String q = request.getParam("q");
        if (q != null && !q.isBlank() && !path.startsWith("/suggest")) {
            // Articles are searched through the backend; names (diseases, doctors, hospitals) in this instance.
            return path.startsWith("/articles") ? !search.ready() : !indexes.ready();
        }
        return !indexes.ready() && path.matches("/articles/[^/]+/related/?");
    }
}
