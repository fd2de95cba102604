package com.bohe.content.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.bohe.content.PackagedApp;

/**
 * The packaged jar as production runs it: health and metrics only on the management port, and an access log that
 * never keeps a reader's search.
 */
class ManagementPortIT {

    private PackagedApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPortOnlyAndLogNoSearch() throws Exception {
        app = PackagedApp.start("management-port-app", UUID.randomUUID() + "-" + UUID.randomUUID(),
                Map.of("CONTENT_ACCESS_LOG", "true"));
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live" }) {
            assertEquals(404, app.get(path).statusCode(), path + " on the public port");
            assertEquals(200, app.managementGet(path).statusCode(), path + " on the management port");
        }
        assertEquals(200, app.get("/articles?size=1").statusCode());
        // The timer records once the answer is out, a moment after the client has it.
        // The public port's requests are timed and scraped on the management port.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> app.managementGet("/q/metrics")
                .body().contains("http_server_requests_seconds_count{method=\"GET\""));
        assertEquals(200, app.get("/q/openapi").statusCode(), "the contract stays public");
        // The background's budget counts the management port's requests as readers too: the scrape counts itself.
        assertTrue(app.managementGet("/q/metrics").body().lines().anyMatch(l -> l.startsWith("content_background_readers ")
                && Double.parseDouble(l.substring(l.indexOf(' ') + 1)) >= 1), "a scrape in flight is a reader");

        String term = "隐私搜索词面瘫";
        assertEquals(200, app.get("/articles?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&size=1").statusCode());
        assertEquals(200, app.get("/articles?size=2").statusCode());
        String log = awaitLine(" /articles ");
        assertFalse(log.contains(term) || log.contains(URLEncoder.encode(term, StandardCharsets.UTF_8)) || log.contains("q="),
                "the access log kept a search: " + log);
    }

    private String awaitLine(String fragment) throws Exception {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .alias("two access log lines with '" + fragment + "'")
                .until(() -> app.log().lines().filter(l -> l.contains(fragment)).count() >= 2);
        return app.log();
    }
}
