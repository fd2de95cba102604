package com.bohe.content.api.http;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Every answer carries an {@code X-Request-Id}: the client's own when it is well formed (1 to 64 letters, digits,
 * dots, colons, underscores or hyphens), else a new one. The id is in the logging context ({@code requestId}: every
 * log line of the request, JSON or not), in the access log, and in problem+json bodies. The first filter of all.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** A filter, not a route: filters run before every route, those of /q/ (health, metrics) included. */
    void register(@Observes Filters filters) {
        filters.register(this::handle, RouteOrder.REQUEST_ID_FILTER);
    }

    void handle(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && WELL_FORMED.matcher(given).matches() ? given : newId();
        if (!id.equals(given)) {
            context.request().headers().set(HEADER, id); // what the access log prints
        }
        // Quarkus keeps the MDC in the request's Vert.x context: it follows the request onto worker threads.
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /** The id of the request being answered, or null outside one. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    private static final HexFormat HEX = HexFormat.of();

    /**
     * 128 random bits in hex: unique enough to find a request, with no lock (a UUID takes SecureRandom's) and no
     * format string to parse on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
