package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The N+1 guard: a list page costs the same small number of SQL statements whether it holds 1 item or 20, because
 * the associations of a page load in batches. Hibernate statistics count the statements.
 */
@QuarkusTest
class StatementCountTest {

    @Inject
    EntityManagerFactory entityManagerFactory;
    @Inject
    com.bohe.content.article.read.ReadCaches reads;
    @Inject
    com.bohe.content.related.RelatedLists related;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    com.bohe.content.article.read.PublicArticleCounts counts;

    @Test
    void shouldListArticlesInABoundedNumberOfStatements() {
        long one = statementsFor("/articles?size=1&sort=-publishedAt", 1);
        long twenty = statementsFor("/articles?size=20&sort=-publishedAt", 20);
        assertEquals(one, twenty, "statements must not grow with the page size");
        // count, the page's ids, the items with their departments and diseases
        assertEquals(3, twenty, "statements of a page of 20 articles");
    }

    @Test
    void shouldPageByCursorInTwoStatements() {
        long one = statementsFor("/articles?cursor=&limit=1", 1);
        long twenty = statementsFor("/articles?cursor=&limit=20", 20);
        // the page's ids, the items with their departments and diseases
        assertEquals(2, one, "statements of a cursor page of 1");
        assertEquals(2, twenty, "statements of a cursor page of 20");
    }

    @Test
    void shouldServeCachedItemsWithoutLoadingThemAgain() {
        statementsFor("/articles?size=20&sort=-publishedAt", 20);
        reads.evictPages();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        given().when().get("/articles?size=20&sort=-publishedAt").then().statusCode(200);
        // count and ids only: the items come from the item cache
        assertEquals(2, statistics.getPrepareStatementCount());
    }

