package com.bohe.content.database;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.api.DatabaseFaultTest;
import com.bohe.content.embedded.EmbeddedPostgresLauncher;

/** The database is away when the process starts: it starts anyway, and becomes ready when the database comes. */
@QuarkusTest
@QuarkusTestResource(value = DatabaseAwayAtStartTest.DatabaseAway.class, restrictToAnnotatedClass = true)
class DatabaseAwayAtStartTest {

    /** Stops the tests' PostgreSQL before this class's application starts. */
    public static class DatabaseAway implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            EmbeddedPostgresLauncher.ensureStarted();
            EmbeddedPostgresLauncher.stop();
            return Map.of();
        }

        @Override
        public void stop() {
            EmbeddedPostgresLauncher.start(); // harmless when it runs already
        }
    }

    @Test
    void shouldStartWithoutTheDatabaseAndBecomeReadyWhenItComes() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503);
        given().config(DatabaseFaultTest.NO_HANGING).get("/diseases?size=1").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "2");

        EmbeddedPostgresLauncher.start();
        await("ready once the database is there, without a restart").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().config(DatabaseFaultTest.NO_HANGING).get("/q/health/ready").then().extract().statusCode(),
                        status -> status == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.data.built", org.hamcrest.Matchers.equalTo(true));
        given().get("/diseases?size=1").then().statusCode(200);
        // The search index was built once the schema was there.
        given().queryParam("q", "面瘫").get("/articles").then().statusCode(200).body("total", greaterThan(0));
    }
}
