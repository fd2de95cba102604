package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import com.bohe.content.TestData;
import com.bohe.content.department.Department;
import com.bohe.content.search.SearchIndexes;
import com.bohe.content.search.TitleKey;

/** The 相关推荐 list, on the demo content of the seed page. */
@QuarkusTest
class RelatedArticlesTest {

    @Inject
    TestData data;
    @Inject
    SearchIndexes indexes;
    @Inject
    com.bohe.content.related.RelatedLists related;
    @Inject
    com.bohe.content.article.read.ReadCaches reads;

    @Test
    void shouldRecommendTenArticlesOnTheSeedPagesTopicWithoutItselfOrRepeats() {
        long seed = data.articleIdBySlug(ArticleResourceTest.SEED_SLUG);
        List<Map<String, Object>> items = given().get("/articles/" + seed + "/related")
                .then().statusCode(200)
                .body("items", hasSize(10))
                .body("items.id", not(hasItem((int) seed)))
                .body("items.title", not(hasItem(ArticleResourceTest.SEED_TITLE)))
                .extract().jsonPath().getList("items");
        for (Map<String, Object> item : items) {
            String title = (String) item.get("title");
            @SuppressWarnings("unchecked")
            List<String> diseases = ((List<Map<String, Object>>) item.get("diseases")).stream().map(d -> (String) d.get("name")).toList();
            assertTrue(title.contains("面瘫") || title.contains("面肌痉挛") || diseases.contains("面瘫") || diseases.contains("面肌痉挛"),
                    "off topic: " + title);
        }
        assertNoNearDuplicates(items);
    }

    @Test
    void shouldCollapseRepeatedTitlesAndHideDrafts() {
        long seed = data.articleIdBySlug(ArticleResourceTest.SEED_SLUG);
        List<Map<String, Object>> items = given().queryParam("limit", 50).get("/articles/" + seed + "/related")
                .then().statusCode(200)
                .body("items.title", not(hasItem("面瘫患者的饮食注意事项")))
                .extract().jsonPath().getList("items");
        assertNoNearDuplicates(items);
        long differences = items.stream().map(i -> (String) i.get("title"))
                .filter(t -> t.contains("区别")).count();
        assertEquals(1, differences, "the nine 面瘫/面肌痉挛 区别 articles collapse into one");
    }

    @Test
    void shouldScoreFromOneDownAndGiveTrueReasons() {
        long seed = data.articleIdBySlug(ArticleResourceTest.SEED_SLUG);
        List<Map<String, Object>> items = given().get("/articles/" + seed + "/related").then().statusCode(200)
                .extract().jsonPath().getList("items");
        double previous = 1.0;
        for (Map<String, Object> item : items) {
            double score = ((Number) item.get("score")).doubleValue();
            assertTrue(score >= 0 && score <= previous, "scores must fall from at most 1: " + score);
            previous = score;
            @SuppressWarnings("unchecked")
            List<String> reasons = (List<String>) item.get("reasons");
            assertFalse(reasons.isEmpty(), "every item says why");
            @SuppressWarnings("unchecked")
            List<String> diseases = ((List<Map<String, Object>>) item.get("diseases")).stream().map(d -> (String) d.get("name")).toList();
            @SuppressWarnings("unchecked")
            Map<String, Object> department = (Map<String, Object>) item.get("department");
            for (String reason : reasons) {
                if (reason.startsWith("同病种: ")) {
                    for (String name : reason.substring(5).split("、")) {
                        assertTrue(diseases.contains(name), reason + " but the item has " + diseases);
                        assertTrue(List.of("面瘫", "贝尔面瘫", "面肌痉挛", "暴露性角膜炎").contains(name), reason + " is not the seed's");
                    }
                }
                if (reason.startsWith("同科室: ")) {
                    assertEquals("神经内科", department.get("name"), reason);
                }
            }
        }
        assertTrue(items.stream().anyMatch(i -> ((List<?>) i.get("reasons")).stream().anyMatch(r -> ((String) r).startsWith("同病种"))));
    }

    @Test
    void shouldOrderTheSameWayEveryTime() {
        long seed = data.articleIdBySlug(ArticleResourceTest.SEED_SLUG);
        String first = given().queryParam("limit", 30).get("/articles/" + seed + "/related").then().extract().asString();
        assertEquals(related.computeNow(seed).hits(), related.computeNow(seed).hits());
        reads.evictAll();
        String second = given().queryParam("limit", 30).get("/articles/" + seed + "/related").then().extract().asString();
        assertEquals(first, second);
    }

    @Test
    void shouldFallBackToPopularArticlesWhenNothingIsShared() {
        // An earlier run's lonely article (the tests run once per backend) would share its meaning.
        data.deleteArticlesTitled("Zxqv wplk");
        Department department = data.department("孤立科");
        Article lonely = data.article(department, "Zxqv wplk", "Qqzz jjxx kkvv.");
        data.untag(lonely.id);
        // Nor meaning: other tests' articles of Latin gibberish are near it in the embedding's space.
        data.pinRandomVector(lonely.id, 7);
        // Which articles are most viewed depends on what other tests counted; that they are popular fill does not.
        List<Map<String, Object>> items = given().queryParam("limit", 5).get("/articles/" + lonely.id + "/related")
                .then().statusCode(200)
                .body("items", hasSize(5))
                .body("items.id", not(hasItem(lonely.id.intValue())))
                .body("items.reasons", everyItem(hasItem("热门文章")))
                .extract().jsonPath().getList("items");
        assertNoNearDuplicates(items);
    }

    @Test
    void shouldAnswer404ForDraftsAndUnknownArticlesAnd400ForBadLimits() {
        long draft = data.articleIdByTitle("面瘫患者的饮食注意事项");
        given().get("/articles/" + draft + "/related").then().statusCode(404).contentType("application/problem+json");
        given().get("/articles/99999999/related").then().statusCode(404);
        long seed = data.articleIdBySlug(ArticleResourceTest.SEED_SLUG);
        given().queryParam("limit", 0).get("/articles/" + seed + "/related").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", 51).get("/articles/" + seed + "/related").then().statusCode(400);
        given().queryParam("limit", 1).get("/articles/" + seed + "/related").then().statusCode(200).body("items", hasSize(1));
    }

    private static void assertNoNearDuplicates(List<Map<String, Object>> items) {
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                String a = (String) items.get(i).get("title");
                String b = (String) items.get(j).get("title");
                assertFalse(new TitleKey(a).nearlySame(new TitleKey(b)), "near-duplicate titles: " + a + " / " + b);
            }
        }
    }
}