    @Test
    void shouldReadAColdArticleInOneStatementOnceRendered() throws Exception {
        long id = given().get("/articles?size=1&sort=-publishedAt").then().extract().jsonPath().getLong("items[0].id");
        String body = given().get("/articles/" + id).then().statusCode(200).extract().asString();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM article_rendered WHERE article_id = " + id);
        }
        reads.evictAll();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        quiet(statistics);
        given().when().get("/articles/" + id).then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo((int) id));
        // never rendered: the article with its view count and no current render; the article with its department,
        // reviewer, hospital and diseases; the render kept
        assertEquals(3, statistics.getPrepareStatementCount());
        reads.evictAll();
        quiet(statistics);
        assertEquals(body, given().when().get("/articles/" + id).then().statusCode(200).extract().asString(),
                "the kept render answers the same bytes");
        // rendered before (by this instance or another): the article with its render
        assertEquals(1, statistics.getPrepareStatementCount());
        quiet(statistics);
        given().when().get("/articles/" + id).then().statusCode(200);
        assertEquals(0, statistics.getPrepareStatementCount(), "then none");
    }

    @Test
    void shouldReadAColdRelatedListInOneStatementOnceRendered() throws Exception {
        long id = given().get("/articles?size=1&sort=-publishedAt").then().extract().jsonPath().getLong("items[0].id");
        related.drain();
        given().when().get("/articles/" + id + "/related").then().statusCode(200); // stored once computed
        related.drain();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM article_related_rendered WHERE article_id = " + id);
        }
        reads.evictAll();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        quiet(statistics);
        String body = given().when().get("/articles/" + id + "/related").then().statusCode(200).extract().asString();
        assertTrue(io.restassured.path.json.JsonPath.from(body).getList("items").size() > 0);
        // never rendered: whether the article is public with its stored list and no current render; the items it
        // shows with their versions (the first 13 of the list, then more if fewer than 10 of them are public now:
        // other tests leave drafts); the render kept
        long publicOfFirst13;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.ResultSet r = c.createStatement().executeQuery(
                "SELECT count(*) FROM article_related l, unnest(l.related_ids[1:13]) x(id) JOIN article a ON a.id = x.id "
                        + "WHERE l.article_id = " + id + " AND a.status = 'published' AND a.published_at <= now()")) {
            r.next();
            publicOfFirst13 = r.getLong(1);
        }
        long statements = statistics.getPrepareStatementCount();
        if (publicOfFirst13 >= 10) {
            assertEquals(3, statements);
        } else {
            assertTrue(statements >= 4, "items read in more than one statement: " + statements);
        }
        reads.evictAll();
        quiet(statistics);
        assertEquals(body, given().when().get("/articles/" + id + "/related").then().statusCode(200).extract().asString(),
                "the kept render answers the same bytes");
        // rendered before (by this instance or another): the article with its render and its items' counts
        assertEquals(1, statistics.getPrepareStatementCount());
        quiet(statistics);
        given().when().get("/articles/" + id + "/related").then().statusCode(200);
        assertEquals(0, statistics.getPrepareStatementCount(), "then none");
    }

    @Test
    void shouldLoadOnlyTheItemsARelatedListShows() throws InterruptedException {
        long id = given().get("/articles?size=1&sort=-publishedAt").then().extract().jsonPath().getLong("items[0].id");
        related.drain();
        int all = given().when().get("/articles/" + id + "/related?limit=50").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
        assertTrue(all > 5, "the list must be longer than what is asked for, got " + all);
        related.drain();
        reads.evictAll();
        long before = reads.itemsLoaded();
        given().when().get("/articles/" + id + "/related?limit=2").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.is(2));
        long loaded = reads.itemsLoaded() - before;
        assertTrue(loaded > 0 && loaded <= 5, "two shown, three spare at most; loaded " + loaded + " of " + all);
    }

    @Test
    void shouldListDoctorsInABoundedNumberOfStatements() {
        long one = statementsFor("/doctors?size=1", 1);
        long ten = statementsFor("/doctors?size=10", 10);
        assertEquals(one, ten, "statements must not grow with the page size");
        // count, page, departments, hospitals
        assertTrue(ten <= 4, "expected at most 4 statements, got " + ten);
    }

    @Test
    void shouldAnswerAMissingArticleWithOneLookup() {
        // The route answers its own 404s: the resource does not look the article up a second time.
        reads.evictAll();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        quiet(statistics);
        given().when().get("/articles/987654321").then().statusCode(404);
        assertEquals(1, statistics.getPrepareStatementCount(), "an article never seen");
        quiet(statistics);
        given().when().get("/articles/987654321/related").then().statusCode(404);
        assertEquals(1, statistics.getPrepareStatementCount(), "the related list of an article never seen");
    }

    @Test
    void shouldListDiseasesAndDepartmentsInABoundedNumberOfStatements() {
        assertEquals(statementsFor("/diseases?size=1", 1), statementsFor("/diseases?size=10", 10));
        assertEquals(statementsFor("/departments?size=1", 1), statementsFor("/departments?size=10", 10));
    }

    /** Lets view counts that a read missed finish loading in the background, then clears the counts. */
    @Test
    void shouldSuggestWithoutAStatementPerKeystroke() {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        quiet(statistics);
        String[] keystrokes = { "面", "面瘫", "m", "mi", "mia", "mian", "miant", "miantan", "头", "头痛", "偏", "偏头", "w", "wj",
            "wjg", "王", "王建", "神经", "sj", "三叉", "眼", "耳", "中", "带状", "pt", "ptt", "xue", "心", "肝", "胃" };
        for (String q : keystrokes) {
            given().queryParam("q", q).when().get("/suggest").then().statusCode(200);
        }
        // Whatever background work reads meanwhile (a view flush, the change log) is far below one a keystroke.
        org.hamcrest.MatcherAssert.assertThat(statistics.getPrepareStatementCount(),
                org.hamcrest.Matchers.lessThan((long) keystrokes.length / 3));
    }

    private void quiet(Statistics statistics) {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).pollDelay(Duration.ZERO)
                .until(() -> !counts.loading());
        statistics.clear();
    }

    private long statementsFor(String path, int expectedItems) {
        // First pages of article lists are cached in-process (and /articles?size=N is answered before the REST
        // layer, hence the explicit default sort above); the guard is about the database path.
        reads.evictAll();
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        int items = given().when().get(path).then().statusCode(200).extract().jsonPath().getList("items").size();
        assertEquals(expectedItems, items, "the page must be full for the comparison to mean anything");
        return statistics.getPrepareStatementCount();
    }
}
