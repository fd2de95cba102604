package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;
import com.bohe.content.views.ViewCounter;

/** Validators, 304s, Cache-Control, Vary and compression. */
@QuarkusTest
class HttpCachingTest {

    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";
    static final String BROWSER = com.bohe.content.TestData.BROWSER;

    @Inject
    Tokens tokens;
    @Inject
    TestData data;
    @Inject
    ViewCounter counter;

    private long publishedArticle(String title, String disease) {
        var body = new java.util.HashMap<String, Object>(Map.of("title", title, "body", "缓存测试正文:" + title, "status", "published",
                "publishedAt", Instant.now().minusSeconds(60).toString(), "department", data.department(title + "科").slug));
        if (disease != null) {
            body.put("diseases", java.util.List.of(disease));
        }
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private String etag(String path) {
        return given().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void shouldChangeTheETagWhenAndOnlyWhenTheContentChanges() throws Exception {
        var disease = data.disease("缓存测试病", data.department("缓存测试病科"));
        long id = publishedArticle("缓存测试文章", disease.slug);
        String first = etag("/articles/" + id);
        assertEquals(first, etag("/articles/" + id), "the same content, the same tag");

        for (int i = 0; i < 3; i++) {
            given().header("User-Agent", BROWSER).when().post("/articles/" + id + "/views").then().statusCode(200);
        }
        counter.flush();
        given().when().get("/articles/" + id).then().body("viewCount", equalTo(3)).header("ETag", first);

        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", first)
                .body(Map.of("summary", "改过的摘要")).when().patch("/articles/" + id).then().statusCode(200);
        String second = etag("/articles/" + id);
        assertNotEquals(first, second, "an edit changes the tag");
        given().when().get("/articles/" + id).then().body("summary", equalTo("改过的摘要"));

        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "*")
                .body(Map.of("name", "缓存测试病(新名)")).when().patch("/diseases/" + disease.id).then().statusCode(200);
        String third = etag("/articles/" + id);
        assertNotEquals(second, third, "renaming a disease the article names changes the article's tag");
        given().when().get("/articles/" + id).then().body("diseases[0].name", equalTo("缓存测试病(新名)"));
    }

    @Test
    void shouldAnswer304WithoutABodyForACurrentCopy() {
        long id = publishedArticle("条件请求测试", null);
        var first = given().when().get("/articles/" + id).then().statusCode(200).extract();
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        given().header("If-None-Match", etag).when().get("/articles/" + id)
                .then().statusCode(304).body(emptyString()).header("ETag", etag)
                .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400");
        given().header("If-None-Match", "\"0-stale\", " + etag).when().get("/articles/" + id).then().statusCode(304);
        given().header("If-None-Match", "\"0-stale\"").when().get("/articles/" + id).then().statusCode(200);
        given().header("If-Modified-Since", lastModified).when().get("/articles/" + id).then().statusCode(304);
        given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").when().get("/articles/" + id).then().statusCode(200);
        given().header("If-None-Match", "\"0-stale\"").header("If-Modified-Since", lastModified).when().get("/articles/" + id)
                .then().statusCode(200);

        String slugTag = given().when().get("/articles/" + id).then().extract().jsonPath().getString("slug");
        given().header("If-None-Match", etag).when().get("/articles/slug/" + slugTag).then().statusCode(304);
    }

    @Test
    void shouldValidateListsAndOtherResourcesToo() {
        var list = given().when().get("/diseases?size=3").then().statusCode(200)
                .header("ETag", notNullValue()).header("Last-Modified", notNullValue()).extract();
        given().header("If-None-Match", list.header("ETag")).when().get("/diseases?size=3").then().statusCode(304);
        given().header("If-None-Match", list.header("ETag")).when().get("/diseases?size=2").then().statusCode(200);
        String articles = given().when().get("/articles?size=5").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", articles).when().get("/articles?size=5").then().statusCode(304);
        String disease = given().when().get("/diseases/slug/mian-tan").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", disease).when().get("/diseases/slug/mian-tan").then().statusCode(304);
    }

    @Test
    void shouldDropCachedListsAndDetailsOnAWriteAndKeepViewCountsLive() throws Exception {
        var department = data.department("缓存失效科");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "缓存失效文章一", "body", "正文一。", "status", "published",
                "publishedAt", Instant.now().minusSeconds(60).toString(), "department", department.slug));
        long first = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
        given().queryParam("department", department.slug).get("/articles").then().body("total", equalTo(1));
        given().get("/articles/" + first).then().body("title", equalTo("缓存失效文章一"));

