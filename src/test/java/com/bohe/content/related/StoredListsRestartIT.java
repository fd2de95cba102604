package com.bohe.content.related;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.bohe.content.PackagedApp;

/**
 * Related lists survive a restart: the packaged jar computes them in the background and stores them; started
 * again, it serves the same lists without computing one.
 */
class StoredListsRestartIT {

    /** Public articles without a stored list. */
    private static final String MISSING = "SELECT count(*) FROM article a WHERE a.status = 'published' "
            + "AND a.published_at <= now() AND NOT EXISTS (SELECT 1 FROM article_related r WHERE r.article_id = a.id)";
    private PackagedApp app;

    @AfterEach
    void killLeftover() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldServeStoredListsAfterARestartWithoutComputingThem() throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        app = PackagedApp.start("stored-lists-first-run", token, Map.of("CONTENT_RELATED_SCAN_INTERVAL", "1s",
                "CONTENT_RELATED_DUTY", "1"));
        await("every public article has a stored list").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).until(() -> app.count(MISSING, null), count -> count == 0);
        long id = firstArticleId();
        assertEquals(200, app.get("/articles/" + id + "/related?limit=10").statusCode());
        app.stop();
        String stored = app.text("SELECT array_to_string(related_ids[1:10], ',') FROM article_related WHERE article_id = ?", id);

        // Nothing computed in the background this time: whatever is computed, a request computed.
        app = PackagedApp.start("stored-lists-second-run", token, Map.of("CONTENT_RELATED_BACKGROUND", "false"));
        String after = app.get("/articles/" + id + "/related?limit=10").body();
        List<String> served = new ArrayList<>();
        new ObjectMapper().readTree(after).get("items").forEach(item -> served.add(item.get("id").asText()));
        assertEquals(List.of(stored.split(",")), served, "the stored list, as stored before the restart");
        String health = app.managementGet("/q/health/ready").body();
        Matcher computed = Pattern.compile("\"related-lists\".*?\"computed\":\\s*(\\d+)", Pattern.DOTALL).matcher(health);
        assertTrue(computed.find(), health);
        assertEquals("0", computed.group(1), "the second run computed lists: " + health);
    }

    private long firstArticleId() throws Exception {
        Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(app.get("/articles?size=1").body());
        assertTrue(matcher.find());
        return Long.parseLong(matcher.group(1));
    }
}
