package com.bohe.content.suggest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;

@QuarkusTest
class SuggestTest {

    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @Inject
    Suggestions suggestions;

    private static boolean fixtures;

    /** Names of rare characters, so that nothing else in the test database matches them. */
    @BeforeEach
    void fixtures() {
        if (fixtures) {
            return;
        }
        fixtures = true;
        Department department = data.department("齁齉科");
        data.disease("齁齉症", department);
        Disease popular = data.disease("齁齉综合征", department);
        data.disease("大齁齉症", department);
        Disease aliased = data.disease("膀胱炎", department);
        Disease anaemia = data.disease("齁贫血", department);
        QuarkusTransaction.requiringNew().run(() -> {
            Disease.<Disease>findById(aliased.id).aliases = List.of("尿路齁齉感染");
            Doctor doctor = new Doctor();
            doctor.name = "齉建国";
            doctor.slug = "test-" + UUID.randomUUID();
            doctor.title = "主任医师";
            doctor.persist();
        });
        Article published = data.article(department, "齁齉症的护理", ArticleStatus.published, Instant.now().minusSeconds(60));
        data.article(department, "齁齉症草稿", ArticleStatus.draft, null);
        data.article(department, "齁齉症定时", ArticleStatus.published, Instant.now().plus(Duration.ofDays(1)));
        QuarkusTransaction.requiringNew().run(() -> Article.<Article>findById(published.id).diseases
                .add(Disease.findById(popular.id)));
        assertEquals("齁贫血", anaemia.name);
        suggestions.buildNow();
    }

    private static JsonPath suggest(String q) {
        return given().queryParam("q", q).when().get("/suggest").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void charactersMatchAnywhereRankedByKindThenPopularityThenLength() {
        JsonPath found = suggest("齁齉");
        assertEquals(List.of("齁齉综合征", "齁齉症", "膀胱炎", "大齁齉症", "齁齉症的护理"), found.getList("items.text"),
                "diseases first: the one with an article, then by length (膀胱炎 by its alias 尿路齁齉感染), then the "
                        + "article; never the draft nor the article not yet due");
        assertEquals(List.of("disease", "disease", "disease", "disease", "article"), found.getList("items.type"));
        assertEquals(List.of("<em>齁齉</em>综合征", "<em>齁齉</em>症", "膀胱炎（尿路<em>齁齉</em>感染）", "大<em>齁齉</em>症",
                "<em>齁齉</em>症的护理"), found.getList("items.highlight"));
        assertEquals(found.getList("items.id"), suggest("齁齉").getList("items.id"), "deterministic");
        assertEquals(List.of("大齁齉症"), suggest("大齁").getList("items.text"));
        assertThat(suggest("头痛").getList("items.text"), hasItem("偏头痛"));
        assertEquals(List.of("<em>齉建国</em>"), suggest("齉建国").getList("items.highlight"));
    }

    @Test
    void latinLettersMatchPinyinInFullAndByInitials() {
        assertEquals(List.of("齁齉综合征", "齁齉症", "齁齉症的护理"), suggest("hounang").getList("items.text"));
        assertThat(suggest("houn").getList("items.highlight"), hasItem("<em>齁齉</em>综合征"));
        assertThat(suggest("hnzhz").getList("items.text"), hasItem("齁齉综合征"));
        assertThat(suggest("HNZHZ").getList("items.text"), hasItem("齁齉综合征"));
        assertThat(suggest("nang jian guo").getList("items.text"), hasItem("齉建国"));
        assertThat(suggest("njg").getList("items.text"), hasItem("齉建国"));
        assertThat(suggest("miant").getList("items.text"), hasItem("面瘫"));
        assertThat(suggest("mt").getList("items.text"), hasItem("面瘫"));
        assertThat(suggest("wjg").getList("items.text"), hasItem("王建国"));
        assertThat("no pinyin between characters: 猴 is hou too", suggest("猴").getList("items.text"), not(hasItem("齁齉症")));
    }

    @Test
    void everyReadingOfACharacterWithSeveral() {
        assertThat(suggest("pangguang").getList("items.text"), hasItem("膀胱炎"));
        assertThat(suggest("bangguang").getList("items.text"), hasItem("膀胱炎"));
        assertThat(suggest("houpinxue").getList("items.text"), hasItem("齁贫血"));
        assertThat(suggest("houpinxie").getList("items.text"), hasItem("齁贫血"));
    }

    @Test
    void draftsNeverAndEditsWithinSeconds() {
        assertThat(suggest("齁齉症草").getList("items"), equalTo(List.of()));
        assertThat(suggest("齁齉症定").getList("items"), equalTo(List.of()));
        long id = given().auth().oauth2(tokens.admin()).contentType("application/json")
                .body(Map.of("name", "齉齁新病", "department", "nei-ke")).when().post("/diseases")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> suggest("齉齁新").getList("items.id", Long.class), equalTo(List.of(id)));
        given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                .header("If-Match", "\"0\"").body(Map.of("name", "齉齁改名病")).when().patch("/diseases/" + id)
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> suggest("齉齁新").getList("items"), equalTo(List.of()));
        assertEquals(List.of("齉齁改名病"), suggest("齉齁改").getList("items.text"));
    }

    @Test
    void badInputIsAProblemAndTheHighlightIsEscaped() {
        given().when().get("/suggest").then().statusCode(400).contentType("application/problem+json");
        for (String q : List.of("", " ", "面".repeat(51))) {
            given().queryParam("q", q).when().get("/suggest").then().statusCode(400).contentType("application/problem+json");
        }
        for (String limit : List.of("0", "21", "x", "-1", "99999999999")) {
            given().queryParam("q", "面").queryParam("limit", limit).when().get("/suggest").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        assertEquals(2, given().queryParam("q", "齁齉").queryParam("limit", "+2").when().get("/suggest/")
                .then().statusCode(200).extract().jsonPath().getList("items").size());
        assertThat(suggest("<script>").getList("items"), equalTo(List.of()));
        given().queryParam("q", "面\u0000").when().get("/suggest").then().statusCode(400).contentType("application/problem+json");
        given().when().post("/suggest?q=a").then().statusCode(405);
    }

    @Test
    void limitsHowMany() {
        assertEquals(2, given().queryParam("q", "齁齉").queryParam("limit", 2).when().get("/suggest")
                .then().statusCode(200).extract().jsonPath().getList("items").size());
        assertThat(suggest("齁齉").getList("items.slug"), hasItems(org.hamcrest.Matchers.startsWith("test-")));
    }

    @Test
    void aQueryAskedAgainIsAnsweredAlikeFromMemory() {
        var first = given().queryParam("q", "齁齉").queryParam("limit", 3).when().get("/suggest").then().statusCode(200).extract();
        var again = given().queryParam("q", "齁齉").queryParam("limit", 3).when().get("/suggest").then().statusCode(200).extract();
        assertEquals(first.asString(), again.asString());
        for (String header : List.of("ETag", "Cache-Control", "Vary", "Content-Type", "Last-Modified")) {
            assertEquals(first.header(header), again.header(header), header);
        }
        org.junit.jupiter.api.Assertions.assertNotNull(first.header("ETag"));
        given().queryParam("q", "齁齉").queryParam("limit", 3).header("If-None-Match", first.header("ETag"))
                .when().get("/suggest").then().statusCode(304);
        given().queryParam("q", "齁齉").queryParam("limit", 3).auth().oauth2(tokens.admin()).when().get("/suggest")
                .then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.containsString("private"));
    }
}
