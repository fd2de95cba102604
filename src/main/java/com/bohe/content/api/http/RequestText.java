package com.bohe.content.api.http;

import com.bohe.content.api.problem.InvalidRequestException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.api.problem.RouteProblems;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with a 400 problem, what no URL of this API holds: a request target that is not a URI (a malformed
 * percent-escape such as {@code ?q=%}, a {@code |} or a {@code "}), a NUL byte, or bytes that are not UTF-8, in the
 * path or the query. PostgreSQL would refuse a NUL in a slug or a search term with an error; a decoder would turn
 * bad bytes into replacement characters and search for those. Checked once, by the first route of the API's port,
 * before the filters: any route with a path fails its match on such a target, and Quarkus has one that runs before
 * the filters; so every route and resource after it sees clean targets only. Such a refusal carries no request id.
 * Quarkus's own check, which answers a bare 400 before any route, is turned off for this one
 * ({@code vertx.disableURIValidation}, set by {@link com.bohe.content.Main} and pom.xml). The management port
 * (health, metrics) is not covered: its routes ignore a malformed query, and a malformed path there is still a bare
 * 400.
 */
@ApplicationScoped
public class RequestText {

    private static final String MUST = "must be UTF-8 text, %-encoded where a URI requires it (a % starts an escape of "
            + "two hex digits: write % as %25), without NUL bytes";

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(RouteOrder.REQUEST_TEXT).handler(this::route);
    }

    void route(RoutingContext context) {
        String part = refused(context.request().uri());
        if (part == null) {
            context.next();
        } else {
            RouteProblems.send(context, json, new InvalidRequestException(part, MUST));
        }
    }

    /** The part of a raw request target that no URL of this API holds ("path" or "query"), or null when none. */
    static String refused(String target) {
        if (target == null) {
            return "path";
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            int query = target.indexOf('?');
            return query >= 0 && e.getIndex() > query ? "query" : "path";
        }
        return !isClean(uri.getRawPath()) ? "path" : !isClean(uri.getRawQuery()) ? "query" : null;
    }

    /** Whether a raw (still %-encoded) path or query decodes to UTF-8 text without NUL; null is clean. */
    public static boolean isClean(String raw) {
        if (raw == null || raw.indexOf('%') < 0 && raw.indexOf('\0') < 0) {
            return true;
        }
        byte[] text = raw.getBytes(StandardCharsets.UTF_8);
        ByteBuffer decoded = ByteBuffer.allocate(text.length);
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '%') {
                if (i + 2 >= text.length) {
                    return false;
                }
                int high = Character.digit(text[i + 1], 16);
                int low = Character.digit(text[i + 2], 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                b = (byte) (high << 4 | low);
                i += 2;
            }
            if (b == 0) {
                return false;
            }
            decoded.put(b);
        }
        decoded.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(decoded);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
