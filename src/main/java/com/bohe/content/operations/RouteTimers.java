package com.bohe.content.operations;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.http.RouteOrder;

/**
 * {@code http_server_requests_seconds}: every answer outside {@code /q/} timed by method, status, outcome and route
 * template, the routes answered before the REST layer included. In place of Quarkus's Vert.x HTTP binder (switched
 * off by quarkus.micrometer.binder.http-server.enabled=false), which per request matched a regex per match pattern,
 * sorted a tag list and looked a meter up by it, and kept an active-request gauge and a sample object
 * (bench/metrics-cost.sh measures both). Here a request costs a clock read at each end and a map lookup by
 * (method, template, status) for a timer made once.
 * <p>
 * A CORS preflight is {@code /cors-preflight}. Else the template is the REST layer's ({@code /articles/{id}/views}),
 * or the path of the Vert.x route that answered when it names one route ({@code /articles/:id} as
 * {@code /articles/{id}}, not the REST layer's catch-all); a 404 that no route took is {@code NOT_FOUND}. An answer
 * given before any route (a 429, a 503 while draining) takes the template already timed for a path of its shape,
 * else {@code UNKNOWN}: labels stay a bounded set, never a raw path.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.micrometer.enabled", stringValue = "true", enableIfMissing = true)
public class RouteTimers {

    public static final String NAME = "http.server.requests";
    /** Where Quarkus REST puts the template of the method that answers (its HTTP binder and OTel spans read it). */
    private static final String REST_TEMPLATE = "UrlPathTemplate";

    private record Key(HttpMethod method, String uri, int status) {
    }

    @Inject
    MeterRegistry registry;

    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();
    /** Vert.x route paths as templates: /articles/:id → /articles/{id}. */
    private final ConcurrentHashMap<String, String> routeTemplates = new ConcurrentHashMap<>();
    /** The templates timed so far, by their shape (every variable as {id}): for answers given before routing. */
    private final ConcurrentHashMap<String, String> templatesByShape = new ConcurrentHashMap<>();

    void register(@Observes Filters filters) {
        filters.register(this::handle, RouteOrder.TIMING_FILTER);
    }

    void handle(RoutingContext context) {
        String path = context.request().path();
        if (path != null && !path.startsWith("/q/")) {
            long start = System.nanoTime();
            context.addEndHandler(ended -> record(context, path, start));
        }
        context.next();
    }

    private void record(RoutingContext context, String path, long start) {
        int status = context.response().getStatusCode();
        String uri = template(context, path, status);
        timers.computeIfAbsent(new Key(context.request().method(), uri, status), this::timer)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        if (key.uri().startsWith("/")) {
            templatesByShape.putIfAbsent(key.uri().replaceAll("\\{[^}]+}", "{id}"), key.uri());
        }
        return Timer.builder(NAME).description("HTTP server request processing time")
                .tag("method", key.method().name()).tag("uri", key.uri()).tag("status", Integer.toString(key.status()))
                .tag("outcome", Outcome.forStatus(key.status()).name())
                .register(registry);
    }

    String template(RoutingContext context, String path, int status) {
        if (context.request().method() == HttpMethod.OPTIONS && context.request().getHeader("Origin") != null
                && context.request().getHeader("Access-Control-Request-Method") != null) {
            return "/cors-preflight";
        }
        String template = restTemplate(context);
        if (template != null) {
            return template;
        }
        Route route = context.currentRoute();
        if (route != null && route.getPath() != null && route.isExactPath() && !route.isRegexPath()) {
            return routeTemplates.computeIfAbsent(route.getPath(), p -> p.replaceAll(":(\\w+)", "{$1}"));
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        return templatesByShape.getOrDefault(shape(path), "UNKNOWN");
    }

    private static String restTemplate(RoutingContext context) {
        if (context.request() instanceof HttpServerRequestInternal internal) {
            Object template = internal.context().getLocal(REST_TEMPLATE);
            return template instanceof String text ? text : null;
        }
        return null;
    }

    /** /articles/123/views → /articles/{id}/views: the shape of a path whose variables are numeric ids. */
    static String shape(String path) {
        return path.replaceAll("/[0-9]+(?=/|$)", "/{id}");
    }
}
