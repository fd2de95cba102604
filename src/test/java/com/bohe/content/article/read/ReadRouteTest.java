package com.bohe.content.article.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.ArticleQuery;
import com.bohe.content.article.ArticleStatus;

/** The first page of /articles answered from the HTTP layer: as the resource answers it, with live counts. */
@QuarkusTest
class ReadRouteTest {

    static final String BROWSER = TestData.BROWSER;

    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    @Test
    void shouldAnswerTheFirstPageAsTheResourceDoesWithLiveCounts() {
        // Views go to an article of this test's own: the demo's counts are what other tests read.
        long own = data.article(data.department("首页计数科"), "首页计数的文章", ArticleStatus.published,
                Instant.now().minus(1, ChronoUnit.SECONDS)).id;
        Response fromRoute = given().get("/articles?size=5").then().statusCode(200).extract().response();
        // With a token the resource answers the same URI.
        Response fromResource = given().auth().oauth2(tokens.admin()).get("/articles?size=5").then().statusCode(200)
                .extract().response();
        assertEquals(fromResource.asString(), fromRoute.asString());
        assertEquals(fromResource.header("Link"), fromRoute.header("Link"));
        assertEquals("public, max-age=60, stale-while-revalidate=300, stale-if-error=86400", fromRoute.header("Cache-Control"));
        assertEquals("Accept-Encoding", fromRoute.header("Vary"));
        assertEquals("application/json", fromRoute.header("Content-Type"));

        String count = "items.find { it.id == " + own + " }.viewCount";
        long before = fromRoute.jsonPath().getLong(count);
        given().header("User-Agent", BROWSER).post("/articles/" + own + "/views").then().statusCode(200);
        Response after = given().get("/articles?size=5").then().statusCode(200).extract().response();
        assertEquals(before + 1, after.jsonPath().getLong(count), "view counts are live");
        assertEquals(fromRoute.header("ETag"), after.header("ETag"), "the tag does not cover view counts");
        given().header("If-None-Match", after.header("ETag")).get("/articles?size=5").then().statusCode(304).body(emptyString());

        long newest = data.article(data.department("首页路由科"), "首页路由的新文章", ArticleStatus.published,
                Instant.now().minus(1, ChronoUnit.SECONDS)).id;
        Response changed = given().get("/articles?size=5").then().statusCode(200)
                .body("items[0].id", equalTo((int) newest)).extract().response();
        assertNotEquals(after.header("ETag"), changed.header("ETag"));
    }

    @Test
    void shouldAnswerTheFirstPageOfASearchAsTheResourceDoes() {
        String path = "/articles?q=%E9%9D%A2%E7%98%AB&size=3";
        Response fromRoute = given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract().response();
        Response fromResource = given().urlEncodingEnabled(false).auth().oauth2(tokens.admin()).get(path).then().statusCode(200)
                .extract().response();
        assertEquals(fromResource.asString(), fromRoute.asString());
        assertEquals(fromResource.header("Link"), fromRoute.header("Link"));
        assertEquals(3, fromRoute.jsonPath().getList("items").size());
        assertTrue(fromRoute.jsonPath().getString("items[0].highlight").contains("<em>"));
        given().get("/articles?q=" + "长".repeat(ArticleQuery.MAX_Q + 1)).then().statusCode(400);
    }

