package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import com.bohe.content.TestData;
import com.bohe.content.department.Department;

/** Relies on the demo content of src/main/resources/demo, which the test profile loads. */
@QuarkusTest
class ArticleResourceTest {

    static final String SEED_SLUG = "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma";
    static final String SEED_TITLE = "面瘫与面肌痉挛有什么关系吗";

    @Inject
    TestData data;

    @Test
    void shouldServeTheSeedArticleWithBlocksReferencesAndDisclaimer() {
        given().when().get("/articles/slug/" + SEED_SLUG)
                .then().statusCode(200)
                .contentType("application/json")
                .body("title", equalTo(SEED_TITLE))
                .body("viewCount", equalTo(2690))
                .body("status", equalTo("published"))
                .body("blocks", hasSize(4))
                .body("blocks.type", everyItem(equalTo("paragraph")))
                .body("blocks[0].text", startsWith("面瘫与面肌痉挛是两种不同的神经系统疾病"))
                .body("blocks[3].text", startsWith("两类疾病均需避免面部受凉和过度疲劳"))
                .body("body", startsWith("面瘫与面肌痉挛是两种不同的神经系统疾病"))
                .body("summary", equalTo("面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。"
                        + "两者在发病机制、临床表现及治疗方式上存在明显差异,但均与面神经功能障碍相关。..."))
                .body("disclaimer", equalTo("医疗科普知识仅供参考,不作诊断依据;无行医资格切勿自行操作,若有不适请到医院就诊"))
                .body("department.slug", equalTo("shen-jing-nei-ke"))
                .body("diseases.name", contains("面瘫", "贝尔面瘫", "面肌痉挛", "暴露性角膜炎"))
                .body("reviewer.name", equalTo("王建国"))
                .body("reviewer.title", equalTo("主任医师"))
                .body("reviewer.hospitalName", equalTo("北京康华医院"))
                .body("tags", contains("面瘫", "面肌痉挛", "面神经"));
    }

    @Test
    void shouldServeTheSameArticleByIdAndBySlug() {
        long id = data.articleIdBySlug(SEED_SLUG);
        String byId = given().get("/articles/" + id).then().statusCode(200).extract().asString();
        String bySlug = given().get("/articles/slug/" + SEED_SLUG).then().statusCode(200).extract().asString();
        assertEquals(byId, bySlug);
    }

    @Test
    void shouldRenderMarkdownHeadingsListsAndQuotesAsBlocks() {
        given().queryParam("tag", "鉴别").queryParam("reviewer", "li-shu-fen").queryParam("sort", "-publishedAt")
                .when().get("/articles")
                .then().statusCode(200)
                .body("items[0].title", equalTo("面瘫与面肌痉挛的区别"));
        long id = given().queryParam("tag", "鉴别").queryParam("reviewer", "li-shu-fen")
                .get("/articles").then().extract().jsonPath().getLong("items[0].id");
        given().when().get("/articles/" + id)
                .then().statusCode(200)
                .body("blocks.type", contains("paragraph", "heading", "paragraph", "heading", "list", "heading",
                        "paragraph", "quote"))
                .body("blocks[1].text", equalTo("1、病因差异"))
                .body("blocks[1].level", equalTo(2))
                .body("blocks[4].ordered", equalTo(false))
                .body("blocks[4].items", hasSize(2))
                .body("blocks[4].items[0]", startsWith("面瘫:额纹消失"))
                .body("blocks[7].text", equalTo("出现面部异常时请及时就医,由医生明确诊断后再治疗。"));
    }

