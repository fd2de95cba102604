package com.bohe.content.related;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.bohe.content.PackagedApp;

/**
 * Related lists survive a restart: the packaged jar computes them in the background and stores them; started
 * again, it serves the same lists without computing one.
 */
class StoredListsRestartIT {

    /** Public articles without a stored list, or whose list was computed before their embedding arrived. */
    private static final String DUE = "SELECT count(*) FROM article a LEFT JOIN article_related r ON r.article_id = a.id "
            + "WHERE a.status = 'published' AND a.published_at <= now() AND (r.article_id IS NULL OR NOT r.with_vector "
            + "OR NOT EXISTS (SELECT 1 FROM article_embedding e WHERE e.article_id = a.id))";
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
        Map<String, String> environment = Map.of("CONTENT_RELATED_SCAN_INTERVAL", "1s", "CONTENT_RELATED_DUTY", "1");
        app = PackagedApp.start("stored-lists-first-run", token, environment);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (app.count(DUE, null) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, app.count(DUE, null), "every public article has its embedding and a list computed with it");
        long id = firstArticleId();
        String before = app.get("/articles/" + id + "/related?limit=10").body();
        app.stop();

        app = PackagedApp.start("stored-lists-second-run", token, environment);
        String after = app.get("/articles/" + id + "/related?limit=10").body();
        assertEquals(before.replaceAll("\"viewCount\":\\d+", ""), after.replaceAll("\"viewCount\":\\d+", ""));
        assertTrue(after.contains("\"reasons\""), after);
        String health = app.get("/q/health/ready").body();
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
