package com.bohe.content.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS, by an allowlist per kind of operation: reads (GET, HEAD, and recording a view, which every reader's app
 * does) from the origins of {@code content.cors.read-origins} (any, by default); writes only from those of
 * {@code content.cors.write-origins} (none, by default). Preflights are answered here: 204 with what the origin may
 * do, or 403 problem+json. Runs before every route of the API, the cached ones included.
 */
@ApplicationScoped
public class Cors {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Pattern VIEW = Pattern.compile("/articles/[0-9]+/views");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since";
    private static final String EXPOSED_HEADERS = "ETag, Last-Modified, Link, Location, Retry-After, WWW-Authenticate";

    @Inject
    CorsConfig config;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CORS).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader("Origin");
        if (origin == null || request.path().startsWith("/q/")) {
            context.next();
            return;
        }
        String preflight = request.method() == HttpMethod.OPTIONS ? request.getHeader("Access-Control-Request-Method") : null;
        HttpMethod method = preflight == null ? request.method() : HttpMethod.valueOf(preflight.strip().toUpperCase(Locale.ROOT));
        boolean read = READS.contains(method) || method == HttpMethod.POST && VIEW.matcher(request.path()).matches();
        boolean allowed = allows(config.readOrigins(), origin) && (read || allows(config.writeOrigins().orElse(List.of()), origin));
        HttpServerResponse response = context.response();
        if (preflight == null) {
            if (allowed) {
                response.putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            }
            context.next();
            return;
        }
        response.putHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!allowed) {
            forbidden(context, origin, method);
            return;
        }
        response.putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Access-Control-Allow-Methods", read ? "GET, HEAD, POST" : "GET, HEAD, POST, PUT, PATCH, DELETE")
                .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .putHeader("Access-Control-Max-Age", Integer.toString(config.maxAge()))
                .setStatusCode(204).end();
    }

    private static boolean allows(List<String> origins, String origin) {
        return origins.stream().map(String::strip).anyMatch(o -> o.equals("*") || o.equalsIgnoreCase(origin));
    }

    private void forbidden(RoutingContext context, String origin, HttpMethod method) {
        RouteProblems.send(context, json, 403, "Forbidden", "The origin " + origin + " may not send " + method.name()
                + " requests to this API; see content.cors.write-origins.");
    }
}
