package com.bohe.content.api.http;

import com.bohe.content.api.problem.RouteProblems;

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
 * do, or 403 problem+json; a malformed Access-Control-Request-Method is a 400 problem. When reads are open to any
 * origin, a read answers {@code Access-Control-Allow-Origin: *} whether or not an Origin was sent, without
 * {@code Vary: Origin}: one cached copy serves every site, and an Origin cannot split a CDN's cache. Runs before
 * every route of the API, the cached ones included.
 */
@ApplicationScoped
public class Cors {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Pattern VIEW = Pattern.compile("/articles/[^/]{1,40}/views/?");
    /** An HTTP method: a token of RFC 9110 (letters, digits and a few marks), at most 20 of them. */
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since";
    private static final String EXPOSED_HEADERS = "ETag, Last-Modified, Link, Location, Retry-After, WWW-Authenticate";

    @Inject
    CorsConfig config;
    @Inject
    ObjectMapper json;

    /** Headers of every read while reads are open to any origin, encoded once: this runs on every hot read. */
    private static final CharSequence ALLOW_ORIGIN = io.vertx.core.http.HttpHeaders.createOptimized("Access-Control-Allow-Origin");
    private static final CharSequence EXPOSE = io.vertx.core.http.HttpHeaders.createOptimized("Access-Control-Expose-Headers");
    private static final CharSequence ANY = io.vertx.core.http.HttpHeaders.createOptimized("*");
    private static final CharSequence EXPOSED = io.vertx.core.http.HttpHeaders.createOptimized(EXPOSED_HEADERS);

    /** Whether reads are open to any origin: read once from the configuration, which does not change at runtime. */
    private volatile Boolean open;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CORS).handler(this::handle);
    }

    /**
     * The Vary of a cacheable read: with reads open to any origin the answer is the same for all ({@code *}), so
     * a CDN keeps one copy; with a list, the answer depends on the Origin.
     */
    public String vary() {
        return openReads() ? "Accept-Encoding" : "Accept-Encoding, Origin";
    }

    private boolean openReads() {
        Boolean o = open;
        if (o == null) {
            o = config.readOrigins().stream().anyMatch(origin -> origin.strip().equals("*"));
            open = o;
        }
        return o;
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.path().startsWith("/q/")) {
            context.next();
            return;
        }
        String origin = request.getHeader("Origin");
        String preflight = request.method() == HttpMethod.OPTIONS ? request.getHeader("Access-Control-Request-Method") : null;
        HttpServerResponse response = context.response();
        if (preflight == null && READS.contains(request.method()) && openReads()) {
            // The same for every origin, and for none: a cached copy serves them all.
            response.putHeader(ALLOW_ORIGIN, ANY).putHeader(EXPOSE, EXPOSED);
            context.next();
            return;
        }
        if (origin == null) {
            context.next();
            return;
        }
        String asked = preflight == null ? null : preflight.strip();
        if (asked != null && !METHOD.matcher(asked).matches()) {
            RouteProblems.send(context, json, 400, "Bad Request",
                    "Access-Control-Request-Method must name one HTTP method, such as GET or POST.");
            return;
        }
        HttpMethod method = asked == null ? request.method() : HttpMethod.valueOf(asked.toUpperCase(Locale.ROOT));
        boolean read = READS.contains(method) || method == HttpMethod.POST && VIEW.matcher(context.normalizedPath()).matches();
        boolean allowed = allows(config.readOrigins(), origin) && (read || allows(config.writeOrigins().orElse(List.of()), origin));
        String allowOrigin = read && openReads() ? "*" : origin;
        if (preflight == null) {
            if (allowed) {
                response.putHeader("Access-Control-Allow-Origin", allowOrigin)
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
        response.putHeader("Access-Control-Allow-Origin", allowOrigin)
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