    @Test
    void shouldListSummariesWithoutBodyNewestFirst() {
        List<String> published = given().queryParam("size", 100).when().get("/articles")
                .then().statusCode(200)
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("body")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("blocks")))
                .body("total", equalTo((int) data.publishedArticleCount()))
                .extract().jsonPath().getList("items.publishedAt");
        for (int i = 1; i < published.size(); i++) {
            assertTrue(Instant.parse(published.get(i - 1)).compareTo(Instant.parse(published.get(i))) >= 0,
                    "not newest first at " + i);
        }
    }

    @Test
    void shouldSortByViewCountDescending() {
        // Within the demo's 内科 tree: articles that other tests create and view live in departments of their own.
        given().queryParam("sort", "-viewCount,id").queryParam("size", 3).queryParam("department", "nei-ke")
                .when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains(SEED_TITLE, "面瘫与面肌痉挛的区别", "偏头痛发作时如何缓解"))
                .body("items.viewCount", contains(2690, 2210, 2045));
    }

    @Test
    void shouldBreakTiesById() {
        List<Long> ids = given().queryParam("sort", "title").queryParam("q", "\"面瘫与面肌痉挛的区别\"")
                .when().get("/articles")
                .then().statusCode(200)
                .body("total", equalTo(5))
                .extract().jsonPath().getList("items.id", Long.class);
        assertEquals(ids.stream().sorted().toList(), ids);
        List<Long> descending = given().queryParam("sort", "-title").queryParam("q", "\"面瘫与面肌痉挛的区别\"")
                .get("/articles").then().extract().jsonPath().getList("items.id", Long.class);
        assertEquals(ids, descending, "equal titles still come back in id order");
    }

    @Test
    void shouldFilterByDiseaseBySlugOrId() {
        given().queryParam("disease", "san-cha-shen-jing-tong").when().get("/articles")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].title", equalTo("三叉神经痛的典型症状有哪些"));
        long id = data.diseaseId("heng-te-zong-he-zheng");
        given().queryParam("disease", id).when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("耳朵起疱疹后出现面瘫是怎么回事"));
    }

    @Test
    void shouldFilterByDepartmentIncludingSubDepartments() {
        given().queryParam("department", "wu-guan-ke").queryParam("sort", "id").when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("面瘫与面肌痉挛的区别", "耳朵起疱疹后出现面瘫是怎么回事", "面瘫患者如何保护眼睛"))
                .body("items.department.slug", contains("er-bi-hou-ke", "er-bi-hou-ke", "yan-ke"));
        given().queryParam("department", "yan-ke").when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("面瘫患者如何保护眼睛"));
    }

    @Test
    void shouldFilterByReviewerAndTag() {
        given().queryParam("reviewer", "wang-jian-guo").queryParam("sort", "id").when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains(SEED_TITLE, "面瘫与面肌痉挛的区别", "面肌痉挛与面瘫如何鉴别"));
        given().queryParam("tag", "康复").queryParam("sort", "id").when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("面瘫后的面肌痉挛", "面肌痉挛与面瘫区别"));
    }

    @Test
    void shouldMatchQLiterallyIncludingLikeWildcards() {
        given().queryParam("q", "\"如何鉴别\"").when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("面肌痉挛与面瘫如何鉴别"));
        given().queryParam("q", "如何鉴别").when().get("/articles")
                .then().statusCode(200)
                .body("items[0].title", equalTo("面肌痉挛与面瘫如何鉴别"));
        given().queryParam("q", "%").when().get("/articles").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "_").when().get("/articles").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("q", "\"面瘫' or '1'='1\"").when().get("/articles").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldNeverShowDrafts() {
        long draftId = data.articleIdByTitle("面瘫患者的饮食注意事项");
        given().when().get("/articles/" + draftId)
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("q", "饮食").when().get("/articles").then().statusCode(200)
                .body("items.title", not(hasItem("面瘫患者的饮食注意事项")))
                .body("items.id", not(hasItem((int) draftId)));
        given().queryParam("disease", "mian-tan").queryParam("size", 100).when().get("/articles")
                .then().statusCode(200).body("items.id", not(hasItem((int) draftId)));
    }

    @Test
    void shouldHideScheduledArticlesUntilTheirTime() {
        Department department = data.department("定时发布测试科");
        Article scheduled = data.article(department, "明天才发布的文章", ArticleStatus.published,
                Instant.now().plus(1, ChronoUnit.DAYS));
        Article draft = data.article(department, "草稿文章", ArticleStatus.draft, null);
        Article visible = data.article(department, "已经发布的文章", ArticleStatus.published,
                Instant.now().minus(1, ChronoUnit.HOURS));
        given().queryParam("department", department.slug).when().get("/articles")
                .then().statusCode(200)
                .body("items.title", contains("已经发布的文章"));
        given().get("/articles/" + scheduled.id).then().statusCode(404);
        given().get("/articles/slug/" + scheduled.slug).then().statusCode(404);
        given().get("/articles/" + draft.id).then().statusCode(404);
        given().get("/articles/" + visible.id).then().statusCode(200).body("summary", equalTo("测试正文。已经发布的文章"));
        given().get("/departments/" + department.id + "/articles").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldListCrossLinkedArticles() {
        long disease = data.diseaseId("bao-lu-xing-jiao-mo-yan");
        given().when().get("/diseases/" + disease + "/articles?sort=id")
                .then().statusCode(200)
                .body("items.title", contains(SEED_TITLE, "面瘫患者如何保护眼睛"))
                .body("items[1].diseases.slug", containsInAnyOrder("mian-tan", "bao-lu-xing-jiao-mo-yan"));
        long department = data.departmentId("zhen-jiu-ke");
        given().when().get("/departments/" + department + "/articles")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.department.slug", everyItem(equalTo("zhen-jiu-ke")));
        long doctor = given().get("/doctors/slug/zhou-li").then().extract().jsonPath().getLong("id");
        given().when().get("/doctors/" + doctor + "/articles")
                .then().statusCode(200)
                .body("items.title", contains("面瘫患者如何保护眼睛"));
    }

    @Test
    void shouldAnswer404ProblemForCrossLinksOfUnknownParents() {
        for (String path : List.of("/diseases/999999/articles", "/doctors/999999/articles", "/departments/999999/articles")) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .body("instance", equalTo(path));
        }
    }

    @Test
    void shouldAnswer404ProblemForUnknownArticle() {
        given().when().get("/articles/999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No article found for id 999999"))
                .body("instance", equalTo("/articles/999999"));
        given().when().get("/articles/slug/no-such-article")
                .then().statusCode(404)
                .body("detail", equalTo("No article found for slug no-such-article"))
                .body("errors", nullValue());
    }
}
