package com.bohe.content.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.RouteOrder;
import com.bohe.content.api.RouteProblems;

/**
 * Token buckets (Bucket4j) per client and kind of request, checked before any route of the API answers, the cached
 * ones included: views per article and in all, writes, and searches. Beyond a limit: 429 problem+json with
 * Retry-After. A client is its address for views and searches (an unchecked token must not buy a fresh bucket) and
 * its token, when it sends one, for writes (which need a valid token anyway). Buckets live in this instance: with N
 * instances behind a balancer a client gets up to N times the limit.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Pattern VIEW = Pattern.compile("/articles/([0-9]+)/views");

    @Inject
    RateLimitConfig config;
    @Inject
    ObjectMapper json;

    /** Buckets by kind and client; a client idle for an hour starts afresh. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    /** The kinds of limits, as refusals are counted. */
    public static final List<String> KINDS = List.of("views", "search", "writes");
    private final Map<String, LongAdder> refusals = KINDS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(kind -> kind, kind -> new LongAdder()));

    /** Requests refused (429) since start, of one of {@link #KINDS}. */
    public long refusals(String kind) {
        return refusals.get(kind).sum();
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.RATE_LIMIT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!config.enabled() || request.path().startsWith("/q/") || request.method() == HttpMethod.OPTIONS) {
            context.next();
            return;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        Matcher view = VIEW.matcher(request.path());
        ConsumptionProbe refused;
        String kind;
        if (request.method() == HttpMethod.POST && view.matches()) {
            kind = "views";
            refused = take("view:" + address + ":" + view.group(1), config.viewsPerArticle());
            if (refused == null) {
                refused = take("views:" + address, config.views());
            }
        } else if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            String q = request.getParam("q");
            kind = "search";
            refused = q == null || q.isBlank() ? null : take("search:" + address, config.search());
        } else {
            kind = "writes";
            refused = take("writes:" + writer(request, address), config.writes());
        }
        if (refused == null) {
            context.next();
            return;
        }
        refusals.get(kind).increment();
        long seconds = Math.max(1, (refused.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        context.response().putHeader("Retry-After", Long.toString(seconds));
        RouteProblems.send(context, json, 429, "Too Many Requests",
                "Too many requests of this kind from this client; retry after " + seconds + " s.");
    }

    /** @return null when a token was taken, else the refusal */
    private ConsumptionProbe take(String key, RateLimitConfig.Limit limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? null : probe;
    }

    /** The token's public part (cat_<id>) or a hash of another token; else the address. */
    private static String writer(HttpServerRequest request, String address) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return address;
        }
        String token = authorization.substring(7).strip();
        int end = token.startsWith("cat_") ? token.indexOf('_', 4) : -1;
        return end > 0 ? token.substring(0, end) : "t" + Integer.toHexString(token.hashCode());
    }
}