    @Test
    void shouldAnswerARelatedListAsTheResourceDoesWithLiveCounts() {
        // Views go to an article of this test's own, related to the seed: the demo's counts are what other tests read.
        var department = data.department("相关计数科");
        String body = "偏头痛发作时应尽快在安静、光线较暗的环境中休息,可冷敷额头,必要时按医嘱服用止痛药。";
        long seed = data.article(department, "相关计数:偏头痛发作时怎么办", body).id;
        long own = data.article(department, "相关计数:偏头痛发作如何缓解", body).id;
        String path = "/articles/" + seed + "/related?limit=5";
        Response fromRoute = given().get(path).then().statusCode(200).extract().response();
        Response again = given().get(path).then().statusCode(200).extract().response();
        Response fromResource = given().auth().oauth2(tokens.admin()).get(path).then().statusCode(200).extract().response();
        // The route declines limit=05; the resource answers it, by the same rule.
        Response spelled = given().get("/articles/" + seed + "/related?limit=05").then().statusCode(200).extract().response();
        assertEquals(fromResource.asString(), fromRoute.asString());
        for (Response other : List.of(fromResource, spelled)) {
            assertEquals(fromRoute.asString(), other.asString());
            for (String header : List.of("ETag", "Last-Modified", "Surrogate-Key", "Cache-Tag")) {
                assertEquals(fromRoute.header(header), other.header(header), header);
            }
        }
        assertEquals("private, no-store", fromResource.header("Cache-Control"), "a token's read is private");
        assertEquals(fromRoute.header("Cache-Control"), spelled.header("Cache-Control"));
        assertEquals(fromRoute.asString(), again.asString());
        assertEquals(5, fromRoute.jsonPath().getList("items").size());
        assertEquals("public, max-age=60, stale-while-revalidate=300, stale-if-error=86400", again.header("Cache-Control"));
        assertEquals(fromRoute.header("ETag"), again.header("ETag"));

        String count = "items.find { it.id == " + own + " }.viewCount";
        long before = again.jsonPath().getLong(count);
        given().header("User-Agent", BROWSER).post("/articles/" + own + "/views").then().statusCode(200);
        Response after = given().get(path).then().statusCode(200).extract().response();
        assertEquals(before + 1, after.jsonPath().getLong(count), "view counts are live");
        assertEquals(again.header("ETag"), after.header("ETag"), "the tag does not cover view counts");
        given().header("If-None-Match", after.header("ETag")).get(path).then().statusCode(304).body(emptyString());
        // What the route does not take, the resource answers or refuses.
        given().get("/articles/" + seed + "/related?limit=51").then().statusCode(400);
        given().get("/articles/" + seed + "/related?limit=0").then().statusCode(400);
        given().get("/articles/999999999/related").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswerCursorPagesAsTheResourceDoes() {
        Response first = given().get("/articles?cursor=&limit=3").then().statusCode(200).extract().response();
        Response fromResource = given().auth().oauth2(tokens.admin()).get("/articles?cursor=&limit=3").then().statusCode(200)
                .extract().response();
        assertEquals(fromResource.asString(), first.asString());
        assertEquals(3, first.jsonPath().getList("items").size());
        String next = first.jsonPath().getString("nextCursor");
        Response second = given().urlEncodingEnabled(false).get("/articles?cursor=" + next + "&limit=3").then().statusCode(200)
                .extract().response();
        assertEquals(given().urlEncodingEnabled(false).auth().oauth2(tokens.admin()).get("/articles?cursor=" + next + "&limit=3")
                .then().extract().asString(), second.asString());
        assertTrue(second.jsonPath().getLong("items[0].id") != first.jsonPath().getLong("items[2].id"));
        given().header("If-None-Match", first.header("ETag")).get("/articles?cursor=&limit=3").then().statusCode(304);

        long newest = data.article(data.department("游标路由科"), "游标路由的新文章", ArticleStatus.published,
                Instant.now().minus(1, ChronoUnit.SECONDS)).id;
        given().get("/articles?cursor=&limit=3").then().statusCode(200).body("items[0].id", equalTo((int) newest));
        given().get("/articles?cursor=not-a-cursor&limit=3").then().statusCode(400);
        given().get("/articles?cursor=&limit=101").then().statusCode(400);
    }

    @Test
    void shouldLeaveOtherListsToTheResource() {
        // Parameters the route does not take are validated by the resource, as before.
        given().get("/articles?size=0").then().statusCode(400);
        given().get("/articles?size=101").then().statusCode(400);
        given().get("/articles?size=5&page=1").then().statusCode(200).body("page", equalTo(1));
        given().get("/articles?size=5&size=6").then().statusCode(200);
    }

    @Test
    void shouldAnswerPagesAlikeWhetherTheRouteOrTheResourceServesThem() {
        // The route takes size=3 and limit=3; it declines size=03 and limit=03, which the resource reads as the same.
        for (String[] pair : new String[][] { { "/articles?size=3", "/articles?size=03" },
                { "/articles?cursor=&limit=3", "/articles?cursor=&limit=03" } }) {
            Response fromRoute = given().get(pair[0]).then().statusCode(200).extract().response();
            Response fromResource = given().get(pair[1]).then().statusCode(200).extract().response();
            assertEquals(fromRoute.asString(), fromResource.asString(), pair[1]);
            for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Surrogate-Key", "Cache-Tag")) {
                assertEquals(fromRoute.header(header), fromResource.header(header), pair[1] + " " + header);
            }
            given().header("If-None-Match", fromRoute.header("ETag")).get(pair[1]).then().statusCode(304);
        }
    }

