package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Relies on the 12 demo departments, which no test adds to under the 内科 tree. */
@QuarkusTest
class PagingTest {

    @jakarta.inject.Inject
    com.bohe.content.TestData data;

    @Test
    void shouldPageWithEnvelopeAndAllFourLinks() {
        given().queryParam("size", 3).queryParam("page", 1).queryParam("sort", "id").queryParam("department", "nei-ke")
                .when().get("/diseases")
                .then().statusCode(200)
                .body("page", equalTo(1))
                .body("size", equalTo(3))
                .body("total", equalTo(6))
                .body("totalPages", equalTo(2))
                .body("items", hasSize(3))
                .header("Link", equalTo(
                        "</diseases?size=3&sort=id&department=nei-ke&page=0>; rel=\"first\", "
                                + "</diseases?size=3&sort=id&department=nei-ke&page=0>; rel=\"prev\", "
                                + "</diseases?size=3&sort=id&department=nei-ke&page=1>; rel=\"last\""));
    }

    // Other tests add diseases of their own: the counts below come from the database, not from the demo's ten.

    @Test
    void shouldLinkNextFromTheFirstPage() {
        long last = (data.diseaseCount() - 1) / 2;
        given().queryParam("size", 2)
                .when().get("/diseases")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .header("Link", equalTo("</diseases?size=2&page=0>; rel=\"first\", </diseases?size=2&page=1>; rel=\"next\", "
                        + "</diseases?size=2&page=" + last + ">; rel=\"last\""));
    }

    @Test
    void shouldDefaultToPage0Size20() {
        int total = (int) data.diseaseCount();
        given().when().get("/diseases")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("total", equalTo(total))
                .body("totalPages", equalTo((total + 19) / 20))
                .body("items", hasSize(Math.min(total, 20)));
        given().queryParam("department", "nei-ke").when().get("/diseases")
                .then().statusCode(200)
                .body("total", equalTo(6))
                .header("Link", equalTo("</diseases?department=nei-ke&page=0>; rel=\"first\", "
                        + "</diseases?department=nei-ke&page=0>; rel=\"last\""));
    }

    @Test
    void shouldAnswerAnEmptyPageBeyondTheLast() {
        given().queryParam("page", 2_000_000_000).queryParam("size", 100)
                .when().get("/diseases")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo((int) data.diseaseCount()))
                .body("page", equalTo(2_000_000_000));
    }

    @Test
    void shouldAcceptTheLargestSize() {
        given().queryParam("size", 100).when().get("/diseases").then().statusCode(200).body("size", equalTo(100));
    }

    @Test
    void shouldRejectSizeOver100() {
        invalid("/diseases?size=101", "size", "must be less than or equal to 100");
    }

    @Test
    void shouldRejectSizeZero() {
        invalid("/articles?size=0", "size", "must be greater than or equal to 1");
    }

    @Test
    void shouldRejectNegativePage() {
        invalid("/doctors?page=-1", "page", "must be greater than or equal to 0");
    }

    @Test
    void shouldRejectPageBeyondInt() {
        invalid("/hospitals?page=2147483648", "page", "must be a whole number between 0 and 2147483647");
    }

    @Test
    void shouldRejectNonNumericPage() {
        invalid("/departments?page=abc", "page", "must be a whole number between 0 and 2147483647");
    }

    @Test
    void shouldRejectUnknownSortField() {
        invalid("/articles?sort=-body", "sort", "unknown sort field 'body'; allowed: id, publishedAt, title, updatedAt, viewCount");
    }

    @Test
    void shouldRejectRepeatedSortField() {
        invalid("/doctors?sort=name,-name", "sort", "sort field 'name' is given twice");
    }

    @Test
    void shouldListEveryBrokenParameterAtOnce() {
        given().when().get("/articles?page=-1&size=500")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("page", "size"));
    }

    static void invalid(String path, String field, String message) {
        given().when().get(path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo(field + ": " + message))
                .body("instance", equalTo(path.replaceAll("\\?.*", "")))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }
}
