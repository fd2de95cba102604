package com.bohe.content.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.bohe.content.department.Department;
import com.bohe.content.opensearch.OpenSearchProfile;

/**
 * Every search test again, answered by OpenSearch; one is replaced, since OpenSearch sees a change once its feed
 * has read the change log, whichever instance wrote it, rather than at once here and at the catch-up for others.
 */
@QuarkusTest
@TestProfile(OpenSearchProfile.class)
class ArticleSearchOnOpenSearchTest extends ArticleSearchTest {

    @Test
    @Override
    void shouldSeeALocalChangeAtOnceAndAnotherInstancesAfterCatchUp() {
        // The test runs once per backend, on one database: an earlier run's articles would be found too.
        List.of("本机新文章", "鹦鹉螺号的另一篇", "别的实例写的文章").forEach(data::deleteArticlesTitled);
        Department department = data.department("索引更新科");
        Article local = data.article(department, "本机新文章", "含有独特词语鹦鹉螺号。");
        await(() -> ids("鹦鹉螺号").contains(local.id.intValue()));
        Article sibling = data.article(department, "鹦鹉螺号的另一篇", "还是讲鹦鹉螺号。");
        await(() -> ids("鹦鹉螺号").contains(sibling.id.intValue()));
        given().get("/articles/" + local.id + "/related").then().statusCode(200)
                .body("items[0].id", equalTo(sibling.id.intValue()));

        long remote = data.insertBehindTheIndexesBack(department, "别的实例写的文章", "含有独特词语翡翠蜥蜴。");
        await(() -> ids("翡翠蜥蜴").contains((int) remote));
        given().queryParam("q", "翡翠蜥蜴").get("/articles").then().body("items.id", contains((int) remote));

        data.deleteArticle(remote);
        await(() -> ids("翡翠蜥蜴").isEmpty());
        given().get("/articles/" + local.id + "/related").then().body("items.id", not(hasItem((int) remote)));
    }

    private static List<Integer> ids(String q) {
        return given().queryParam("q", q).get("/articles").jsonPath().getList("items.id");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
