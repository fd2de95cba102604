package com.bohe.content.article.read;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.related.RelatedLists;

/**
 * Related lists rendered once at the default limit are kept for every instance's first read, and never served once
 * the list, an item it shows, an item it passed over or what the items show of others has changed, even when no
 * event told this instance: changes are made behind the application's back and the caches dropped, as another
 * instance's edit looks before the catch-up.
 */
@QuarkusTest
class RenderedRelatedTest {

    @Inject
    TestData data;
    @Inject
    ReadCaches reads;
    @Inject
    DataSource dataSource;
    @Inject
    Tokens tokens;
    @Inject
    RelatedLists related;
    @Inject
    RelatedReads relatedReads;

    @BeforeEach
    void nothingWaiting() {
        related.drain();
    }

    /** Three articles on one disease, their lists stored: the first's list shows the other two. */
    private long[] neighbours(String disease, String department, String... titles) {
        var dept = data.department(department);
        String slug = data.disease(disease, dept).slug;
        long[] ids = new long[titles.length];
        for (int i = 0; i < titles.length; i++) {
            Map<String, Object> article = new HashMap<>();
            article.put("title", titles[i]);
            article.put("body", titles[i] + "。" + disease + "的常见处理方法:休息,多喝水,必要时就医。");
            article.put("diseases", List.of(slug));
            article.put("department", dept.slug);
            article.put("status", "published");
            ids[i] = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(article).post("/articles")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        }
        related.drain();
        return ids;
    }

    private Response cold(long id) {
        reads.evictAll();
        return given().get("/articles/" + id + "/related").then().statusCode(200).extract().response();
    }

    private static List<Long> ids(Response response) {
        return response.jsonPath().getList("items.id", Long.class);
    }

    @Test
    void shouldKeepARenderAndServeItByteForByte() throws SQLException {
        long[] a = neighbours("渲染列表病", "渲染列表科", "渲染列表病怎么治疗", "渲染列表病如何治疗", "渲染列表病怎样治疗");
        Response first = cold(a[0]);
        assertTrue(ids(first).containsAll(List.of(a[1], a[2])), "both neighbours listed: " + ids(first));
        assertEquals(1, rows(a[0]), "rendered once, kept");
        String renderedAt = renderedAt(a[0]);

        Response again = cold(a[0]);
        assertEquals(first.asString(), again.asString(), "the kept render answers the same bytes");
        assertEquals(first.header("ETag"), again.header("ETag"));
        assertEquals(first.header("Surrogate-Key"), again.header("Surrogate-Key"));
        assertTrue(again.header("Surrogate-Key").contains("article-" + a[1]), again.header("Surrogate-Key"));
        assertEquals(renderedAt, renderedAt(a[0]), "read, not rendered again");
    }

    @Test
    void shouldNotServeARenderOnceAnItemItShowsChanged() throws SQLException {
        long[] a = neighbours("改题列表病", "改题列表科", "改题列表病怎么办", "改题列表病如何办", "改题列表病怎样办");
        cold(a[0]);
        data.retitleBehindTheIndexesBack(a[1], "改题列表病怎么办(修订)");
        JsonPath after = cold(a[0]).jsonPath();
        assertEquals("改题列表病怎么办(修订)", after.getString("items.find { it.id == " + a[1] + " }.title"));
        assertEquals(after.prettify(), cold(a[0]).jsonPath().prettify(), "rendered again, then served");
    }

    @Test
    void shouldNeverShowAnItemThatIsNoLongerPublicFromARender() throws SQLException {
        long[] a = neighbours("下线列表病", "下线列表科", "下线列表病要紧吗", "下线列表病严重吗", "下线列表病危险吗");
        assertTrue(ids(cold(a[0])).containsAll(List.of(a[1], a[2])));
        // Neither change touches the items' versions: only the render's check of who is public now can tell.
        update("UPDATE article SET status = 'draft' WHERE id = " + a[1]);
        update("UPDATE article SET published_at = now() + interval '1 day' WHERE id = " + a[2]);
        try {
            List<Long> shown = ids(cold(a[0]));
            assertFalse(shown.contains(a[1]), "a draft never shows: " + shown);
            assertFalse(shown.contains(a[2]), "an article not yet due never shows: " + shown);
        } finally {
            // Other tests' stored lists may name them: public again, as those tests expect their lists to be.
            update("UPDATE article SET status = 'published', published_at = now() - interval '1 minute' WHERE id IN ("
                    + a[1] + ", " + a[2] + ")");
        }
    }

