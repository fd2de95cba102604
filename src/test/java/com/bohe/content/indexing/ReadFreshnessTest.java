package com.bohe.content.indexing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;

/**
 * Caches of reads drop an article when its change commits here, or when the change log shows another instance's,
 * whether or not the search index then applies it.
 */
@QuarkusTest
class ReadFreshnessTest {

    @Inject
    ContentIndexer indexer;
    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    @AfterEach
    void indexWorksAgain() {
        indexer.failNextApply(null);
    }

    @Test
    void shouldServeAnEditAtOnceEvenWhenTheIndexFailsToApplyIt() {
        var department = data.department("缓存新鲜科");
        long id = data.article(department, "缓存新鲜的旧标题", "缓存新鲜的正文。").id;
        String departmentSlug = given().get("/articles/" + id).then().statusCode(200).extract().path("department.slug");
        String list = "/articles?department=" + departmentSlug + "&size=5";
        given().get("/articles/" + id).then().body("title", equalTo("缓存新鲜的旧标题")); // cached now
        given().get(list).then().body("items[0].title", equalTo("缓存新鲜的旧标题"));
        String etag = given().get("/articles/" + id).then().extract().header("ETag");

        indexer.failNextApply(new IllegalStateException("the index is away"));
        given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body(Map.of("title", "缓存新鲜的新标题"))
                .patch("/articles/" + id).then().statusCode(200);

        var after = given().get("/articles/" + id).then().statusCode(200).body("title", equalTo("缓存新鲜的新标题")).extract();
        assertNotEquals(etag, after.header("ETag"));
        given().get(list).then().body("items[0].title", equalTo("缓存新鲜的新标题"));
        given().queryParam("limit", 5).get("/articles/" + id + "/related").then().statusCode(200);
    }

    @Test
    void shouldServeAnotherInstancesEditOnceTheLogShowsItEvenWhenTheIndexFails() {
        var department = data.department("别处编辑科");
        long id = data.article(department, "别处编辑前的标题", "别处编辑的正文。").id;
        given().get("/articles/" + id).then().body("title", equalTo("别处编辑前的标题"));

        data.retitleBehindTheIndexesBack(id, "别处编辑后的标题");
        // Until the catch-up reads the log, this instance serves what it has: the interval is the promise.
        given().get("/articles/" + id).then().body("title", equalTo("别处编辑前的标题"));

        indexer.failNextApply(new IllegalStateException("the index is away"));
        try {
            indexer.catchUp();
        } catch (IllegalStateException expected) {
            assertEquals("the index is away", expected.getMessage());
        }
        given().get("/articles/" + id).then().statusCode(200).body("title", equalTo("别处编辑后的标题"));
        // The index catches up on the next look: the log is read again until applied.
        indexer.catchUp();
        List<Integer> found = given().queryParam("q", "\"别处编辑后的标题\"").get("/articles").then().extract().path("items.id");
        assertEquals(List.of((int) id), found);
    }
}
