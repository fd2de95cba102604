package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.TestData;
import com.bohe.content.embedded.EmbeddedPostgresLauncher;
import com.bohe.content.views.ViewCounter;

/** A real outage: the tests' PostgreSQL is stopped while readers keep viewing, then started again. */
@QuarkusTest
class ViewsOutageTest {

    static final String BROWSER = ArticleViewsTest.BROWSER;

    @Inject
    TestData data;
    @Inject
    ViewCounter counter;

    @Test
    void shouldKeepCountingThroughADatabaseOutageAndLoseNothing() throws Exception {
        Article article = data.publishedArticle("停库期间的浏览");
        Article unseen = data.publishedArticle("停库前没人看过");
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().body("viewCount", equalTo(1));
        counter.flush();

        EmbeddedPostgresLauncher.stop();
        try {
            for (int i = 2; i <= 51; i++) {
                given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views")
                        .then().statusCode(200).body("viewCount", equalTo(i));
            }
            given().header("User-Agent", BROWSER).post("/articles/" + unseen.id + "/views")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1");
            assertThrows(SQLException.class, counter::flush, "the database is away");
        } finally {
            EmbeddedPostgresLauncher.start();
        }
        // The pool must notice by itself that its connections from before the outage are dead: within the 5 s the
        // README promises, as the flush that runs every second would (a connection used in the last second before
        // the restart is handed out unchecked, fails once, and is dropped).
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
                .ignoreException(SQLException.class).until(() -> {
                    counter.flush();
                    return true;
                });
        assertEquals(51, data.storedViewCount(article.id));
        assertEquals(0, data.storedViewCount(unseen.id));
        given().get("/articles/" + article.id).then().statusCode(200).body("viewCount", equalTo(51));
    }
}
