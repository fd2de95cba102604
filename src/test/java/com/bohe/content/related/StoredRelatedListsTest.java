package com.bohe.content.related;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.read.ReadCaches;
import com.bohe.content.search.RelatedHit;

/**
 * Related lists computed ahead: stored when an article is written, reused instead of recomputed, refreshed for
 * the neighbourhood, and filtered for visibility when read.
 */
@QuarkusTest
class StoredRelatedListsTest {

    @Inject
    RelatedLists related;
    @Inject
    ReadCaches reads;
    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void nothingWaiting() {
        related.drain();
    }

    private long publish(String title, String body, String disease) {
        Map<String, Object> article = new HashMap<>();
        article.put("title", title);
        article.put("body", body);
        article.put("diseases", List.of(disease));
        article.put("status", "published");
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(article).post("/articles")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private List<Long> stored(long id) {
        return related.find(id).orElseThrow().list().hits().stream().map(RelatedHit::id).toList();
    }

    private List<Long> served(long id) {
        return given().queryParam("limit", 50).get("/articles/" + id + "/related").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void shouldStoreTheListOfAWrittenArticleAndServeItWithoutComputingAgain() {
        String disease = data.disease("蜂蜇过敏", data.department("蜂蜇科")).slug;
        long first = publish("被蜜蜂蜇了过敏怎么处理", "被蜜蜂蜇伤后出现过敏反应,局部红肿,应先拔出蜂刺再冷敷。", disease);
        long second = publish("蜜蜂蜇伤后过敏怎么办", "蜜蜂蜇伤引起过敏时,拔出蜂刺,冷敷,严重时立即就医。", disease);
        assertTrue(related.backlog() >= 2, "both writes wait for their lists");
        related.drain();
        assertEquals(0, related.backlog());
        assertTrue(stored(second).contains(first), "stored with its write: " + stored(second));
        assertTrue(stored(first).contains(second), "the first article's list was refreshed as a neighbour: " + stored(first));

        // As after a restart: nothing in memory; the stored list is read, not computed.
        reads.evictAll();
        long computed = related.computedCount();
        assertEquals(stored(second), served(second).stream().filter(stored(second)::contains).toList());
        assertTrue(served(second).contains(first));
        assertEquals(computed, related.computedCount(), "served from the stored list");
    }

    @Test
    void shouldNeverShowAnArticleUnpublishedAfterTheListNamingItWasStored() {
        String disease = data.disease("晕车呕吐", data.department("晕车科")).slug;
        long kept = publish("坐车晕车呕吐怎么缓解", "晕车时呕吐,可以看远处,开窗通风,提前服用晕车药。", disease);
        long hidden = publish("晕车呕吐如何缓解", "晕车引起呕吐,开窗通风看远处,必要时服晕车药。", disease);
        related.drain();
        assertTrue(stored(kept).contains(hidden));
        assertTrue(served(kept).contains(hidden));

        given().auth().oauth2(tokens.admin()).post("/articles/" + hidden + "/unpublish").then().statusCode(200);
        assertTrue(stored(kept).contains(hidden), "the stored list is not computed again yet");
        assertFalse(served(kept).contains(hidden), "but the unpublished article never shows");
        given().get("/articles/" + hidden + "/related").then().statusCode(404);

        related.drain();
        assertFalse(stored(kept).contains(hidden), "and the neighbourhood pass drops it: " + stored(kept));
    }

    @Test
    void shouldReadAColdListWithItsItemsAsTheyAreNow() throws java.sql.SQLException {
        String disease = data.disease("冻疮瘙痒", data.department("冻疮科")).slug;
        long kept = publish("手上长冻疮很痒怎么办", "冻疮瘙痒时不要抓挠,温水浸泡,涂冻疮膏。", disease);
        long renamed = publish("冻疮发痒怎么处理", "冻疮发痒,温水泡手,涂抹冻疮膏,注意保暖。", disease);
        long due = publish("冻疮痒得厉害如何止痒", "冻疮止痒:温水浸泡,冻疮膏,保暖防冻。", disease);
        related.drain();
        assertTrue(served(kept).containsAll(List.of(renamed, due)), "both listed: " + served(kept));
        // Behind the application's back, so that only what the cold read takes from the database can tell.
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE article SET title = '冻疮发痒怎么处理(修订)' WHERE id = " + renamed);
            statement.executeUpdate("UPDATE article SET published_at = now() + interval '1 day' WHERE id = " + due);
        }
        reads.evictAll();
        var cold = given().queryParam("limit", 50).get("/articles/" + kept + "/related").then().statusCode(200)
                .extract().jsonPath();
        List<Long> ids = cold.getList("items.id", Long.class);
        assertFalse(ids.contains(due), "an article not yet due again never shows: " + ids);
        assertEquals("冻疮发痒怎么处理(修订)", cold.getString("items.find { it.id == " + renamed + " }.title"));
        assertTrue(stored(kept).contains(due), "though the stored list still names it");
    }

    @Test
    void shouldComputeAListOnceOnRequestWhenNoneIsStored() {
        var department = data.department("未存科");
        long id = data.insertBehindTheIndexesBack(department, "未存列表的文章", "未存列表的正文。");
        data.indexNow(id);
        long computed = related.computedCount();
        served(id);
        assertEquals(computed + 1, related.computedCount(), "computed on its first request");
        served(id);
        assertEquals(computed + 1, related.computedCount(), "once");
        related.drain();
        reads.evictAll();
        computed = related.computedCount();
        served(id);
        assertEquals(computed, related.computedCount(), "stored, and read after that");
    }
}
