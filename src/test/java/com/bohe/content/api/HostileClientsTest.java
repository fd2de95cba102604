package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.auth.Scopes;

/**
 * The holes an attacker found in the running jar, one test each: every one of them failed on the code before its
 * fix. The rate-limited ones are in ratelimit/RateLimitTest (limits on); the property over every public read of the
 * contract is {@link VisibilityPropertyTest}.
 */
@QuarkusTest
class HostileClientsTest {

    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldNotLetAFilterSpelledNullEmptyThePlainListForEveryone() {
        int total = given().get("/articles").then().statusCode(200).extract().path("total");
        assertTrue(total > 0);
        for (String filter : List.of("tag", "department", "disease", "reviewer")) {
            // "null" is a tag, or a slug that names nothing: an empty page, kept under its own key.
            given().queryParam(filter, "null").get("/articles").then().statusCode(200).body("total", equalTo(0));
            given().queryParam(filter, "null").queryParam("cursor", "").get("/articles").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            // Everyone else's list is untouched: from the route, and from the resource (a parameter it answers).
            given().get("/articles").then().statusCode(200).body("total", equalTo(total));
            given().queryParam("fields", "id").get("/articles").then().statusCode(200).body("total", equalTo(total));
            given().queryParam("cursor", "").get("/articles").then().statusCode(200).body("items.size()", greaterThan(0));
            given().queryParam(filter, "").get("/articles").then().statusCode(200).body("total", equalTo(total));
        }
    }

    @Test
    void shouldShowADraftsTextToNoTokenThatMayNotReadDrafts() {
        Article draft = data.article(data.department("只写令牌科"), "机密草稿标题甲", ArticleStatus.draft, null);
        Article scheduled = data.article(data.department("只写令牌科乙"), "机密定时标题乙", ArticleStatus.published,
                Instant.now().plus(1, ChronoUnit.DAYS));
        String writer = tokens.create("只写令牌", Scopes.WRITE);
        List<Response> answers = List.of(
                given().auth().oauth2(writer).post("/articles/" + draft.id + "/unpublish"),
                given().auth().oauth2(writer).contentType("application/merge-patch+json").header("If-Match", "*").body("{}")
                        .patch("/articles/" + draft.id),
                given().auth().oauth2(writer).contentType("application/merge-patch+json").header("If-Match", "*")
                        .body(Map.of("tags", List.of("改"))).patch("/articles/" + scheduled.id),
                given().auth().oauth2(writer).post("/articles/" + scheduled.id + "/publish"),
                given().auth().oauth2(writer).post("/articles/" + scheduled.id + "/unpublish"));
        for (Response answer : answers) {
            answer.then().statusCode(204).body(emptyString()).header("ETag", org.hamcrest.Matchers.matchesPattern("\"[0-9]+\""));
            assertFalse(answer.headers().toString().contains("机密"), answer.headers().toString());
        }
        // With the scope, the same writes answer the article.
        String editor = tokens.create("编辑令牌", Scopes.WRITE, Scopes.READ_DRAFTS);
        given().auth().oauth2(editor).post("/articles/" + draft.id + "/unpublish").then().statusCode(200)
                .body("title", equalTo("机密草稿标题甲"));
        // And a write that leaves an article public answers it to any writer: readers see it anyway.
        Article published = data.publishedArticle("公开文章的写入应答");
        given().auth().oauth2(writer).contentType("application/merge-patch+json").header("If-Match", "*").body("{}")
                .patch("/articles/" + published.id).then().statusCode(200).body("title", equalTo("公开文章的写入应答"));
    }

    @Test
    void shouldNameOnlyTheSlugAskedForWhileAnArticleIsNotDue() {
        Article scheduled = data.article(data.department("禁发期科"), "禁发期内的文章", ArticleStatus.published,
                Instant.now().plus(1, ChronoUnit.DAYS));
        for (int i = 0; i < 3; i++) { // the first read fills the slug cache; the later ones read it
            String body = given().get("/articles/slug/" + scheduled.slug).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("No article found for slug " + scheduled.slug))
                    .extract().asString();
            assertFalse(body.contains("for id") || body.contains("\"id\""), "the id of an embargoed article: " + body);
        }
        // The same answer as for a slug that never existed, but for the slug itself.
        given().get("/articles/slug/never-was-an-article").then().statusCode(404)
                .body("detail", equalTo("No article found for slug never-was-an-article"));
    }

    @Test
    void shouldRefuseABodyOverTheLimitWhateverItsFraming() throws Exception {
        byte[] big = ("{\"name\": \"" + "大".repeat(800_000) + "\"}").getBytes(StandardCharsets.UTF_8); // 2.4 MB
        // Chunked: no Content-Length to look at, so the bytes are counted as they come.
        HttpResponse<String> chunked = chunked("/departments", big);
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
        assertTrue(chunked.body().contains("\"status\":413"), chunked.body());
        // With a Content-Length: refused before it is read.
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(big)
                .post("/departments").then().statusCode(413).contentType("application/problem+json");
        // A chunked body under the limit is read as ever, and so is an empty one.
        HttpResponse<String> small = chunked("/departments", "{\"name\": \"分块传输的科室\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, small.statusCode(), small.body());
        assertTrue(small.body().contains("分块传输的科室"), small.body());
        assertEquals(400, chunked("/departments", new byte[0]).statusCode());
        // A body on a read is not read at all, and the server keeps answering.
        given().get("/articles?size=1").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void shouldAnswerTheSameArticleWhateverTheSpellingOfItsIdAndNeverA5xx() {
        Article article = data.publishedArticle("各种写法的编号");
        for (String id : List.of("0" + article.id, "+" + article.id, article.id + "/")) {
            given().get("/articles/" + id).then().statusCode(200).body("id", equalTo(article.id.intValue()));
        }
        for (String id : List.of("-1", "1e3", "0x10", "99999999999999999999", "null", "%00")) {
            given().urlEncodingEnabled(false).get("/articles/" + id).then().statusCode(not(greaterThan(499)))
                    .contentType("application/problem+json");
        }
    }

    /** A POST whose body goes in chunks (HTTP/1.1, no Content-Length), as the admin. */
    private HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(path.substring(1)))
                .header("Authorization", "Bearer " + tokens.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
