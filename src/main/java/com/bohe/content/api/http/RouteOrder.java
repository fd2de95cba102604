package com.bohe.content.api.http;

import io.quarkus.vertx.http.runtime.RouteConstants;

/**
 * The order in which the handlers before the REST layer see a request, named in one place. Filters (higher
 * priority first) run before every route, those of {@code /q/} included; routes run by order, lower first.
 */
public final class RouteOrder {

    /**
     * Request targets that are not URIs, or not UTF-8 (api/http/RequestText), refused first of all, even before the
     * filters: a route with a path fails its match on them, and Quarkus has one before the filters.
     */
    public static final int REQUEST_TEXT = Integer.MIN_VALUE;
    /** The request id, first of the filters: every answer and log line of a request carries it. */
    public static final int REQUEST_ID_FILTER = 10_000;
    /** The HTTP timer (operations/RouteTimers) starts next: it times every answer, refusals before routing included. */
    public static final int TIMING_FILTER = 9_000;
    /** Requests in flight are counted next (background/Background): catch-up work yields while readers queue. */
    public static final int READERS_FILTER = 8_000;
    /**
     * On the management port's own router: requests in flight counted there too (background/Background), first of
     * its routes.
     */
    public static final int MANAGEMENT_READERS = Integer.MIN_VALUE;
    /** Refusing new requests once SIGTERM came: before anything spends work on them. */
    public static final int DRAINING = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 200;
    /** CORS: preflights answered, and the headers of every answer set, before limits or reads answer. */
    public static final int CORS = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 100;
    /** Rate limits: before the cached reads, so that they count every request. */
    public static final int RATE_LIMIT = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 50;
    /** Body limits, counted as bytes arrive: after the rate limits, so that a refused client sends no body. */
    public static final int BODY_LIMIT = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 40;
    /** Marks answers that depend on a search index still being built (search/SearchState): before any answers. */
    public static final int SEARCH_STATE = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 30;
    /** The hot public reads answered from the HTTP layer (article/read/ReadRoute); then the REST layer. */
    public static final int CACHED_READS = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

    private RouteOrder() {
    }
}
