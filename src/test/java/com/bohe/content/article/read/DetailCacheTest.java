package com.bohe.content.article.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.ArticleStatus;

/** The article detail cache: warmed with public articles only, and serving the same bytes as a fresh load. */
@QuarkusTest
class DetailCacheTest {

    @Inject
    DetailCache cache;
    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    @Test
    void shouldWarmWithPublicArticlesOnlyAndServeWhatALoadWould() {
        var department = data.department("预热科");
        long published = data.article(department, "预热的文章", "预热正文:" + "较长的内容。".repeat(200)).id;
        long draft = data.article(department, "预热的草稿", ArticleStatus.draft, null).id;
        long scheduled = data.article(department, "预热的定时文章", ArticleStatus.published, Instant.now().plus(1, ChronoUnit.DAYS)).id;

        cache.warm();

        var cached = cache.cached(published);
        assertTrue(cached instanceof Lookup.Hit, "a public article is cached by the warm-up");
        var entry = ((Lookup.Hit<DetailCache.Entry>) cached).value();
        assertTrue(entry.json().size() < entry.json().plainLength() * 0.8, "kept compressed");
        assertTrue(cache.cached(draft).isMiss(), "drafts are not warmed");
        assertTrue(cache.cached(scheduled).isMiss(), "articles scheduled for later are not warmed");

        String served = given().get("/articles/" + published).then().statusCode(200).extract().asString();
        String body = new String(entry.withViewCount(0), StandardCharsets.UTF_8);
        assertEquals(body.replaceAll("\"viewCount\":\\d+", ""), served.replaceAll("\"viewCount\":\\d+", ""));
        assertTrue(body.contains("\"viewCount\":0"), body);
    }

    @Test
    void shouldAnswerFromTheHttpLayerExactlyAsTheResourceDoes() {
        var department = data.department("直答科");
        long id = data.article(department, "直答的文章", "直答正文:" + "内容。".repeat(400)).id;
        assertTrue(cache.cached(id).isMiss(), "not cached before its first read");

        var first = given().get("/articles/" + id).then().statusCode(200).extract().response();
        assertTrue(cache.cached(id) instanceof Lookup.Hit, "cached by the first read: the next one is answered before the REST layer");
        var second = given().get("/articles/" + id).then().statusCode(200).extract().response();
        assertEquals(first.asString(), second.asString());
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type", "Content-Encoding")) {
            assertEquals(first.header(header), second.header(header), header);
        }
        assertNotNull(second.header("Last-Modified"));
        given().header("If-None-Match", first.header("ETag")).get("/articles/" + id).then().statusCode(304)
                .header("ETag", first.header("ETag")).header("Cache-Control", first.header("Cache-Control"))
                .body(emptyString());
        given().header("If-Modified-Since", first.header("Last-Modified")).get("/articles/" + id).then().statusCode(304);
        // With a token the REST layer answers: private, as every read with a token.
        given().auth().oauth2(tokens.admin()).get("/articles/" + id).then().statusCode(200)
                .header("Cache-Control", "private, no-store").body("title", equalTo("直答的文章"));
        // What does not take JSON is the REST layer's to refuse, cached or not.
        given().accept("application/xml").get("/articles/" + id).then().statusCode(406);
        given().accept("application/*").get("/articles/" + id).then().statusCode(200).body("id", equalTo((int) id));
        // The route declines ids not in canonical form (ReadRoute.canonicalId): the resource answers /articles/0<id>,
        // and must answer exactly as the route did.
        var fromResource = given().get("/articles/0" + id).then().statusCode(200).extract().response();
        assertEquals(second.asString(), fromResource.asString());
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type", "Surrogate-Key", "Cache-Tag")) {
            assertEquals(second.header(header), fromResource.header(header), header);
        }
        given().header("If-None-Match", first.header("ETag")).get("/articles/0" + id).then().statusCode(304);
        given().get("/articles/x" + id).then().statusCode(400);
    }
}