        body.put("title", "缓存失效文章二");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body).when().post("/articles").then().statusCode(201);
        given().queryParam("department", department.slug).get("/articles").then().body("total", equalTo(2));
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "*")
                .body(Map.of("title", "缓存失效文章一(改)")).when().patch("/articles/" + first).then().statusCode(200);
        given().get("/articles/" + first).then().body("title", equalTo("缓存失效文章一(改)"));

        given().header("User-Agent", BROWSER).when().post("/articles/" + first + "/views").then().statusCode(200);
        counter.flush();
        given().queryParam("department", department.slug).queryParam("sort", "id").get("/articles")
                .then().body("items[0].viewCount", equalTo(1));
        given().get("/articles/" + first).then().body("viewCount", equalTo(1));
    }

    @Test
    void shouldShowARenamedDiseaseAndDepartmentInEveryCachedListItem() {
        var department = data.department("条目缓存科");
        var disease = data.disease("条目缓存病", department);
        long id = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("title", "条目缓存文章", "body", "条目缓存正文。", "status", "published", "publishedAt",
                        Instant.now().minusSeconds(60).toString(), "department", department.slug, "diseases", java.util.List.of(disease.slug)))
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");
        String cursorPage = "/articles?cursor=&limit=100&department=" + department.slug;
        given().get(cursorPage).then().body("items[0].diseases[0].name", equalTo("条目缓存病"));
        given().queryParam("department", department.slug).get("/articles").then().body("items[0].diseases[0].name", equalTo("条目缓存病"));

        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "*")
                .body(Map.of("name", "条目缓存病(新名)")).when().patch("/diseases/" + disease.id).then().statusCode(200);
        given().get(cursorPage).then().body("items[0].id", equalTo((int) id)).body("items[0].diseases[0].name", equalTo("条目缓存病(新名)"));
        given().queryParam("department", department.slug).get("/articles").then().body("items[0].diseases[0].name", equalTo("条目缓存病(新名)"));

        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "*")
                .body(Map.of("name", "条目缓存科(新名)")).when().patch("/departments/" + department.id).then().statusCode(200);
        given().get(cursorPage).then().body("items[0].department.name", equalTo("条目缓存科(新名)"));
        given().get("/articles/" + id).then().body("department.name", equalTo("条目缓存科(新名)"));
    }

    @Test
    void shouldFindANewArticleInASearchThatWasCachedWithoutIt() {
        String term = "搜索缓存" + Long.toString(System.nanoTime(), 36);
        // In quotes: only an article holding the whole term matches (unquoted, 缓存 alone would).
        String q = "\"" + term + "\"";
        given().queryParam("q", q).get("/articles").then().statusCode(200).body("total", equalTo(0));
        long id = publishedArticle(term + "的文章", null);
        given().queryParam("q", q).get("/articles").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) id));
    }

    @Test
    void shouldSendCacheControlByKindAndPrivateForTokenReads() {
        long id = publishedArticle("缓存头测试", null);
        given().when().get("/articles/" + id).then().statusCode(200)
                .header("Cache-Control", "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400")
                .header("Vary", "Accept-Encoding");
        given().auth().oauth2(tokens.read(Scopes.READ_DRAFTS)).when().get("/articles/" + id).then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        given().auth().oauth2(tokens.admin()).when().get("/tokens").then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        given().when().get("/departments").then().statusCode(200).header("Cache-Control", "public, max-age=300, stale-while-revalidate=300, stale-if-error=86400");
        given().when().get("/articles/999999999").then().statusCode(404).header("Cache-Control", nullValue());
    }

    @Test
    void shouldGzipLargeJsonAndLeaveSmallOnesAlone() {
        long seed = data.articleIdBySlug("mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma");
        given().header("Accept-Encoding", "gzip").when().get("/articles/" + seed)
                .then().statusCode(200).header("Content-Encoding", "gzip").body("viewCount", notNullValue());
        given().header("Accept-Encoding", "gzip").when().get("/articles?size=20")
                .then().statusCode(200).header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").when().get("/departments/slug/zhen-jiu-ke")
                .then().statusCode(200).header("Content-Encoding", not(equalTo("gzip")));
        given().config(RestAssured.config().decoderConfig(io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity").when().get("/articles/" + seed)
                .then().statusCode(200).header("Content-Encoding", not(equalTo("gzip")));
    }
}