    @Test
    void shouldShowAnItemPassedOverOnceItBecomesPublic() throws SQLException {
        long[] a = neighbours("到期列表病", "到期列表科", "到期列表病能根治吗", "到期列表病可以根治吗", "到期列表病会根治吗");
        update("UPDATE article SET published_at = now() + interval '1 day' WHERE id = " + a[1]);
        List<Long> before = ids(cold(a[0]));
        assertFalse(before.contains(a[1]), "not due yet: passed over");
        assertTrue(before.contains(a[2]), "its neighbour shown: " + before);
        assertEquals(1, rows(a[0]));
        update("UPDATE article SET published_at = now() - interval '1 minute' WHERE id = " + a[1]);
        assertTrue(ids(cold(a[0])).contains(a[1]), "due now: the render that passed it over is not served");
    }

    @Test
    void shouldNotServeARenderOnceADepartmentItShowsIsRenamed() throws SQLException {
        long[] a = neighbours("改科列表病", "改科列表前", "改科列表病吃什么", "改科列表病吃啥好", "改科列表病饮食");
        assertEquals("改科列表前", cold(a[0]).jsonPath().getString("items.find { it.id == " + a[1] + " }.department.name"));
        update("UPDATE department SET name = '改科列表后' WHERE name = '改科列表前'");
        assertEquals("改科列表后", cold(a[0]).jsonPath().getString("items.find { it.id == " + a[1] + " }.department.name"));
    }

    @Test
    void shouldNotServeARenderOfAListStoredAgain() throws SQLException {
        long[] a = neighbours("重算列表病", "重算列表科", "重算列表病怎么预防", "重算列表病如何预防", "重算列表病预防方法");
        List<Long> before = ids(cold(a[0]));
        assertTrue(before.indexOf(a[1]) >= 0 && before.indexOf(a[2]) >= 0);
        // Another instance stores the list again, with the two neighbours swapped.
        update("UPDATE article_related SET related_ids = array_replace(array_replace(array_replace(related_ids, " + a[1]
                + ", -1), " + a[2] + ", " + a[1] + "), -1, " + a[2] + "), computed_at = now() WHERE article_id = " + a[0]);
        List<Long> after = ids(cold(a[0]));
        assertEquals(before.indexOf(a[1]), after.indexOf(a[2]), "the list as stored now: " + after);
        assertEquals(before.indexOf(a[2]), after.indexOf(a[1]));
    }

    @Test
    void shouldServeTheItemsViewCountsAsTheyAreNowFromARender() throws SQLException {
        long[] a = neighbours("计数列表病", "计数列表科", "计数列表病看哪科", "计数列表病挂什么科", "计数列表病去哪科");
        long before = cold(a[0]).jsonPath().getLong("items.find { it.id == " + a[1] + " }.viewCount");
        String renderedAt = renderedAt(a[0]);
        update("UPDATE article SET view_count = view_count + 1000 WHERE id = " + a[1]);
        assertEquals(before + 1000, cold(a[0]).jsonPath().getLong("items.find { it.id == " + a[1] + " }.viewCount"));
        assertEquals(renderedAt, renderedAt(a[0]), "counts are not content: the render still serves");
    }

    @Test
    void shouldAnswer404ForAnArticleNoLongerPublicThoughItsListIsRendered() throws SQLException {
        long[] a = neighbours("自身下线病", "自身下线科", "自身下线病怎么调理", "自身下线病如何调理", "自身下线病调理方法");
        cold(a[0]);
        assertEquals(1, rows(a[0]));
        update("UPDATE article SET status = 'draft' WHERE id = " + a[0]);
        try {
            reads.evictAll();
            given().get("/articles/" + a[0] + "/related").then().statusCode(404)
                    .contentType("application/problem+json");
        } finally {
            update("UPDATE article SET status = 'published' WHERE id = " + a[0]);
        }
    }

