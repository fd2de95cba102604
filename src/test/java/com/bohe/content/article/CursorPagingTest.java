package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import com.bohe.content.TestData;
import com.bohe.content.department.Department;

@QuarkusTest
class CursorPagingTest {

    @Inject
    TestData data;

    private JsonPath page(String department, String cursor, int limit) {
        return given().queryParam("department", department).queryParam("cursor", cursor).queryParam("limit", limit)
                .when().get("/articles").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldWalkNewestFirstWithoutDuplicatesOrGapsWhileArticlesArrive() {
        Department department = data.department("游标分页科");
        Instant base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Pairs share a publication time: the id breaks the tie.
            articles.add(data.article(department, "游标分页文章" + i, ArticleStatus.published, base.plus(i / 2, ChronoUnit.HOURS)));
        }
        List<Long> expected = articles.stream()
                .sorted(Comparator.comparing((Article a) -> a.publishedAt).thenComparing(a -> a.id).reversed())
                .map(a -> a.id).toList();

        JsonPath first = page(department.slug, "", 5);
        List<Long> seen = new ArrayList<>(first.getList("items.id", Long.class));
        // Newer articles arrive while the client pages: they sort before the cursor and do not disturb the walk.
        data.article(department, "游标分页新文章", ArticleStatus.published, Instant.now().minusSeconds(5));
        data.article(department, "游标分页草稿", ArticleStatus.draft, base);
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath next = page(department.slug, cursor, 5);
            seen.addAll(next.getList("items.id", Long.class));
            cursor = next.getString("nextCursor");
        }
        assertEquals(expected, seen);
    }

    @Test
    void shouldEndWithANullCursorAndAnswerAnEmptyLastPage() {
        Department department = data.department("游标末页科");
        data.article(department, "游标末页文章一", ArticleStatus.published, Instant.now().minusSeconds(100));
        data.article(department, "游标末页文章二", ArticleStatus.published, Instant.now().minusSeconds(50));
        JsonPath page = page(department.slug, "", 2);
        assertEquals(2, page.getList("items").size());
        assertNull(page.getString("nextCursor"), "a page that ends the list has no next cursor");
        given().queryParam("department", "no-such-department").queryParam("cursor", "").get("/articles")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));
    }

    @Test
    void shouldTrimItemsToTheFieldsAsked() {
        var item = given().queryParam("fields", "title,viewCount").queryParam("size", 1).get("/articles")
                .then().statusCode(200).header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .extract().jsonPath().getMap("items[0]");
        assertEquals(java.util.Set.of("id", "title", "viewCount"), item.keySet());
        var cursorItem = given().queryParam("fields", "slug").queryParam("cursor", "").queryParam("limit", 1).get("/articles")
                .then().statusCode(200).extract().jsonPath().getMap("items[0]");
        assertEquals(java.util.Set.of("id", "slug"), cursorItem.keySet());
        given().queryParam("fields", "title,body").get("/articles").then().statusCode(400)
                .body("errors[0].field", equalTo("fields"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("'body'"));
    }

    @Test
    void shouldRefuseForeignCursorsAndMixedPaging() {
        given().queryParam("cursor", "not-a-cursor").get("/articles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("cursor", "").queryParam("page", 2).get("/articles").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().queryParam("cursor", "").queryParam("sort", "title").get("/articles").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().queryParam("limit", 5).get("/articles").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "").queryParam("limit", 0).get("/articles").then().statusCode(400);
        given().queryParam("cursor", "").queryParam("limit", 101).get("/articles").then().statusCode(400);
    }
}
