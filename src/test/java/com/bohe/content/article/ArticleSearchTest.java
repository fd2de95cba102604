package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import com.bohe.content.TestData;
import com.bohe.content.department.Department;
import com.bohe.content.indexing.ContentIndexer;

/** Full-text search of articles, and the q of the other lists, with Chinese analysis and pinyin. */
@QuarkusTest
class ArticleSearchTest {

    @Inject
    TestData data;
    @Inject
    ContentIndexer indexer;

    @Test
    void shouldRankATitleMatchAboveABodyMatchAndHighlight() {
        Department department = data.department("搜索排序科");
        Article inBody = data.article(department, "一篇普通的文章", "这里顺带提到了偏侧面肌痉挛的治疗方法。");
        Article inTitle = data.article(department, "偏侧面肌痉挛的治疗", "正文讲的是治疗。");
        given().queryParam("q", "面肌痉挛").queryParam("department", department.slug).get("/articles")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(inTitle.id.intValue(), inBody.id.intValue()))
                .body("items[1].highlight", containsString("<em>"))
                .body("items[1].highlight", containsString("痉挛"));
    }

    @Test
    void shouldFindWordsThatASubstringMatchMisses() {
        // LIKE '%面瘫 护理%' finds nothing: the words are apart in the text.
        given().queryParam("q", "面瘫 角膜").get("/articles").then().statusCode(200)
                .body("items.title", hasItem("面瘫患者如何保护眼睛"))
                .body("items.title", hasItem(ArticleResourceTest.SEED_TITLE));
        given().queryParam("q", "微血管减压术").get("/articles").then().statusCode(200)
                .body("items.title", hasItem("三叉神经痛的典型症状有哪些"));
    }

    @Test
    void shouldApplyFiltersSortAndPagingToSearchResults() {
        given().queryParam("q", "面瘫").queryParam("department", "zhen-jiu-ke").get("/articles").then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.department.slug", everyItem(equalTo("zhen-jiu-ke")));
        List<Integer> views = given().queryParam("q", "面瘫").queryParam("sort", "-viewCount").queryParam("size", 100)
                .get("/articles").then().statusCode(200).extract().jsonPath().getList("items.viewCount");
        for (int i = 1; i < views.size(); i++) {
            assertTrue(views.get(i - 1) >= views.get(i), "not by views at " + i);
        }
        List<Integer> firstFour = given().queryParam("q", "面肌痉挛").queryParam("size", 4).get("/articles")
                .then().extract().jsonPath().getList("items.id");
        List<Integer> paged = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            paged.addAll(given().queryParam("q", "面肌痉挛").queryParam("size", 2).queryParam("page", page).get("/articles")
                    .then().extract().jsonPath().getList("items.id"));
        }
        assertEquals(firstFour, paged);
    }

    @Test
    void shouldAnswerALongNaturalQuestionWithItsArticle() {
        // No article holds every bigram of this question: the AND of old found nothing.
        given().queryParam("q", "面瘫了眼睛闭不上，平时应该怎么保护眼睛呢").get("/articles").then().statusCode(200)
                .body("items[0].title", equalTo("面瘫患者如何保护眼睛"))
                .body("items[0].highlight", containsString("<em>"));
        given().queryParam("q", "面瘫了眼睛闭不上，平时应该怎么保护眼睛呢").get("/articles")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThan(1));
        // A whole question fits; beyond 200 characters is a clear 400.
        given().queryParam("q", "面瘫".repeat(100)).get("/articles").then().statusCode(200);
        given().queryParam("q", "面瘫".repeat(100) + "吗").get("/articles").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
    }

    @Test
    void shouldKeepQuotedTextExactAndRankTheWholePhraseFirst() {
        Department department = data.department("引号搜索科");
        Article scattered = data.article(department, "面部抽动的处理", "面肌抽动时，另有一种痉挛也会出现。");
        Article whole = data.article(department, "另一篇文章", "面肌痉挛首选肉毒素注射。");
        given().queryParam("q", "面肌痉挛").queryParam("department", department.slug).get("/articles").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(whole.id.intValue(), scattered.id.intValue()));
        given().queryParam("q", "\"面肌痉挛\"").queryParam("department", department.slug).get("/articles").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", contains(whole.id.intValue()));
        given().queryParam("q", "“肌痉挛首选”").queryParam("department", department.slug).get("/articles").then().statusCode(200)
                .body("items.id", contains(whole.id.intValue()));
    }

    @Test
    void shouldAnswerAQuestionWithOneRareBigramAndRankDeterministically() {
        data.deleteArticlesTitled("一种少见的病");
        Department department = data.department("罕见词科");
        Article rare = data.article(department, "一种少见的病", "獭兔病是本测试虚构的疾病名称。");
        String question = "我家孩子好像得了獭兔病，请问应该去医院挂什么科？";
        List<Integer> first = given().queryParam("q", question).queryParam("size", 20).get("/articles").then().statusCode(200)
                .body("items[0].id", equalTo(rare.id.intValue()))
                .extract().jsonPath().getList("items.id");
        // Computed again for other page sizes (another cache key), the order is the same.
        List<Integer> again = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            again.addAll(given().queryParam("q", question).queryParam("size", 10).queryParam("page", page)
                    .get("/articles").then().statusCode(200).extract().jsonPath().getList("items.id"));
        }
        assertEquals(first, again);
    }

    @Test
    void shouldMatchNamesInChineseAndPinyin() {
        // Within the seed's department: other tests create diseases named after their articles (面瘫写作测试草稿病).
        String seeds = "shen-jing-nei-ke";
        given().queryParam("q", "miantan").queryParam("department", seeds).get("/diseases").then().statusCode(200)
                .body("items.name", contains("面瘫"));
        given().queryParam("q", "mt").get("/diseases").then().statusCode(200).body("items.name", hasItem("面瘫"));
        given().queryParam("q", "mian").queryParam("department", seeds).queryParam("sort", "id").get("/diseases").then().statusCode(200)
                .body("items.name", contains("面瘫", "面肌痉挛"));
        // 面瘫's alias is 面神经麻痹, 贝尔面瘫's is 特发性面神经麻痹.
        given().queryParam("q", "面神经麻痹").queryParam("department", seeds).queryParam("sort", "id").get("/diseases").then().statusCode(200)
                .body("items.name", contains("面瘫", "贝尔面瘫"));
        given().queryParam("q", "wangjianguo").get("/doctors").then().statusCode(200).body("items.name", contains("王建国"));
        given().queryParam("q", "wjg").get("/doctors").then().statusCode(200).body("items.name", contains("王建国"));
        given().queryParam("q", "beijing").queryParam("sort", "id").get("/hospitals").then().statusCode(200)
                .body("items.name", contains("北京康华医院", "北京京华神经专科医院"));
        given().queryParam("q", "神经专科").get("/hospitals").then().statusCode(200).body("items.name", contains("北京京华神经专科医院"));
    }

    @Test
    void shouldSeeALocalChangeAtOnceAndAnotherInstancesAfterCatchUp() {
        // The test runs once per backend, on one database: an earlier run's articles would be found too.
        List.of("本机新文章", "鹦鹉螺号的另一篇", "别的实例写的文章").forEach(data::deleteArticlesTitled);
        Department department = data.department("索引更新科");
        Article local = data.article(department, "本机新文章", "含有独特词语鹦鹉螺号。");
        given().queryParam("q", "鹦鹉螺号").get("/articles").then().body("items.id", contains(local.id.intValue()));
        Article sibling = data.article(department, "鹦鹉螺号的另一篇", "还是讲鹦鹉螺号。");
        given().get("/articles/" + local.id + "/related").then().statusCode(200)
                .body("items[0].id", equalTo(sibling.id.intValue()));

        long remote = data.insertBehindTheIndexesBack(department, "别的实例写的文章", "含有独特词语翡翠蜥蜴。");
        given().queryParam("q", "翡翠蜥蜴").get("/articles").then().body("total", equalTo(0));
        indexer.catchUp();
        given().queryParam("q", "翡翠蜥蜴").get("/articles").then().body("items.id", contains((int) remote));

        data.deleteArticle(remote);
        indexer.catchUp();
        given().queryParam("q", "翡翠蜥蜴").get("/articles").then().body("total", equalTo(0));
        given().get("/articles/" + local.id + "/related").then().body("items.id", not(hasItem((int) remote)));
    }
}
