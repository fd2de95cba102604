package com.bohe.content.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
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
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.bohe.content.api.http.RouteOrder;
import com.bohe.content.api.problem.RouteProblems;
import com.bohe.content.api.problem.TooManyRequestsException;

/**
 * Token buckets (Bucket4j) per client and kind of request. Every key comes from what was routed and verified,
 * never from how the client spelled it:
 * <ul>
 * <li>the client is its address, IPv4 as such (also when it arrives as {@code ::ffff:a.b.c.d}), IPv6 by its /64
 * (one subscriber's network), as the connection or a trusted proxy gives it;</li>
 * <li>views: per client and article, by the article id as the route parses it ({@code 1}, {@code 01}, {@code +1}
 * and {@code 1/} are one article), and per client in all;</li>
 * <li>searches (reads with q) and the popular list: per client; suggestions and sync pages, each per client;</li>
 * <li>failed authentication (any 401 answer) per client: once spent, writes and reads with a token from that
 * address are refused before the token is looked up;</li>
 * <li>writes: per verified token ({@link #verifiedWrite}), so a forged token cannot spend a real one's bucket.</li>
 * </ul>
 * Checked before any route of the API answers, the cached ones included; beyond a limit, 429 problem+json with
 * Retry-After. Buckets live in this instance: with N instances behind a balancer a client gets up to N times the
 * limit.
 */
@ApplicationScoped
public class RateLimiter {

    /** A view, whatever the id's spelling; the REST layer decides what the segment means. */
    private static final Pattern VIEW = Pattern.compile("/articles/([^/]{1,40})/views/?");
    private static final Pattern POPULAR = Pattern.compile("/articles/popular/?");
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=[^%]*:)[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z._-]{1,32})?");

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
    public static final List<String> KINDS = List.of("views", "search", "writes", "authentication", "uploads", "transforms",
            "sync", "suggest");
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
        String path = context.normalizedPath();
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        Matcher view = VIEW.matcher(path);
        ConsumptionProbe refused = null;
        String kind;
        if (request.method() == HttpMethod.POST && view.matches()) {
            kind = "views";
            Long id = parsedId(view.group(1));
            String client = client(request.remoteAddress());
            refused = id == null ? null : take("view:" + client + ":" + id, config.viewsPerArticle());
            if (refused == null) {
                refused = take("views:" + client, config.views());
            }
        } else if (read && path.startsWith("/suggest")) {
            kind = "suggest";
            refused = take("suggest:" + client(request.remoteAddress()), config.suggest());
        } else if (read && path.startsWith("/sync")) {
            kind = "sync";
            refused = take("sync:" + client(request.remoteAddress()), config.sync());
        } else if (read) {
            String q = request.getParam("q");
            kind = "search";
            if (q != null && !q.isBlank() || path.startsWith("/articles/popular") && POPULAR.matcher(path).matches()) {
                refused = take("search:" + client(request.remoteAddress()), config.search());
            }
        } else {
            kind = "writes";
        }
        if (refused == null && (!read && !"views".equals(kind) || request.getHeader("Authorization") != null)) {
            // Authentication is due: refused outright once this address has failed it too often; a failure counts.
            Bucket failures = bucket("auth:" + client(request.remoteAddress()), config.authenticationFailures());
            if (failures.getAvailableTokens() <= 0) {
                kind = "authentication";
                refused = failures.tryConsumeAndReturnRemaining(1);
            } else {
                context.addHeadersEndHandler(v -> {
                    if (context.response().getStatusCode() == 401) {
                        failures.tryConsume(1);
                    }
                });
            }
        }
        if (refused == null || refused.isConsumed()) {
            context.next();
            return;
        }
        refusals.get(kind).increment();
        long seconds = seconds(refused);
        context.response().putHeader("Retry-After", Long.toString(seconds));
        RouteProblems.send(context, json, 429, "Too Many Requests",
                "Too many requests of this kind from this client; retry after " + seconds + " s.");
    }

    /**
     * A write by a verified token: takes from that token's bucket.
     *
     * @param token the verified token's stable key (its id, or the operator's token)
     * @throws TooManyRequestsException beyond the token's limit
     */
    public void verifiedWrite(String token) {
        refuseBeyond("writes", "writes:" + token, config.writes());
    }

    /**
     * An upload by a verified token, beyond its write: uploads cost a decode each.
     *
     * @throws TooManyRequestsException beyond the token's limit of uploads
     */
    public void verifiedUpload(String token) {
        refuseBeyond("uploads", "uploads:" + token, config.uploads());
    }

    /**
     * A variant of a picture made for this client (not one already stored): each costs a decode and an encode.
     *
     * @throws TooManyRequestsException beyond the client's limit of first variants
     */
    public void firstVariant(SocketAddress remote) {
        refuseBeyond("transforms", "transforms:" + client(remote), config.transforms());
    }

    private void refuseBeyond(String kind, String key, RateLimitConfig.Limit limit) {
        if (!config.enabled()) {
            return;
        }
        ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refusals.get(kind).increment();
            throw new TooManyRequestsException(seconds(probe));
        }
    }

    /** @return null when a token was taken, else the refusal */
    private ConsumptionProbe take(String key, RateLimitConfig.Limit limit) {
        ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? null : probe;
    }

    private Bucket bucket(String key, RateLimitConfig.Limit limit) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                .build());
    }

    private static long seconds(ConsumptionProbe refused) {
        return Math.max(1, (refused.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * The id as the REST layer reads a {@code long} path segment ({@code 01}, {@code +1}, {@code %2B1} and
     * {@code 1;v=2} are 1), else null.
     */
    static Long parsedId(String segment) {
        try {
            // Percent-escapes decoded as the REST layer decodes a path ("+" is a plus there, not a space).
            int matrix = segment.indexOf(';'); // matrix parameters (1;v=2) are not part of the id
            String bare = matrix < 0 ? segment : segment.substring(0, matrix);
            String decoded = bare.indexOf('%') < 0 ? bare
                    : java.net.URLDecoder.decode(bare.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            return Long.valueOf(decoded);
        } catch (IllegalArgumentException e) { // NumberFormatException, or a broken escape
            return null;
        }
    }

    /**
     * The client a bucket belongs to: an IPv4 address, however spelled (an IPv4-mapped or -compatible IPv6 address
     * is its IPv4 address), or an IPv6 address's /64.
     */
    static String client(SocketAddress remote) {
        String host = remote == null ? null : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
        if (host == null) {
            return "unknown";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // Literals only: a name (which a proxy might pass on) is never looked up.
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return "unknown";
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            byte[] b = address.getAddress();
            if (address instanceof Inet4Address) {
                return address.getHostAddress();
            }
            if (address instanceof Inet6Address) {
                boolean compatible = true;
                for (int i = 0; i < 10; i++) {
                    compatible &= b[i] == 0;
                }
                if (compatible && ((b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0)) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                    return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }).getHostAddress();
                }
                if (address.isLoopbackAddress()) {
                    return "::1";
                }
                return HEX.formatHex(b, 0, 8) + "::/64";
            }
        } catch (UnknownHostException e) {
            // not an address literal: one bucket for all such
        }
        return "unknown";
    }
}
