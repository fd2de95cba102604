package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class ProblemTest {

    @Test
    void shouldAnswer400ProblemForNonNumericId() {
        for (String resource : new String[] { "articles", "diseases", "doctors", "hospitals", "departments" }) {
            PagingTest.invalid("/" + resource + "/abc", "id", "must be a whole number");
        }
    }

    @Test
    void shouldAnswer400ProblemForNonNumericCrossLinkId() {
        PagingTest.invalid("/hospitals/x1/doctors", "id", "must be a whole number");
    }

    @Test
    void shouldAnswer400ProblemForMalformedFilterValue() {
        PagingTest.invalid("/articles?disease=..%2Fetc", "disease",
                "must be a positive numeric id or a slug (lowercase letters, digits and hyphens)");
        PagingTest.invalid("/doctors?hospital=Not%20A%20Slug", "hospital",
                "must be a positive numeric id or a slug (lowercase letters, digits and hyphens)");
    }

    @Test
    void shouldAnswer400ProblemForUnknownDoctorTitle() {
        PagingTest.invalid("/doctors?title=院长", "title", "must be one of 主任医师, 副主任医师, 主治医师, 医师");
    }

    @Test
    void shouldAnswer400ProblemForOverlongQ() {
        PagingTest.invalid("/hospitals?q=" + "医".repeat(101), "q", "size must be between 0 and 100");
    }

    @Test
    void shouldAnswer404ProblemForUnknownPath() {
        given().when().get("/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/no-such-thing"));
    }

    @Test
    void shouldAnswer405ProblemWithAllowHeader() {
        given().when().delete("/articles")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", containsString("GET"))
                .header("Allow", containsString("POST"))
                .header("Allow", not(containsString("DELETE")))
                .body("title", equalTo("Method Not Allowed"))
                .body("status", equalTo(405));
    }

    @Test
    void shouldAnswer406ProblemWhenNoJsonIsAcceptable() {
        given().accept("application/xml").when().get("/articles")
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Acceptable"))
                .body("status", equalTo(406))
                .body("instance", equalTo("/articles"));
    }

    @Test
    void shouldAnswer415ProblemForAnUnsupportedBody() {
        given().contentType("text/plain").body("hello").when().post("/test-probe")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("title", equalTo("Unsupported Media Type"))
                .body("status", equalTo(415));
    }

    @Test
    void shouldAnswer500ProblemWithoutInternals() {
        given().when().get("/test-probe/failure")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Internal Server Error"))
                .body("detail", equalTo("The server could not complete the request."))
                .body("instance", equalTo("/test-probe/failure"))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("com.bohe")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void shouldReportEveryBrokenParameter() {
        given().when().get("/doctors?page=-2&size=0")
                .then().statusCode(400)
                .body("errors", hasSize(2));
    }
}
