package com.bohe.content.background;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.PackagedApp;

/**
 * Background work given to a dedicated instance: B runs with CONTENT_BACKGROUND=false, as API replicas would, and A
 * with it on. An article written through B is embedded and gets its related list from A, through the database, and
 * B's search index learns the stored vector from the change log; B's embedder and related-list worker are off.
 */
class BackgroundOffIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLeaveSharedWorkToTheInstanceThatRunsIt() throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        try (PackagedApp a = PackagedApp.start("background-on", token, Map.of("CONTENT_RELATED_SCAN_INTERVAL", "1s"));
                PackagedApp b = PackagedApp.start("background-off", token, Map.of("CONTENT_BACKGROUND", "false"))) {
            JsonNode workers = JSON.readTree(b.managementGet("/q/health/well").body()).get("checks");
            JsonNode listed = null;
            for (JsonNode check : workers) {
                if (check.get("name").asText().equals("background")) {
                    listed = check.get("data");
                }
            }
            assertTrue(listed != null && listed.get("embedder").asText().startsWith("off")
                    && listed.get("related-lists").asText().startsWith("off")
                    && !listed.get("search-indexer").asText().startsWith("off"), "B's workers: " + listed);

            String body = JSON.writeValueAsString(Map.of("title", "交给后台实例的嵌入测试", "body", "面瘫以后眼睛闭不上，应该怎么护理？",
                    "status", "published", "publishedAt", Instant.now().minusSeconds(5).toString()));
            HttpResponse<String> created = b.send(HttpRequest.newBuilder(URI.create(b.base + "/articles"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(201, created.statusCode(), created.body());
            long id = JSON.readTree(created.body()).get("id").asLong();

            await("A embeds the article B wrote").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> b.count("SELECT count(*) FROM article_embedding WHERE article_id = ?", id) == 1);
            await("A computes its related list").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> b.count("SELECT count(*) FROM article_related WHERE article_id = ?", id) == 1);
            await("B's index has every vector A's has").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> withEmbedding(b) == withEmbedding(a) && withEmbedding(b) == articles(b));
            assertTrue(b.log().contains("CONTENT_BACKGROUND=false"), "B says what it leaves to others");
        }
    }

    private static JsonNode searchIndex(PackagedApp app) throws Exception {
        for (JsonNode check : JSON.readTree(app.managementGet("/q/health/ready").body()).get("checks")) {
            if (check.get("name").asText().equals("search-index")) {
                return check.get("data");
            }
        }
        throw new AssertionError("no search-index check");
    }

    private static long withEmbedding(PackagedApp app) throws Exception {
        return searchIndex(app).get("withEmbedding").asLong();
    }

    private static long articles(PackagedApp app) throws Exception {
        return searchIndex(app).get("articles").asLong();
    }
}
