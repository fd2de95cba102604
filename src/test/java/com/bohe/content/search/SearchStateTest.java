package com.bohe.content.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** An answer that depends on a search index still being built says so, and shared caches do not keep it. */
@QuarkusTest
class SearchStateTest {

    @Inject
    SearchIndexes indexes;

    @Test
    void answersFromAnIndexBeingBuiltSaySo() {
        long id = given().get("/articles?size=1&sort=-publishedAt").then().extract().jsonPath().getLong("items[0].id");
        given().queryParam("q", "面瘫").get("/articles").then().statusCode(200).header(SearchState.HEADER, nullValue())
                .header("Cache-Control", startsWith("public"));
        indexes.markBuilding();
        try {
            for (String path : new String[] { "/articles?q=面瘫", "/articles/" + id + "/related", "/articles/" + id + "/related/",
                "/diseases?q=面", "/doctors?q=wjg" }) {
                given().urlEncodingEnabled(true).get(path).then().statusCode(200).header(SearchState.HEADER, equalTo("building"))
                        .header("Cache-Control", equalTo("no-store"));
            }
            for (String path : new String[] { "/articles?size=1", "/articles/" + id, "/diseases?size=1", "/suggest?q=面" }) {
                given().get(path).then().statusCode(200).header(SearchState.HEADER, nullValue())
                        .header("Cache-Control", startsWith("public"));
            }
            given().queryParam("q", "面瘫").queryParam("size", "0").get("/articles").then().statusCode(400)
                    .header(SearchState.HEADER, nullValue());
        } finally {
            indexes.markReady();
        }
        given().queryParam("q", "面瘫").get("/articles").then().statusCode(200).header(SearchState.HEADER, nullValue());
    }
}
