package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

import com.bohe.content.embedded.EmbeddedPostgresLauncher;

/** The database away, or too slow: clean 503 and 504 problems, nothing hangs, and service resumes by itself. */
@QuarkusTest
public class DatabaseFaultTest {

    static final String BROWSER = com.bohe.content.TestData.BROWSER;

    @jakarta.inject.Inject
    com.bohe.content.TestData data;
    @jakarta.inject.Inject
    com.bohe.content.views.ViewCounter counter;

    /** A request that hangs fails the test instead of waiting forever. */
    public static final RestAssuredConfig NO_HANGING = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 15_000).setParam("http.connection.timeout", 5_000));

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndServeAgainWhenItIsBack() throws Exception {
        long cached = given().get("/articles?size=1").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        given().get("/articles/" + cached).then().statusCode(200); // now in the article cache
        EmbeddedPostgresLauncher.stop();
        try {
            for (String path : new String[] { "/diseases?size=3", "/doctors/999999", "/articles?size=3&sort=id",
                    "/articles?cursor=&limit=3", "/departments?size=2",
                    // answered by the read route, its failure mapped there
                    "/articles/987654", "/articles/987654/related", "/articles?cursor=&limit=4" }) {
                given().config(NO_HANGING).get(path).then().statusCode(503)
                        .contentType("application/problem+json").body("status", equalTo(503))
                        .header("Retry-After", "2").body(not(containsString("Exception")));
            }
            // What is cached keeps being served.
            given().config(NO_HANGING).get("/articles/" + cached).then().statusCode(200).body("id", equalTo((int) cached));
            given().config(NO_HANGING).get("/q/health/live").then().statusCode(200);
            given().config(NO_HANGING).get("/q/health/ready").then().statusCode(503);
        } finally {
            EmbeddedPostgresLauncher.start();
        }
        // Back within 5 s of the database's return, with no restart: the pool replaces its dead connections.
        await("serving again within 5 s of the database's return").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
                .until(() -> given().config(NO_HANGING).get("/diseases?size=1").then().extract().statusCode(),
                        org.hamcrest.Matchers.is(200));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldStayCleanUnderConcurrentLoadWhileTheDatabaseIsAwayAndLoseNoView() throws Exception {
        var article = data.publishedArticle("并发停库");
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().statusCode(200);
        counter.flush();
        int threads = 8;
        int viewsEach = 25;
        var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicInteger>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        EmbeddedPostgresLauncher.stop();
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < viewsEach; i++) {
                        int view = given().config(NO_HANGING).header("User-Agent", BROWSER)
                                .post("/articles/" + article.id + "/views").then().extract().statusCode();
                        statuses.computeIfAbsent(view, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                        if (i % 5 == 0) {
                            // Each of these waits out the pool's 2 s acquisition timeout: a few are enough.
                            int read = given().config(NO_HANGING).get("/diseases?size=2").then().extract().statusCode();
                            statuses.computeIfAbsent(read, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get(120, java.util.concurrent.TimeUnit.SECONDS); // a hung request fails the test
            }
        } finally {
            pool.shutdownNow();
            EmbeddedPostgresLauncher.start();
        }
        // Every view counted (200), every read of the database refused cleanly (503), nothing else.
        assertEquals(java.util.Map.of(200, threads * viewsEach, 503, threads * viewsEach / 5),
                java.util.Map.copyOf(statuses.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, e -> e.getValue().get()))));
        // the flush that failed while the database was away succeeds once it is back
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
                .ignoreException(java.sql.SQLException.class).until(() -> {
                    counter.flush();
                    return true;
                });
        assertEquals(1 + threads * viewsEach, data.storedViewCount(article.id), "not one view lost");
    }

    @Test
    void shouldAnswer504WhenAStatementOutlastsTheTimeout() {
        given().config(NO_HANGING).get("/test-probe/slow").then().statusCode(504)
                .contentType("application/problem+json").body("status", equalTo(504))
                .header("Retry-After", "5").body(not(containsString("pg_sleep")));
        // The connection it used is fine afterwards.
        given().get("/diseases?size=1").then().statusCode(200);
    }
}
