package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
    void shouldLetAnyOriginRead() {
        given().header("Origin", APP).get("/articles?size=1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", containsString("Origin"));
        long id = data.publishedArticle("跨域读取的文章").id; // its own: the demo's view counts are other tests
        // Twice: the second is answered from the article cache, before the REST layer.
        given().header("Origin", APP).get("/articles/" + id).then().statusCode(200).header("Access-Control-Allow-Origin", APP);
        given().header("Origin", APP).get("/articles/" + id).then().statusCode(200).header("Access-Control-Allow-Origin", APP);
        given().header("Origin", APP).header("User-Agent", BROWSER).post("/articles/" + id + "/views").then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP);
        given().get("/articles?size=1").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void shouldAnswerPreflightsForReadsAndRefuseThemForWrites() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, if-none-match")
                .options("/articles/1").then().statusCode(204)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600");
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .options("/articles/1/views").then().statusCode(204).header("Access-Control-Allow-Origin", APP);
        for (String method : new String[] { "PATCH", "PUT", "DELETE", "POST" }) {
            given().header("Origin", APP).header("Access-Control-Request-Method", method)
                    .options(method.equals("POST") ? "/articles" : "/articles/1").then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403))
                    .header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
