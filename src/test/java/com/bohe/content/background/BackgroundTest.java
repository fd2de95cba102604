package com.bohe.content.background;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every background worker of the application is started through {@link Background}, listed and measured there. */
@QuarkusTest
class BackgroundTest {

    /** The workers the test profile runs (the catch-up workers run in the foreground there: see application.properties). */
    private static final List<String> RUNNING = List.of("content-import", "search-indexer", "view-count-refresh",
            "view-flusher", "webhook-dispatcher", "webhook-sender");

    @Inject
    Background background;

    @Test
    void shouldListEveryWorkerWithWhatItHasDone() {
        List<String> names = background.workers().stream().map(WorkerStatus::name).toList();
        assertTrue(names.containsAll(RUNNING), "listed: " + names);
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'background' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'background' }.data.'view-flusher'", startsWith("waiting; duty 1.00;"))
                .body("checks.find { it.name == 'background' }.data.'webhook-sender'", startsWith("pool;"))
                // The search index's merges run on a pool of the background's, within its budget.
                .body("checks.find { it.name == 'background' }.data.'search-index-merges'", startsWith("pool;"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.data.segments", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void shouldMeasureEveryWorkerUnderItsName() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : RUNNING) {
            assertTrue(metrics.contains("content_background_busy_seconds_total{worker=\"" + name + "\"}"), name);
            assertTrue(metrics.contains("content_background_rounds_total{outcome=\"failed\",worker=\"" + name + "\"}"), name);
        }
        assertTrue(metrics.contains("content_background_backlog{worker=\"view-flusher\"}"), "the flusher says what waits");
    }

    @Test
    void shouldRefuseASecondWorkerOfARunningName() {
        Worker first = background.start("test-unique", Pace.every(Duration.ofHours(1)), () -> 0);
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> background.start("test-unique", Pace.every(Duration.ofHours(1)), () -> 0));
            assertTrue(refused.getMessage().contains("test-unique"));
            assertTrue(first.running(), "the first one keeps running");
        } finally {
            first.stop(Duration.ofSeconds(5));
        }
        // Once stopped, the name may be used again.
        Worker again = background.start("test-unique", Pace.once(Duration.ofSeconds(1)), () -> Step.FINISHED);
        again.stop(Duration.ofSeconds(5));
        assertEquals("test-unique", again.name());
    }

    @Test
    void shouldShowAFailingWorkerAndItsLastError() {
        Worker failing = background.start("test-failing", Pace.every(Duration.ofHours(1)), () -> {
            throw new IllegalStateException("the receiver is away");
        });
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> failing.status().failures() == 1 && "backing_off".equals(failing.status().state()));
            given().when().get("/q/health/well").then().statusCode(200)
                    .body("checks.find { it.name == 'background' }.data.'test-failing'",
                            containsString("1 failed; 0 items; busy"))
                    .body("checks.find { it.name == 'background' }.data.'test-failing'",
                            containsString("last error: IllegalStateException: the receiver is away"));
            String metrics = given().when().get("/q/metrics").then().extract().asString();
            assertTrue(metrics.contains("content_background_rounds_total{outcome=\"failed\",worker=\"test-failing\"} 1.0"), metrics);
        } finally {
            failing.stop(Duration.ofSeconds(5));
        }
    }
}
