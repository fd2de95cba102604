package com.bohe.content.api.caching;

import com.bohe.content.api.http.Cors;
import com.bohe.content.api.paging.Fields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/**
 * Validators and caching headers for every JSON answer, in one place:
 * <ul>
 * <li>a strong ETag on every JSON read and on every answer of a write: {@code "<version>-<hash>"} for one resource (the version is what If-Match
 * compares), {@code "<hash>"} for a list;</li>
 * <li>Last-Modified: the resource's last change, or for a list the time of the answer;</li>
 * <li>304 without a body for a GET whose If-None-Match names the tag (or, without If-None-Match, whose
 * If-Modified-Since is not older than Last-Modified);</li>
 * <li>Cache-Control by kind for public reads, {@code private, no-store} for reads with a token, and Vary;</li>
 * <li>no compression for bodies too small to gain from it.</li>
 * </ul>
 */
public class HttpCaching {

    /** Set by {@link Tagged}; replaced by the ETag on the way out. */
    static final String VERSION_HEADER = "X-Content-Version";

    @Inject
    ObjectMapper json;
    @Inject
    jakarta.enterprise.inject.Instance<HttpConfig> configs;
    /** Resolved on first use: the filter is built before runtime configuration exists, and a lookup per request costs. */
    private volatile HttpConfig config;

    @Inject
    jakarta.enterprise.inject.Instance<Cors> corsInstance;
    private volatile Cors cors;

    private Cors cors() {
        Cors c = cors;
        if (c == null) {
            c = corsInstance.get();
            cors = c;
        }
        return c;
    }

    private HttpConfig config() {
        HttpConfig c = config;
        if (c == null) {
            c = configs.get();
            config = c;
        }
        return c;
    }

    /** Response filters run from the highest priority down: this one must come last, after the Link header's. */
    @ServerResponseFilter(priority = 1)
    public void headers(ContainerRequestContext request, ContainerResponseContext response, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        Object version = response.getHeaders().getFirst(VERSION_HEADER);
        response.getHeaders().remove(VERSION_HEADER);
        if (path.startsWith("/q/")) {
            return;
        }
        int status = response.getStatus();
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && (status == 304 || status >= 200 && status < 300)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl(request, path));
            // A resource that varies by more (a picture by Accept) says so first; the rest is added to it.
            response.getHeaders().putSingle(HttpHeaders.VARY, vary(response.getHeaderString(HttpHeaders.VARY), cors().vary()));
        }
        // A Response built without a type will be written as JSON: every resource here produces it.
        boolean json = response.getMediaType() == null ? response.hasEntity() && !(response.getEntity() instanceof String)
                : isJson(response.getMediaType());
        if (status < 200 || status >= 300 || !response.hasEntity() || !json) {
            return;
        }
        if (!read && version == null) {
            // An answer such as a view count's: small, never revalidated; the hot path stays as lean as it was.
            response.getHeaders().putSingle("Content-Encoding", "identity");
            return;
        }
        byte[] body = bytes(response.getEntity(), routing.get(Fields.PROPERTY));
        if (response.getHeaderString(HttpHeaders.ETAG) == null) {
            String hash = hash(body);
            response.getHeaders().putSingle(HttpHeaders.ETAG, "\"" + (version == null ? hash : version + "-" + hash) + "\"");
        }
        response.setEntity(body, response.getEntityAnnotations(),
                response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType());
        if (body.length < config().compressionThreshold()) {
            response.getHeaders().putSingle("Content-Encoding", "identity");
        }
        if (!read) {
            return;
        }
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null && SurrogateKeys.named(path)) {
            // Only a body of content's paths names anything: a sync page of a thousand documents is not parsed.
            surrogateKeys(response, path, body);
        }
        if (response.getHeaderString(HttpHeaders.LAST_MODIFIED) == null) {
            response.getHeaders().putSingle(HttpHeaders.LAST_MODIFIED, new Date());
        }
        if (notModified(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE),
                response.getHeaderString(HttpHeaders.ETAG), lastModified(response))) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove("Content-Encoding");
        }
    }

    /** A resource's own Vary (null: none) with the ones every read has, each name once. */
    public static String vary(String own, String common) {
        if (own == null || own.isBlank()) {
            return common;
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String name : (own + "," + common).split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return String.join(", ", names);
    }

    /** Surrogate-Key and Cache-Tag of a public read: what its body shows (see {@link SurrogateKeys}). */
    private void surrogateKeys(ContainerResponseContext response, String path, byte[] body) {
        try {
            String keys = SurrogateKeys.header(path, json.readTree(body));
            if (!keys.isEmpty()) {
                response.getHeaders().putSingle(SurrogateKeys.HEADER, keys);
                response.getHeaders().putSingle(SurrogateKeys.CLOUDFLARE_HEADER, SurrogateKeys.cloudflare(keys));
            }
        } catch (java.io.IOException e) {
            // Our own JSON: unreadable only if it is not JSON at all, and then it names nothing.
        }
    }

    /** The Cache-Control of a read: private when a token was sent or the resource is an operator's. */
    public String cacheControl(ContainerRequestContext request, String path) {
        return cacheControl(config(), request.getHeaderString(HttpHeaders.AUTHORIZATION) != null, path);
    }

    /** @param withToken whether the request carried a token */
    public static String cacheControl(HttpConfig http, boolean withToken, String path) {
        if (withToken || path.startsWith("/tokens") || path.startsWith("/imports") || path.startsWith("/webhooks")) {
            return http.privateCacheControl();
        }
        String kind = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
        return http.cacheControlByKind().getOrDefault(kind, http.cacheControl());
    }

    /**
     * Whether an Accept header (null: none) takes application/json: a route that answers before the REST layer
     * leaves everything else to the REST layer's negotiation (406).
     */
    public static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("*/*") && !type.equals("application/*") && !type.equals("application/json")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
                if (parameter.startsWith("q=")) {
                    refused = parameter.matches("q=0(\\.0{0,3})?");
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP date (RFC 9110 IMF-fixdate), e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);

    /**
     * RFC 9110 §13.2.2: If-None-Match decides when present (strong comparison suffices for GET; weak tags of ours
     * are never sent), otherwise If-Modified-Since.
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return lastModified.getEpochSecond() <= since.getEpochSecond();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A short, strong tag of the bytes: 96 bits of SHA-256, base64url. */
    public static String hash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] bytes(Object entity, Object fields) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            if (fields instanceof java.util.Set<?> names) {
                com.fasterxml.jackson.databind.JsonNode tree = json.valueToTree(entity);
                Fields.trim(tree, (java.util.Set<String>) names);
                return json.writeValueAsBytes(tree);
            }
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a response body", e);
        }
    }

    private static Instant lastModified(ContainerResponseContext response) {
        Date date = response.getLastModified();
        return date == null ? null : date.toInstant();
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }
}
