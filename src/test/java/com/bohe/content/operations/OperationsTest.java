package com.bohe.content.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.article.read.ArticleReads;
import com.bohe.content.auth.Scopes;
import com.bohe.content.views.ViewCounter;

/** What operators see: domain metrics that move as the domain does, route templates, and request ids. */
@QuarkusTest
class OperationsTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0";

    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @Inject
    ViewCounter counter;
    @Inject
    ArticleReads reads;

    /** The sum of a metric's samples whose labels contain every fragment given, from /q/metrics. */
    static double metric(String name, String... labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String head = line.substring(0, line.lastIndexOf(' '));
            boolean all = true;
            for (String label : labels) {
                all &= head.contains(label);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(found, "no sample of " + name + " with " + String.join(", ", labels));
        return sum;
    }

    @Test
    void shouldCountAViewAndItsFlush() throws Exception {
        Article article = data.publishedArticle("指标计数");
        counter.flush();
        double accepted = metric("content_views_accepted_total");
        double flushed = metric("content_views_flushed_total");
        double bots = metric("content_views_refused_total", "reason=\"bot\"");
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().statusCode(200);
        given().header("User-Agent", "Googlebot/2.1").post("/articles/" + article.id + "/views").then().statusCode(200);
        assertEquals(accepted + 1, metric("content_views_accepted_total"));
        assertEquals(bots + 1, metric("content_views_refused_total", "reason=\"bot\""));
        assertEquals(1, metric("content_views_pending"));
        assertTrue(metric("content_views_oldest_pending_seconds") > 0);
        counter.flush();
        assertEquals(flushed + 1, metric("content_views_flushed_total"));
        assertEquals(0, metric("content_views_pending"));
        assertEquals(0, metric("content_views_oldest_pending_seconds"));
    }

    @Test
    void shouldCountACacheMiss() {
        Article article = data.publishedArticle("指标缓存");
        reads.evictAll();
        double misses = metric("cache_gets_total", "cache=\"article_details\"", "result=\"miss\"");
        given().get("/articles/" + article.id).then().statusCode(200);
        assertEquals(misses + 1, metric("cache_gets_total", "cache=\"article_details\"", "result=\"miss\""));
        double hits = metric("cache_gets_total", "cache=\"article_details\"", "result=\"hit\"");
        given().get("/articles/" + article.id).then().statusCode(200);
        assertTrue(metric("cache_gets_total", "cache=\"article_details\"", "result=\"hit\"") >= hits + 1);
    }

    @Test
    void shouldCountImportedLines() throws InterruptedException {
        double lines = metric("content_imports_lines_total");
        double failed = metric("content_imports_lines_failed_total");
        String file = "{\"type\": \"department\", \"slug\": \"metrics-ke\", \"name\": \"指标科\"}\n{\"type\": \"nothing\"}\n";
        String location = given().auth().oauth2(tokens.create("metrics-importer", Scopes.IMPORT))
                .contentType("application/x-ndjson; charset=UTF-8").body(file.getBytes(StandardCharsets.UTF_8))
                .when().post("/import").then().statusCode(202).extract().header("Location");
        for (int i = 0; i < 100 && metric("content_imports_running") > 0; i++) {
            Thread.sleep(50);
        }
        assertFalse(location.isEmpty());
        assertEquals(lines + 2, metric("content_imports_lines_total"));
        assertEquals(failed + 1, metric("content_imports_lines_failed_total"));
    }

    @Test
    void shouldLabelHttpTimersByRouteTemplateNotId() {
        Article article = data.publishedArticle("指标路由");
        given().get("/articles/" + article.id).then().statusCode(200);
        given().get("/articles/" + article.id + "/related").then().statusCode(200);
        String text = given().when().get("/q/metrics").then().extract().asString();
        assertTrue(metric("http_server_requests_seconds_count", "uri=\"/articles/{id}\"", "status=\"200\"") >= 1);
        assertTrue(metric("http_server_requests_seconds_count", "uri=\"/articles/{id}/related\"") >= 1);
        assertFalse(text.contains("uri=\"/articles/" + article.id), "a raw id in a label");
    }

    @Test
    void shouldExposeTheIndexTheDatabasePoolAndTheJvm() {
        assertTrue(metric("content_search_index_documents") > 0);
        assertTrue(metric("content_search_index_build_seconds") > 0);
        assertTrue(metric("agroal_available_count") >= 0);
        assertTrue(metric("jvm_memory_used_bytes") > 0);
        assertEquals(0, metric("content_rate_limit_refusals_total", "kind=\"search\""));
    }

    @Test
    void shouldEchoAWellFormedRequestId() {
        given().header("X-Request-Id", "client-42.abc:7").get("/q/health/live").then()
                .header("X-Request-Id", equalTo("client-42.abc:7"));
    }

    @Test
    void shouldGenerateARequestIdWhenAbsentOrMalformed() {
        String generated = given().get("/articles?size=1").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}")).extract().header("X-Request-Id");
        String other = given().get("/articles?size=1").then().extract().header("X-Request-Id");
        assertNotEquals(generated, other);
        given().header("X-Request-Id", "x".repeat(65)).get("/q/health/live").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
        given().header("X-Request-Id", "<script>alert(1)</script>").get("/q/health/live").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
        given().header("X-Request-Id", "a b").get("/q/health/live").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void shouldPutTheRequestIdInProblems() {
        given().header("X-Request-Id", "trace-me-1").get("/articles/999999999").then().statusCode(404)
                .header("X-Request-Id", equalTo("trace-me-1")).body("requestId", equalTo("trace-me-1"));
        String id = given().get("/articles?size=1000").then().statusCode(400).extract().header("X-Request-Id");
        given().get("/articles?size=1000").then().body("requestId", matchesPattern("[0-9a-f]{32}"));
        assertTrue(id.matches("[0-9a-f]{32}"));
    }
}
