package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

import com.bohe.content.embedded.EmbeddedPostgresLauncher;

/** The database away, or too slow: clean 503 and 504 problems, nothing hangs, and service resumes by itself. */
@QuarkusTest
class DatabaseFaultTest {

    /** A request that hangs fails the test instead of waiting forever. */
    static final RestAssuredConfig NO_HANGING = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 15_000).setParam("http.connection.timeout", 5_000));

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndServeAgainWhenItIsBack() throws Exception {
        long cached = given().get("/articles?size=1").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        given().get("/articles/" + cached).then().statusCode(200); // now in the article cache
        EmbeddedPostgresLauncher.stop();
        try {
            for (String path : new String[] { "/diseases?size=3", "/doctors/999999", "/articles?size=3&sort=id",
                    "/articles?cursor=&limit=3", "/departments?size=2" }) {
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
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = given().config(NO_HANGING).get("/diseases?size=1").then().extract().statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(200, status, "serving again within 5 s of the database's return");
        given().get("/q/health/ready").then().statusCode(200);
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
