package com.bohe.content.opensearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenSearch's REST API over the JDK's HTTP client: JSON in, JSON out. The few calls the backend makes (index
 * management, bulk, search) need no more, and the server's own Java clients would bring another Jackson and HTTP
 * stack into the application.
 */
@ApplicationScoped
public class OpenSearchClient {

    /** OpenSearch did not answer, or answered 5xx or 429: worth trying again later. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** OpenSearch refused the request (4xx): a bug or a misconfiguration, not an outage. */
    public static class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Inject
    OpenSearchConfig config;
    @Inject
    ObjectMapper json;

    private HttpClient http;
    private URI base;
    private String authorization;

    @PostConstruct
    void open() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        base = config.url().orElse(null);
        authorization = config.username().map(u -> "Basic " + Base64.getEncoder().encodeToString(
                (u + ":" + config.password().orElse("")).getBytes(StandardCharsets.UTF_8))).orElse(null);
    }

    public ObjectMapper json() {
        return json;
    }

    /** A request with a JSON body (or none); the answer's JSON. A 404 answers null. */
    public JsonNode call(String method, String path, Object body) {
        try {
            byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
            return send(method, path, bytes, "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A bulk request (newline-delimited JSON); its answer. With {@code refresh}, what it wrote is searchable when it returns. */
    public JsonNode bulk(String ndjson, boolean refresh) {
        return send("POST", refresh ? "/_bulk?refresh=true" : "/_bulk", ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }

    /** Whether an index or alias exists. */
    public boolean exists(String path) {
        return send("HEAD", path, null, "application/json") != null;
    }

    private JsonNode send(String method, String path, byte[] body, String type) {
        if (base == null) {
            throw new Unavailable("content.opensearch.url is not set", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(config.timeout())
                .header("Content-Type", type).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("OpenSearch did not answer " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while waiting for OpenSearch", e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return null;
        }
        if (status == 429 || status >= 500) {
            throw new Unavailable("OpenSearch answered " + status + " to " + method + " " + path + ": " + text(response), null);
        }
        if (status >= 400) {
            throw new Refused(status, "OpenSearch refused " + method + " " + path + " (" + status + "): " + text(response));
        }
        try {
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("OpenSearch answered " + method + " " + path + " with no JSON", e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
