package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;
import com.bohe.content.views.ViewCounter;

@QuarkusTest
class ArticleWriteTest {

    /** JSON is UTF-8 whatever the client says; REST Assured would otherwise declare ISO-8859-1 for this type. */
    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    Tokens tokens;
    @Inject
    TestData data;
    @Inject
    ViewCounter counter;

    /** An article of a department and a disease of its own, so that no other test's list or count sees it. */
    private Map<String, Object> article(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("body", "写作测试的正文:" + title + "。");
        body.put("diseases", List.of(data.disease(title + "病", data.department(title + "科")).slug));
        body.put("department", data.department(title + "科").slug);
        body.put("tags", List.of("写作测试"));
        return body;
    }

    private ExtractableResponse<Response> create(Map<String, Object> body) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles")
                .then().statusCode(201).extract();
    }

    @Test
    void shouldCreateADraftWithLocationETagAndAPinyinSlug() {
        var body = article("面瘫写作测试草稿");
        var created = create(body);
        long id = created.jsonPath().getLong("id");
        assertEquals("/articles/" + id, created.header("Location"));
        org.hamcrest.MatcherAssert.assertThat(created.header("ETag"), org.hamcrest.Matchers.startsWith("\"0-"));
        assertEquals("draft", created.jsonPath().getString("status"));
        assertEquals("mian-tan-xie-zuo-ce-shi-cao-gao", created.jsonPath().getString("slug"));
        assertEquals(body.get("diseases"), created.jsonPath().getList("diseases.slug"));
        assertEquals(body.get("department"), created.jsonPath().getString("department.slug"));

        given().when().get("/articles/" + id).then().statusCode(404);
        given().when().get("/articles/slug/mian-tan-xie-zuo-ce-shi-cao-gao").then().statusCode(404);
        String reader = tokens.create("draft-reader", Scopes.READ_DRAFTS);
        given().auth().oauth2(reader).when().get("/articles/" + id)
                .then().statusCode(200).header("ETag", org.hamcrest.Matchers.startsWith("\"0-")).body("status", equalTo("draft"));
        given().auth().oauth2(reader).when().get("/articles/slug/mian-tan-xie-zuo-ce-shi-cao-gao")
                .then().statusCode(200).body("id", equalTo((int) id));
        given().auth().oauth2(reader).when().get("/articles?status=draft&size=100&sort=-id")
                .then().statusCode(200).body("items.id", hasItem((int) id));
        given().when().get("/articles?status=draft").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(tokens.create("writer", Scopes.WRITE)).when().get("/articles?status=draft").then().statusCode(403);
        given().when().get("/articles?size=100&sort=-id").then().body("items.id", not(hasItem((int) id)));
    }

    @Test
    void shouldPublishAndUnpublishEverywhereAtOnce() {
        var body = article("翼状胬肉发布测试");
        body.put("body", "独一无二的词语蝾螈翡翠出现在这篇文章里。");
        long id = create(body).jsonPath().getLong("id");
        given().when().get("/articles?q=蝾螈翡翠").then().body("total", equalTo(0));

        given().auth().oauth2(tokens.admin()).when().post("/articles/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("published")).header("ETag", org.hamcrest.Matchers.startsWith("\"1-"));
        given().when().get("/articles/" + id).then().statusCode(200).body("title", equalTo("翼状胬肉发布测试"));
        given().when().get("/articles?q=蝾螈翡翠").then().body("items.id", contains((int) id));
        given().header("User-Agent", ArticleViewsTest.BROWSER).when().post("/articles/" + id + "/views").then().statusCode(200).body("counted", equalTo(true));

        given().auth().oauth2(tokens.admin()).when().post("/articles/" + id + "/unpublish")
                .then().statusCode(200).body("status", equalTo("draft"));
        given().when().get("/articles/" + id).then().statusCode(404);
        given().when().get("/articles?q=蝾螈翡翠").then().body("total", equalTo(0));
        given().header("User-Agent", ArticleViewsTest.BROWSER).when().post("/articles/" + id + "/views").then().statusCode(404);
    }

    @Test
    void shouldMakeAScheduledArticlePublicAtItsTimeWithoutARestart() throws InterruptedException {
        var body = article("定时发布测试文章");
        body.put("status", "published");
        body.put("publishedAt", Instant.now().plusSeconds(2).toString());
        long id = create(body).jsonPath().getLong("id");
        given().when().get("/articles/" + id).then().statusCode(404);
        String reader = tokens.create("scheduled-reader", Scopes.READ_DRAFTS);
        given().auth().oauth2(reader).when().get("/articles?status=scheduled&size=100&sort=-id")
                .then().body("items.id", hasItem((int) id));
        await("public once its publishedAt has passed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/articles/" + id).then().extract().statusCode(), is(200));
    }

    @Test
    void shouldRefuseAStaleOrMissingIfMatchAndKeepTheNewerEdit() {
        long id = create(article("并发编辑测试")).jsonPath().getLong("id");
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("summary", "第一位编辑的摘要")).when().patch("/articles/" + id)
                .then().statusCode(200).header("ETag", org.hamcrest.Matchers.startsWith("\"1-")).body("summary", equalTo("第一位编辑的摘要"));
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("summary", "第二位编辑的摘要")).when().patch("/articles/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("detail", containsString("\"1\""));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(article("并发编辑测试")).when().put("/articles/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(tokens.admin()).when().delete("/articles/" + id).then().statusCode(428);
        given().auth().oauth2(tokens.read(Scopes.READ_DRAFTS)).when().get("/articles/" + id)
                .then().body("summary", equalTo("第一位编辑的摘要"));
    }

    @Test
    void shouldMergePatchKeepingAbsentFieldsAndRemovingNulls() {
        var body = article("合并补丁测试");
        var created = create(body);
        long id = created.jsonPath().getLong("id");
        Map<String, Object> patch = new HashMap<>();
        patch.put("title", "合并补丁测试(修订)");
        patch.put("department", null);
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(patch).when().patch("/articles/" + id)
                .then().statusCode(200)
                .body("title", equalTo("合并补丁测试(修订)"))
                .body("slug", equalTo(created.jsonPath().getString("slug")))
                .body("department", nullValue())
                .body("diseases.slug", equalTo(body.get("diseases")))
                .body("tags", contains("写作测试"));
    }

    @Test
    void shouldReplaceWithPutAndRecordWhoChangedIt() {
        long id = create(article("整体替换测试")).jsonPath().getLong("id");
        var replacement = article("整体替换测试");
        replacement.put("tags", List.of("周围性面瘫", "康复"));
        replacement.remove("diseases");
        String editor = tokens.create("editor-li", Scopes.WRITE, Scopes.READ_DRAFTS);
        given().auth().oauth2(editor).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(replacement).when().put("/articles/" + id)
                .then().statusCode(200).header("ETag", org.hamcrest.Matchers.startsWith("\"1-"))
                .body("tags", contains("周围性面瘫", "康复"))
                .body("diseases", org.hamcrest.Matchers.empty());
        assertEquals("editor-li", data.updatedBy(id));
        // A token that may write but not read drafts replaces the draft and learns only its new version.
        String writer = tokens.create("writer-zhao", Scopes.WRITE);
        replacement.put("tags", List.of("康复"));
        given().auth().oauth2(writer).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(replacement).when().put("/articles/" + id)
                .then().statusCode(204).header("ETag", "\"2\"").body(org.hamcrest.Matchers.emptyString());
        assertEquals("writer-zhao", data.updatedBy(id));
    }

    @Test
    void shouldLetExactlyOneOfConcurrentEditsOfAVersionWin() throws Exception {
        long id = create(article("同时保存测试")).jsonPath().getLong("id");
        java.util.Queue<Integer> statuses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        com.bohe.content.Concurrency.runInThreads(8, () -> {
            statuses.add(given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                    .body(Map.of("summary", "编辑" + n.incrementAndGet())).when().patch("/articles/" + id)
                    .then().extract().statusCode());
            return null;
        });
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one save wins: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), "the others are told: " + statuses);
        given().auth().oauth2(tokens.read(Scopes.READ_DRAFTS)).when().get("/articles/" + id).then().header("ETag", org.hamcrest.Matchers.startsWith("\"1-"));
    }

    @Test
    void shouldLetExactlyOneOfConcurrentCreatesTakeASlug() throws Exception {
        java.util.Queue<Integer> statuses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        String slug = "race-" + java.util.UUID.randomUUID();
        com.bohe.content.Concurrency.runInThreads(8, () -> {
            var body = article("抢占别名测试");
            body.put("slug", slug);
            statuses.add(given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                    .when().post("/articles").then().extract().statusCode());
            return null;
        });
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one create wins: " + statuses);
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), "the others hear of the clash: " + statuses);
    }

    @Test
    void shouldAnswer409ForATakenSlug() {
        var first = article("别名冲突测试一");
        first.put("slug", "slug-clash-test");
        create(first);
        var second = article("别名冲突测试二");
        second.put("slug", "slug-clash-test");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(second)
                .when().post("/articles")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("slug-clash-test"));
    }

    @Test
    void shouldNumberAGeneratedSlugThatIsTaken() {
        String slug1 = create(article("重名标题测试")).jsonPath().getString("slug");
        String slug2 = create(article("重名标题测试")).jsonPath().getString("slug");
        assertEquals("zhong-ming-biao-ti-ce-shi", slug1.replaceAll("-[0-9]+$", ""));
        assertEquals(slug1.replaceAll("-[0-9]+$", ""), slug2.replaceAll("-[0-9]+$", ""));
        org.junit.jupiter.api.Assertions.assertNotEquals(slug1, slug2);
    }

    @Test
    void shouldListEveryBrokenFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "标".repeat(201));
        body.put("body", "");
        body.put("status", "live");
        body.put("slug", "Not A Slug");
        body.put("diseases", List.of("no-such-disease"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("body", "diseases[0]", "slug", "status", "title"));
        var refs = article("引用错误测试");
        refs.put("diseases", List.of("no-such-disease", ((List<?>) refs.get("diseases")).get(0)));
        refs.put("reviewer", "999999");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(refs)
                .when().post("/articles")
                .then().statusCode(400).body("errors.field", contains("diseases[0]", "reviewer"));
    }

    @Test
    void shouldRejectListItemsBeyondTheirLength() {
        // Portman cannot lengthen the items of a nullable list (type [array, null]); this is that fuzz case
        var article = article("长标签测试");
        article.put("tags", List.of("面瘫", "长".repeat(51)));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(article)
                .when().post("/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("tags"));
        var disease = new HashMap<String, Object>(Map.of("name", "长别名测试", "aliases", List.of("长".repeat(51))));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(disease)
                .when().post("/diseases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("aliases"));
        given().queryParam("q", "\"长标签测试\"").when().get("/articles").then().statusCode(200).body("items", empty());
    }

    @Test
    void shouldRejectUnknownFieldsMalformedJsonAndWrongTypes() {
        var body = article("未知字段测试");
        body.put("tilte", "typo");
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("tilte"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"title\": ")
                .when().post("/articles")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body("{\"title\": \"x\", \"body\": \"y\", \"tags\": 5}")
                .when().post("/articles")
                .then().statusCode(400).body("errors[0].field", equalTo("tags"));
    }

    @Test
    void shouldNeverWriteBackAViewCountWhenAnArticleIsEdited() throws Exception {
        var body = article("编辑不丢浏览量测试");
        body.put("status", "published");
        body.put("publishedAt", Instant.now().minusSeconds(60).toString());
        long id = create(body).jsonPath().getLong("id");
        for (int i = 0; i < 5; i++) {
            given().header("User-Agent", ArticleViewsTest.BROWSER).when().post("/articles/" + id + "/views").then().statusCode(200);
        }
        counter.flush();
        given().auth().oauth2(tokens.admin()).contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                .body(Map.of("summary", "新摘要")).when().patch("/articles/" + id)
                .then().statusCode(200).body("viewCount", equalTo(5));
        assertEquals(5, data.storedViewCount(id));
    }

    @Test
    void shouldDeleteAnArticleEverywhere() {
        var body = article("删除测试文章");
        body.put("status", "published");
        body.put("publishedAt", Instant.now().minusSeconds(60).toString());
        long id = create(body).jsonPath().getLong("id");
        given().when().get("/articles/" + id).then().statusCode(200);
        // Accept names the error type only (as generated clients send it for a 204): the delete still happens
        given().auth().oauth2(tokens.admin()).header("If-Match", "\"0\"").accept("application/problem+json")
                .when().delete("/articles/" + id).then().statusCode(204);
        given().when().get("/articles/" + id).then().statusCode(404);
        given().when().get("/articles?q=删除测试文章").then().body("items.id", not(hasItem((int) id)));
        given().auth().oauth2(tokens.admin()).header("If-Match", "*").accept("application/problem+json")
                .when().delete("/articles/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("status", is(404));
    }

    @Test
    void shouldAnswerGetsWithTheETagOfTheVersion() {
        long id = data.articleIdBySlug("mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma");
        given().when().get("/articles/" + id).then().statusCode(200).header("ETag", matchesPattern("\"[0-9]+-[A-Za-z0-9_-]{16}\""));
    }
}
