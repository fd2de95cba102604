package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import com.bohe.content.TestData;
import com.bohe.content.article.read.PublicArticleCounts;
import com.bohe.content.department.Department;
import com.bohe.content.views.ViewCounter;

@QuarkusTest
class ArticleViewsTest {

    static final String BROWSER = TestData.BROWSER;

    @Inject
    TestData data;
    @Inject
    ViewCounter counter;
    @Inject
    PublicArticleCounts publicArticles;
    @Inject
    AgroalDataSource dataSource;
    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldCountAViewAndShowItBeforeAndAfterTheFlush() throws Exception {
        Article article = data.publishedArticle("浏览计数");
        given().header("User-Agent", BROWSER).when().post("/articles/" + article.id + "/views")
                .then().statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(article.id.intValue()))
                .body("viewCount", equalTo(1))
                .body("counted", equalTo(true));
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(1));
        given().queryParam("department", article.department.slug).get("/articles").then().body("items[0].viewCount", equalTo(1));
        assertEquals(0, data.storedViewCount(article.id), "written behind, not yet stored");
        counter.flush();
        assertEquals(1, data.storedViewCount(article.id));
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(1));
    }

    @Test
    void shouldAnswerCountsThatGrowAcrossFlushesAndOtherInstances() throws Exception {
        Article article = data.publishedArticle("计数连续");
        for (int i = 1; i <= 3; i++) {
            given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(i));
        }
        counter.flush();
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(4));
        // Another instance flushes 100 views of the same article.
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE article SET view_count = view_count + 100 WHERE id = ?")) {
            s.setLong(1, article.id);
            s.executeUpdate();
        }
        publicArticles.refresh();
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(105));
        counter.flush();
        assertEquals(105, data.storedViewCount(article.id));
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(105));
    }

    @Test
    void shouldRefreshCountsAndVisibilityChangedElsewhere() throws Exception {
        Article counted = data.publishedArticle("别处计数");
        Article unpublished = data.publishedArticle("别处撤回");
        Article unchanged = data.publishedArticle("别处未变");
        Article draft = data.article(data.department("别处发布科"), "别处发布", ArticleStatus.draft, null);
        for (Article a : List.of(counted, unpublished, unchanged)) {
            given().header("User-Agent", BROWSER).post("/articles/" + a.id + "/views").then().body("viewCount", equalTo(1));
        }
        given().header("User-Agent", BROWSER).post("/articles/" + draft.id + "/views").then().statusCode(404);
        counter.flush();
        // Another instance's flush and edits, straight in the database (no change event reaches this instance).
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE article SET view_count = view_count + 100 WHERE id = " + counted.id);
            s.executeUpdate("UPDATE article SET status = 'draft' WHERE id = " + unpublished.id);
            s.executeUpdate("UPDATE article SET status = 'published', published_at = now() - interval '1 minute' WHERE id = " + draft.id);
        }
        publicArticles.refresh(2); // two articles a query: the merge crosses many chunk boundaries
        given().header("User-Agent", BROWSER).post("/articles/" + counted.id + "/views").then().body("viewCount", equalTo(102));
        given().header("User-Agent", BROWSER).post("/articles/" + unpublished.id + "/views").then().statusCode(404);
        given().header("User-Agent", BROWSER).post("/articles/" + unchanged.id + "/views").then().body("viewCount", equalTo(2));
        given().header("User-Agent", BROWSER).post("/articles/" + draft.id + "/views").then().statusCode(200).body("viewCount", equalTo(1));
        counter.flush();
        assertEquals(102, data.storedViewCount(counted.id));
        assertEquals(1, data.storedViewCount(draft.id));
        // As the search index still has them: other tests' related lists come from it.
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE article SET status = 'published' WHERE id = " + unpublished.id);
            s.executeUpdate("UPDATE article SET status = 'draft', published_at = NULL WHERE id = " + draft.id);
        }
        publicArticles.refresh();
    }

    @Test
    void shouldRefreshOnScheduleWhenAnotherInstanceFlushed() throws Exception {
        Article article = data.publishedArticle("别处刷新");
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(1));
        counter.flush();
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(1)); // kept with its count
        publicArticles.refreshIfOthersFlushed(); // whatever other tests left: from here, no other instance flushed
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM view_flush WHERE instance <> '" + counter.instance() + "'");
            s.executeUpdate("UPDATE article SET view_count = view_count + 100 WHERE id = " + article.id);
        }
        assertFalse(publicArticles.refreshIfOthersFlushed(), "no other instance flushed: nothing to read");
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(1));
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO view_flush (instance, seq) VALUES ('" + java.util.UUID.randomUUID() + "', 1)");
        }
        assertTrue(publicArticles.refreshIfOthersFlushed(), "another instance flushed: the counts are read");
        given().get("/articles/" + article.id).then().body("viewCount", equalTo(101));
    }

    @Test
    void shouldCount32ThreadsTimes1000ViewsExactly() throws Exception {
        Article hot = data.publishedArticle("热门文章");
        Article other = data.publishedArticle("另一篇文章");
        HttpClient client = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(32)).build();
        AtomicInteger failures = new AtomicInteger();
        com.bohe.content.Concurrency.runInThreads(32, () -> {
            HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("articles/" + hot.id + "/views"))
                    .header("User-Agent", BROWSER).POST(HttpRequest.BodyPublishers.noBody()).build();
            for (int i = 0; i < 1_000; i++) {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    failures.incrementAndGet();
                }
            }
            return null;
        });
        given().header("User-Agent", BROWSER).post("/articles/" + other.id + "/views").then().statusCode(200);
        assertEquals(0, failures.get());
        given().get("/articles/" + hot.id).then().body("viewCount", equalTo(32_000));
        counter.flush();
        assertEquals(32_000, data.storedViewCount(hot.id));
        assertEquals(1, data.storedViewCount(other.id));
    }

    @Test
    void shouldNotCountCrawlers() throws Exception {
        Article article = data.publishedArticle("爬虫不计数");
        for (String agent : new String[] { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
                "Sogou web spider/4.0", "Mozilla/5.0 (compatible; bingbot/2.0)", "curl/8.5.0" }) {
            given().header("User-Agent", agent).post("/articles/" + article.id + "/views")
                    .then().statusCode(200).body("counted", equalTo(false)).body("viewCount", equalTo(0));
        }
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(1));
        counter.flush();
        assertEquals(1, data.storedViewCount(article.id));
    }

    @Test
    void shouldKeepGetFreeOfSideEffects() throws Exception {
        Article article = data.publishedArticle("读取无副作用");
        for (int i = 0; i < 5; i++) {
            given().get("/articles/" + article.id).then().statusCode(200);
        }
        counter.flush();
        assertEquals(0, data.storedViewCount(article.id));
    }

    @Test
    void shouldAnswer404ForUnknownDraftAndScheduledArticles() {
        Department department = data.department("不可见文章科");
        Article draft = data.article(department, "草稿", ArticleStatus.draft, null);
        Article scheduled = data.article(department, "明日发布", ArticleStatus.published, Instant.now().plus(1, ChronoUnit.DAYS));
        for (long id : new long[] { 987_654_321L, draft.id, scheduled.id }) {
            given().header("User-Agent", BROWSER).post("/articles/" + id + "/views")
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("No article found for id " + id));
        }
        given().post("/articles/abc/views").then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void shouldRankPopularArticlesWithinTheWindow() throws Exception {
        Article recent = data.publishedArticle("今天很热");
        Article yesterday = data.publishedArticle("昨天很热");
        Article lastWeek = data.publishedArticle("三天前很热");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // Far above anything other tests count, so that these three lead every window they are in.
        addDayViews(recent.id, today.minusDays(10), 5_000_000_000L);
        addDayViews(recent.id, today, 1_000_000_000L);
        addDayViews(yesterday.id, today.minusDays(1), 2_000_000_000L);
        addDayViews(lastWeek.id, today.minusDays(3), 3_000_000_000L);
        popular(1).body("items[0].article.title", equalTo("今天很热")).body("items[0].recentViews", equalTo(1_000_000_000));
        popular(2).body("items.article.title[0..1]", contains("昨天很热", "今天很热"));
        List<Long> week = given().queryParam("days", 7).queryParam("size", 3).get("/articles/popular").then().statusCode(200)
                .body("items.article.title", contains("三天前很热", "昨天很热", "今天很热"))
                .extract().jsonPath().getList("items.recentViews", Long.class);
        assertEquals(List.of(3_000_000_000L, 2_000_000_000L, 1_000_000_000L), week);
        given().queryParam("days", 30).queryParam("size", 1).get("/articles/popular").then().statusCode(200)
                .body("items[0].article.title", equalTo("今天很热"))
                .body("items[0].recentViews", equalTo(6_000_000_000L));
    }

    @Test
    void shouldRejectWindowsOutside1To90Days() {
        given().queryParam("days", 0).get("/articles/popular").then().statusCode(400).body("errors[0].field", equalTo("days"));
        given().queryParam("days", 91).get("/articles/popular").then().statusCode(400).body("errors[0].field", equalTo("days"));
        given().queryParam("days", 90).get("/articles/popular").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse popular(int days) {
        return given().queryParam("days", days).get("/articles/popular").then().statusCode(200);
    }

    private void addDayViews(long article, LocalDate day, long views) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO article_view_day (article_id, day, views) VALUES (?, ?, ?)")) {
            s.setLong(1, article);
            s.setObject(2, day);
            s.setLong(3, views);
            s.executeUpdate();
        }
    }
}
