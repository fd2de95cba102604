package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** CORS with an editorial frontend allowed to write, and reads limited to a list. */
@QuarkusTest
@TestProfile(CorsWriteOriginsTest.EditorOrigin.class)
class CorsWriteOriginsTest {

    static final String APP = "https://app.example";

    public static class EditorOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("content.cors.write-origins", "https://cms.example", "content.cors.read-origins",
                    "https://cms.example,https://app.example");
        }
    }

    @Test
    void shouldLetOnlyListedOriginsWriteAndRead() {
        given().header("Origin", "https://cms.example").header("Access-Control-Request-Method", "PATCH")
                .options("/articles/1").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://cms.example")
                .header("Access-Control-Allow-Methods", containsString("PATCH"));
        given().header("Origin", APP).header("Access-Control-Request-Method", "PATCH")
                .options("/articles/1").then().statusCode(403);
        // A list of origins: the answer depends on the Origin, and says so.
        given().header("Origin", APP).get("/articles?size=1").then().header("Access-Control-Allow-Origin", APP)
                .header("Vary", containsString("Origin"));
        given().get("/articles?size=1").then().header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", containsString("Origin"));
        given().header("Origin", "https://elsewhere.example").get("/articles?size=1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", not(nullValue()));
    }
}
