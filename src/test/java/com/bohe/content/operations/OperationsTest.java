package com.bohe.content.operations;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.bohe.content.Metrics;
import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.article.read.ReadCaches;
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
    ReadCaches reads;

    static double metric(String name, String... labels) {
        return Metrics.sum(name, labels);
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
        assertFalse(location.isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(lines + 2, metric("content_imports_lines_total"));
            assertEquals(failed + 1, metric("content_imports_lines_failed_total"));
        });
        assertEquals(0, metric("content_imports_running"));
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
    void shouldTimeEveryKindOfAnswerUnderABoundedLabel() {
        Article article = data.publishedArticle("指标标签");
        String views = "uri=\"/articles/{id}/views\"";
        double viewsBefore = Metrics.sumOrZero("http_server_requests_seconds_count", "method=\"POST\"", views, "status=\"200\"");
        given().header("User-Agent", BROWSER).post("/articles/" + article.id + "/views").then().statusCode(200);
        assertEquals(viewsBefore + 1, metric("http_server_requests_seconds_count", "method=\"POST\"", views, "status=\"200\""));

        given().get("/diseases/" + data.disease("指标标签病", data.department("指标标签科")).id)
                .then().statusCode(200);
        assertTrue(metric("http_server_requests_seconds_count", "uri=\"/diseases/{id}\"", "status=\"200\"") >= 1);
        given().get("/articles").then().statusCode(200);
        assertTrue(metric("http_server_requests_seconds_count", "method=\"GET\"", "uri=\"/articles\"") >= 1);

        double preflights = Metrics.sumOrZero("http_server_requests_seconds_count", "uri=\"/cors-preflight\"", "status=\"204\"");
        given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET")
                .options("/articles/" + article.id).then().statusCode(204);
        assertEquals(preflights + 1, metric("http_server_requests_seconds_count", "uri=\"/cors-preflight\"", "status=\"204\""));

        double notFound = Metrics.sumOrZero("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\"");
        given().get("/no/such/path/" + article.id).then().statusCode(404);
        assertEquals(notFound + 1, metric("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\""));

        String text = given().when().get("/q/metrics").then().extract().asString();
        assertFalse(text.contains("/no/such/path"), "a raw path in a label");
        assertFalse(text.contains(String.valueOf(article.id) + "\""), "a raw id in a label");
        assertFalse(text.contains("uri=\"/q/"), "/q/ is not timed");
        assertTrue(text.contains("http_server_requests_seconds_bucket{"), "latency buckets for p99");
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
