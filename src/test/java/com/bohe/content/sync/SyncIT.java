package com.bohe.content.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.PackagedApp;

/**
 * Two instances of the packaged jar on one database: a sync begun on one pages on the other, and the other's
 * sync token reads a change made through the first. Tokens are signed with the database's key, not an instance's.
 */
class SyncIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokensWorkOnEveryInstance() throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        try (PackagedApp a = PackagedApp.start("sync-instance-a", token, Map.of());
                PackagedApp b = PackagedApp.start("sync-instance-b", token, Map.of())) {
            JsonNode first = page(a, "/sync?limit=5");
            assertEquals(5, first.get("entries").size());
            Set<String> seen = new HashSet<>();
            first.get("entries").forEach(e -> seen.add(e.get("type").asText() + ":" + e.get("id").asLong()));
            String next = first.get("nextPageToken").asText();
            String sync;
            while (true) {
                JsonNode page = page(b, "/sync?limit=1000&token=" + encode(next));
                page.get("entries").forEach(e -> assertTrue(seen.add(e.get("type").asText() + ":" + e.get("id").asLong()),
                        "each entry once"));
                if (!page.get("nextSyncToken").isNull()) {
                    sync = page.get("nextSyncToken").asText();
                    break;
                }
                next = page.get("nextPageToken").asText();
            }
            assertTrue(seen.size() > 5, "paged on B after A: " + seen.size());

            String body = JSON.writeValueAsString(Map.of("title", "两个实例的同步测试", "body", "正文。", "status", "published",
                    "publishedAt", Instant.now().minusSeconds(5).toString()));
            HttpResponse<String> created = a.send(HttpRequest.newBuilder(URI.create(a.base + "/articles"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(201, created.statusCode(), created.body());
            long id = JSON.readTree(created.body()).get("id").asLong();
            String from = sync;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode delta = page(b, "/sync?token=" + encode(from));
                for (JsonNode e : delta.get("entries")) {
                    if (e.get("type").asText().equals("article") && e.get("id").asLong() == id) {
                        return e.get("data").get("title").asText().equals("两个实例的同步测试");
                    }
                }
                return false;
            });
            String tampered = sync.substring(0, sync.length() - 2) + (sync.endsWith("AA") ? "BB" : "AA");
            assertEquals(400, b.get("/sync?token=" + encode(tampered)).statusCode());
        }
    }

    private static JsonNode page(PackagedApp app, String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
