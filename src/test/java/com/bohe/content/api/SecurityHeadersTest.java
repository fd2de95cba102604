package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** nosniff on every answer, whichever layer wrote it; a Content-Security-Policy on Swagger UI. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void shouldSendNosniffOnEveryKindOfAnswer() {
        long id = given().get("/articles?size=1").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .extract().jsonPath().getLong("items[0].id");
        given().get("/articles/" + id).then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/articles/" + id).then().statusCode(200).header("X-Content-Type-Options", "nosniff"); // cached
        given().get("/articles/999999999").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().get("/diseases?size=1").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void shouldConfineSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("object-src 'none'"), containsString("frame-ancestors 'none'")))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/articles?size=1").then().header("Content-Security-Policy", nullValue());
    }
}