    @Test
    void shouldKeepOneRowPerArticleWhateverTheLimitsAsked() throws SQLException {
        long[] a = neighbours("限量列表病", "限量列表科", "限量列表病传染吗", "限量列表病会传染吗", "限量列表病传不传染");
        long all = count("SELECT count(*) FROM article_related_rendered");
        for (String limit : List.of("1", "01", "+5", "9", "11", "50")) {
            reads.evictAll();
            given().get("/articles/" + a[0] + "/related?limit=" + limit).then().statusCode(200);
        }
        assertEquals(all, count("SELECT count(*) FROM article_related_rendered"), "no limit but the default is kept");
        Response ten = given().get("/articles/" + a[0] + "/related?limit=10").then().statusCode(200).extract().response();
        cold(a[0]);
        assertEquals(all + 1, count("SELECT count(*) FROM article_related_rendered"), "the default limit is kept once");
        assertEquals(ten.asString(), cold(a[0]).asString(), "limit=10 and no limit: one answer");
        assertNotEquals(0, ids(ten).size());
    }

    @Test
    void shouldRenderAheadWhatAFirstReadWouldServe() throws SQLException {
        long[] a = neighbours("预渲列表病", "预渲列表科", "预渲列表病要做什么检查", "预渲列表病查什么", "预渲列表病检查项目");
        assertEquals(0, rows(a[0]));
        assertTrue(relatedReads.unrendered(1000).contains(a[0]), "a stored list without a render is found by the scan");
        assertEquals(1, relatedReads.renderAhead(List.of(a[0])));
        assertEquals(0, relatedReads.renderAhead(List.of(a[0])), "current: not rendered twice");
        assertFalse(relatedReads.unrendered(1000).contains(a[0]));
        String renderedAt = renderedAt(a[0]);
        String ahead = cold(a[0]).asString();
        assertEquals(renderedAt, renderedAt(a[0]), "the first read served the render made ahead");
        update("DELETE FROM article_related_rendered WHERE article_id = " + a[0]);
        assertEquals(ahead, cold(a[0]).asString(), "rendered ahead or by the read, the same bytes");

        update("UPDATE article_related SET computed_at = now() WHERE article_id = " + a[0]);
        assertTrue(relatedReads.unrendered(1000).contains(a[0]), "the list stored again: its render is not current");
    }

    @Test
    void shouldKeepAnEmptyRenderOnceAndShowItsItemsWhenTheyArePublicAgain() throws SQLException {
        long[] a = neighbours("空列表病", "空列表科", "空列表病怎么回事", "空列表病是什么", "空列表病什么原因");
        // A list of the two neighbours only, both drafts: nothing to show.
        update("UPDATE article_related SET related_ids = ARRAY[" + a[1] + ", " + a[2] + "]::bigint[], scores = '{0.5,0.4}', "
                + "reasons = '[[],[]]', computed_at = now() WHERE article_id = " + a[0]);
        update("UPDATE article SET status = 'draft' WHERE id IN (" + a[1] + ", " + a[2] + ")");
        try {
            assertEquals(1, relatedReads.renderAhead(List.of(a[0])), "an empty list is kept too");
            assertFalse(relatedReads.unrendered(1000).contains(a[0]), "and current: the background does not render it again");
            assertEquals(List.of(), ids(cold(a[0])));
        } finally {
            update("UPDATE article SET status = 'published' WHERE id IN (" + a[1] + ", " + a[2] + ")");
        }
        assertEquals(List.of(a[1], a[2]), ids(cold(a[0])), "public again: the empty render is not served");
    }

    private void update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }

    private long rows(long id) throws SQLException {
        return count("SELECT count(*) FROM article_related_rendered WHERE article_id = " + id);
    }

    private String renderedAt(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT rendered_at::text FROM article_related_rendered WHERE article_id = " + id)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