    @Test
    void shouldAnswerProblemsAsTheResourceDoes() {
        long draft = data.article(data.department("路由问题科"), "路由问题的草稿", ArticleStatus.draft, null).id;
        long scheduled = data.article(data.department("路由问题科"), "路由问题的预约文章", ArticleStatus.published,
                Instant.now().plus(1, ChronoUnit.DAYS)).id;
        // The route takes the canonical spelling; the resource takes 0-prefixed ids and limit=05.
        String[][] pairs = { { "/articles/" + draft, "/articles/0" + draft },
                { "/articles/" + scheduled, "/articles/0" + scheduled },
                { "/articles/" + scheduled + "/related", "/articles/" + scheduled + "/related?limit=010" },
                { "/articles/987654321", "/articles/0987654321" },
                { "/articles/" + draft + "/related", "/articles/" + draft + "/related?limit=010" },
                { "/articles/987654321/related?limit=10", "/articles/987654321/related?limit=010" },
                { "/articles?cursor=not-a-cursor&limit=3", "/articles?cursor=not-a-cursor&limit=03" } };
        for (String[] pair : pairs) {
            Response fromRoute = given().get(pair[0]).then().extract().response();
            Response fromResource = given().get(pair[1]).then().extract().response();
            assertTrue(fromRoute.statusCode() == 404 || fromRoute.statusCode() == 400, pair[0] + " " + fromRoute.statusCode());
            assertEquals(fromResource.statusCode(), fromRoute.statusCode(), pair[0]);
            assertEquals("application/problem+json", fromRoute.contentType(), pair[0]);
            assertEquals(fromResource.contentType(), fromRoute.contentType(), pair[0]);
            for (String member : List.of("type", "title", "status", "detail", "errors")) {
                assertEquals(String.valueOf(fromResource.jsonPath().getString(member)), String.valueOf(fromRoute.jsonPath().getString(member)),
                        pair[0] + " " + member);
            }
            assertEquals(pair[0].replaceAll("\\?.*", ""), fromRoute.jsonPath().getString("instance"));
            for (String header : List.of("Cache-Control", "ETag", "Surrogate-Key", "Content-Encoding")) {
                assertEquals(fromResource.header(header), fromRoute.header(header), pair[0] + " " + header);
            }
        }
        given().get("/articles/" + draft).then().statusCode(404).body("detail", equalTo("No article found for id " + draft));
    }

    @Test
    void shouldAnswerATrailingSlashAsWithout() {
        long id = given().get("/articles?size=1").then().extract().jsonPath().getLong("items[0].id");
        for (String path : List.of("/articles/" + id, "/articles/" + id + "/related")) {
            Response plain = given().get(path).then().statusCode(200).extract().response();
            Response slashed = given().get(path + "/").then().statusCode(200).extract().response();
            assertEquals(plain.asString(), slashed.asString(), path);
            for (String header : List.of("ETag", "Cache-Control", "Surrogate-Key")) {
                assertEquals(plain.header(header), slashed.header(header), path + " " + header);
            }
        }
        given().get("/articles/987654321/").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No article found for id 987654321"));
    }
}
