package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.TestData;

/** CORS by default: reads and views from any origin, writes from none. */
@QuarkusTest
class CorsTest {

    @Inject
    TestData data;

    static final String APP = "https://app.example";
    static final String BROWSER = com.bohe.content.TestData.BROWSER;

    @Test
    void shouldLetAnyOriginReadWithOneAnswerForAll() {
        // "*" and no Vary: Origin, so that a CDN keeps one copy whatever Origin each reader's browser sends.
        given().header("Origin", APP).get("/articles?size=1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", not(containsString("Origin")));
        long id = data.publishedArticle("跨域读取的文章").id; // its own: the demo's view counts are other tests
        // Twice: the second is answered from the article cache, before the REST layer.
        for (int i = 0; i < 2; i++) {
            given().header("Origin", APP).get("/articles/" + id).then().statusCode(200)
                    .header("Access-Control-Allow-Origin", "*").header("Vary", not(containsString("Origin")));
        }
        given().header("Origin", "https://attacker-" + System.nanoTime() + ".example").get("/articles/" + id).then()
                .statusCode(200).header("Access-Control-Allow-Origin", "*");
        given().header("Origin", APP).header("User-Agent", BROWSER).post("/articles/" + id + "/views").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*");
        // Without an Origin the answer is the same: a copy cached from it serves browsers too.
        given().get("/articles?size=1").then().header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void shouldRefuseAMalformedPreflightWithA400Problem() {
        for (String method : new String[] { "", " ", "GE T", "G\u00e9T", "(GET)", "GET,POST", "x".repeat(300) }) {
            given().header("Origin", APP).header("Access-Control-Request-Method", method)
                    .options("/articles/1").then().statusCode(400)
                    .contentType("application/problem+json").body("status", equalTo(400));
        }
        given().header("Origin", APP).header("Access-Control-Request-Method", "get")
                .options("/articles/1").then().statusCode(204);
    }

    @Test
    void shouldAnswerPreflightsForReadsAndRefuseThemForWrites() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, if-none-match")
                .options("/articles/1").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600");
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .options("/articles/1/views").then().statusCode(204).header("Access-Control-Allow-Origin", "*");
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .options("/articles/01/views/").then().statusCode(204).header("Access-Control-Allow-Origin", "*");
        for (String method : new String[] { "PATCH", "PUT", "DELETE", "POST" }) {
            given().header("Origin", APP).header("Access-Control-Request-Method", method)
                    .options(method.equals("POST") ? "/articles" : "/articles/1").then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403))
                    .header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
