package com.bohe.content.opensearch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.department.Department;

/**
 * Search through a real OpenSearch node ({@link OpenSearchNode}): fed from the change log, with drafts and articles
 * not yet due never found, filters and quotes kept, a rebuild behind an alias with no gap, the lease, and an
 * outage that loses no change.
 */
@QuarkusTest
@TestProfile(OpenSearchProfile.class)
class OpenSearchBackendTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    @Test
    void shouldServeSearchesFromOpenSearchOnceItsIndexIsComplete() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.data.backend", equalTo("opensearch"))
                .body("checks.find { it.name == 'opensearch' }.data.complete", equalTo(true))
                .body("checks.find { it.name == 'opensearch' }.data.health", equalTo("green"));
        // The alias names exactly one index, built by this feed.
        JsonNode alias = node("GET", "/_alias/content-test", null);
        List<String> indexes = new ArrayList<>();
        alias.fieldNames().forEachRemaining(indexes::add);
        assertEquals(1, indexes.size(), indexes.toString());
        assertTrue(indexes.get(0).startsWith("content-test-"), indexes.toString());
        // Every published article of the database is in it.
        long published = QuarkusTransaction.requiringNew().call(() -> Article.count("status", ArticleStatus.published));
        awaitTrue(() -> count() == published, "OpenSearch holds every published article (" + published + ")");
    }

    @Test
    void shouldFindAnArticleSavedHereWithHighlights() {
        Department own = data.department("蜂鸟心率科");
        Article a = data.article(own, "蜂鸟心率过快怎么办", "蜂鸟的心率很快，这是正常的生理现象。");
        Response found = awaitFound("蜂鸟心率", a.id);
        found.then().statusCode(200).header("Search-Index", (String) null)
                .body("items[0].id", equalTo(a.id.intValue()))
                .body("items[0].highlight", containsString("<em>"));
        // A lone character matches the words that start with it.
        given().queryParam("q", "蜂").queryParam("size", 50).when().get("/articles").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(a.id.intValue()));
        // A filter that excludes it, and one that keeps it.
        given().queryParam("q", "蜂鸟心率").queryParam("department", own.slug)
                .when().get("/articles").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(a.id.intValue()));
        Department other = data.department("蜂鸟别的科");
        given().queryParam("q", "蜂鸟心率").queryParam("department", other.slug)
                .when().get("/articles").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldNeverFindDraftsOrArticlesNotYetDue() {
        Department d = data.department("穿山甲鳞片科");
        Article draft = data.article(d, "穿山甲鳞片草稿", ArticleStatus.draft, Instant.now().minus(1, ChronoUnit.HOURS));
        Article due = data.article(d, "穿山甲鳞片预约", ArticleStatus.published, Instant.now().plus(1, ChronoUnit.DAYS));
        Article shown = data.article(d, "穿山甲鳞片已发布", ArticleStatus.published, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitFound("穿山甲鳞片", shown.id);
        // The feed has passed the other two: the scheduled one is in the index (it becomes due there), the draft is not.
        awaitTrue(() -> document(due.id) != null, "the scheduled article is indexed");
        assertEquals(null, document(draft.id), "a draft is never sent to OpenSearch");
        for (String q : List.of("穿山甲鳞片", "穿山甲鳞片草稿", "穿山甲鳞片预约", "\"穿山甲鳞片预约\"")) {
            Response r = given().queryParam("q", q).queryParam("size", 50).when().get("/articles");
            r.then().statusCode(200);
            List<Integer> ids = r.jsonPath().getList("items.id");
            assertFalse(ids.contains(draft.id.intValue()), q + " found the draft");
            assertFalse(ids.contains(due.id.intValue()), q + " found the article not yet due");
        }
        given().queryParam("q", "穿山甲鳞片").when().get("/articles").then().body("total", equalTo(1));
    }

    @Test
    void shouldKeepQuotedTextAsWritten() {
        Department d = data.department("树懒睡眠科");
        Article together = data.article(d, "树懒睡眠时间很长", "树懒每天睡眠很久。");
        Article apart = data.article(d, "树懒的时间", "睡眠对树懒很重要，长短不一。");
        awaitFound("树懒", together.id);
        awaitFound("树懒", apart.id);
        Response quoted = given().queryParam("q", "\"睡眠时间\"").queryParam("size", 50).when().get("/articles");
        List<Integer> ids = quoted.jsonPath().getList("items.id");
        assertTrue(ids.contains(together.id.intValue()), ids.toString());
        assertFalse(ids.contains(apart.id.intValue()), ids.toString());
    }

    @Test
    void shouldFollowEditsUnpublishingAndDeletionsFromTheChangeLog() {
        Department d = data.department("海马记忆科");
        // Written the way another instance writes: only the change log tells this one.
        long id = data.insertBehindTheIndexesBack(d, "海马记忆训练", "海马体与记忆。");
        awaitFound("海马记忆训练", id);
        long firstVersion = document(id).path("_version").asLong();
        data.retitleBehindTheIndexesBack(id, "章鱼触手再生");
        awaitFound("章鱼触手再生", id);
        assertEquals("章鱼触手再生", title(id), "the index holds the new title alone");
        // Each write carries the change-log position it was read at: a late write of an older state is refused.
        long secondVersion = document(id).path("_version").asLong();
        assertTrue(secondVersion > firstVersion, firstVersion + " then " + secondVersion);
        long logged = QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                "SELECT max(id) FROM content_change WHERE entity = 'article' AND entity_id = ?1").setParameter(1, id)
                .getSingleResult()).longValue());
        assertTrue(secondVersion >= logged, secondVersion + " against the change " + logged);
        data.deleteArticle(id);
        awaitTrue(() -> document(id) == null, "a deleted article leaves OpenSearch");
        // Pages of searches are kept 5 s (ListCache); this profile reads the change log hourly, so nothing drops them.
        awaitTrue(() -> !ids("章鱼触手再生").contains((int) id), "a deleted article is not found");
    }

    @Test
    void shouldRebuildBehindTheAliasWithoutAGap() throws Exception {
        Article a = data.article(data.department("企鹅换羽科"), "企鹅换羽季节", "企鹅每年换羽一次。");
        awaitFound("企鹅换羽", a.id);
        String before = aliasTarget();
        // Searches run throughout the rebuild: every one finds the article.
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger searches = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                Response r = given().queryParam("q", "企鹅换羽").when().get("/articles");
                searches.incrementAndGet();
                if (r.statusCode() != 200 || !r.jsonPath().getList("items.id").contains(a.id.intValue())) {
                    failures.add(r.statusCode() + " " + r.asString());
                }
            }
        });
        reader.start();
        try {
            // Another format: the feeder builds a new index beside this one, then flips the alias.
            QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                    "UPDATE search_feed SET format = 'an older format' WHERE name = 'opensearch'").executeUpdate());
            awaitTrue(() -> !before.equals(aliasTarget()), "the alias flips to a new index");
        } finally {
            done.set(true);
            reader.join();
        }
        assertTrue(searches.get() > 0);
        assertEquals(List.of(), failures);
        awaitTrue(() -> node("GET", "/" + before, null) == null, "the old index is deleted");
        awaitFound("企鹅换羽", a.id);
    }

    @Test
    void shouldLeaveFeedingToTheInstanceThatHoldsTheLease() {
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'opensearch' }.data.feeding", equalTo(true));
        // Another instance holds the lease: this one feeds nothing until it runs out.
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "UPDATE search_feed SET leader = 'another-instance', leased_until = now() + interval '4 seconds' "
                        + "WHERE name = 'opensearch'").executeUpdate());
        long id = data.insertBehindTheIndexesBack(data.department("水獭游泳科"), "水獭游泳姿势", "水獭擅长游泳。");
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(null, document(id), "fed while another instance held the lease");
        }
        // The lease runs out: this instance takes it over from the position the other left, and the change arrives.
        awaitFound("水獭游泳", id);
        String leader = QuarkusTransaction.requiringNew().call(() -> (String) Panache.getEntityManager()
                .createNativeQuery("SELECT leader FROM search_feed WHERE name = 'opensearch'").getSingleResult());
        assertNotEquals("another-instance", leader);
    }

    @Test
    void shouldAnswer503DuringAnOutageAndLoseNoChange() {
        OpenSearchNode node = OpenSearchNode.current;
        Article before = data.article(data.department("刺猬冬眠科"), "刺猬冬眠之前", "刺猬在冬天冬眠。");
        awaitFound("刺猬冬眠", before.id);
        node.halt();
        List<Long> written = new ArrayList<>();
        try {
            // Writes go on: the API never waits on OpenSearch.
            for (int i = 0; i < 5; i++) {
                Map<String, Object> body = new HashMap<>();
                body.put("title", "刺猬冬眠停机" + i);
                body.put("body", "停机期间写入的文章" + i + "。");
                body.put("status", "published");
                body.put("tags", List.of("停机测试"));
                int id = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                        .when().post("/articles").then().statusCode(201).extract().path("id");
                written.add((long) id);
            }
            // Searches say so, with a problem and Retry-After; other reads are served.
            given().queryParam("q", "刺猬冬眠").when().get("/articles").then().statusCode(503)
                    .contentType(startsWith("application/problem+json")).header("Retry-After", equalTo("5"));
            given().when().get("/articles/" + before.id).then().statusCode(200);
            // A related list never computed before needs OpenSearch: a 503 too, never a 500.
            given().when().get("/articles/" + written.get(0) + "/related").then().statusCode(503)
                    .contentType(startsWith("application/problem+json")).header("Retry-After", equalTo("5"));
            awaitTrue(() -> "unreachable".equals(given().when().get("/q/health/ready").then().extract()
                    .path("checks.find { it.name == 'opensearch' }.data.health")), "readiness shows the outage");
            given().when().get("/q/health/ready").then().statusCode(200);
            // The changes wait, and the metrics say how long.
            awaitTrue(() -> com.bohe.content.Metrics.sum("content_opensearch_feed_lag_seconds") >= 1, "the lag shows in the metrics");
        } finally {
            node.restart();
        }
        for (long id : written) {
            awaitFound("刺猬冬眠停机", id);
        }
        long published = QuarkusTransaction.requiringNew().call(() -> Article.count("status", ArticleStatus.published));
        awaitTrue(() -> count() == published, "OpenSearch holds every published article after the outage");
        awaitTrue(() -> com.bohe.content.Metrics.sum("content_opensearch_feed_lag_seconds") == 0, "the lag is back to 0");
    }

    @Test
    void shouldRankRelatedListsAsTheInProcessIndexDoes() throws Exception {
        Department d = data.department("长颈鹿颈椎科");
        com.bohe.content.disease.Disease disease = data.disease("长颈鹿颈椎病", d);
        List<Long> family = new ArrayList<>();
        for (String title : List.of("长颈鹿颈椎病的症状", "长颈鹿颈椎病怎么治疗", "长颈鹿颈椎病能预防吗", "长颈鹿颈椎病手术")) {
            Article a = data.article(d, title, title + "：长颈鹿的颈椎很长，颈椎病常见，要注意休息和治疗。");
            data.linkDisease(a.id, disease.id);
            family.add(a.id);
        }
        Article draft = data.article(d, "长颈鹿颈椎病草稿", ArticleStatus.draft, Instant.now().minus(1, ChronoUnit.HOURS));
        Article due = data.article(d, "长颈鹿颈椎病预约", ArticleStatus.published, Instant.now().plus(1, ChronoUnit.DAYS));
        data.linkDisease(draft.id, disease.id);
        data.linkDisease(due.id, disease.id);
        for (long id : family) {
            awaitTrue(() -> title(id).startsWith("长颈鹿") && document(id).path("_source").path("disease").size() > 0,
                    "article " + id + " is indexed with its disease");
        }
        // Through the API: the family, never the article itself, a draft or an article not yet due.
        long first = family.get(0);
        Response related = given().when().get("/articles/" + first + "/related");
        related.then().statusCode(200);
        List<Integer> ids = related.jsonPath().getList("items.id");
        for (long sibling : family.subList(1, family.size())) {
            assertTrue(ids.contains((int) sibling), ids + " lacks " + sibling);
        }
        assertFalse(ids.contains((int) first));
        assertFalse(ids.contains(draft.id.intValue()));
        assertFalse(ids.contains(due.id.intValue()));
        assertTrue(related.jsonPath().getList("items.find { it.id == " + family.get(1) + " }.reasons").toString().contains("同病种"),
                related.asString());
        // The same ranking as an in-process index of the same articles: the same lists, but for near ties.
        OpenSearchSearch opensearch = io.quarkus.arc.Arc.container().instance(OpenSearchSearch.class).get();
        com.bohe.content.indexing.IndexedArticles articles = io.quarkus.arc.Arc.container()
                .instance(com.bohe.content.indexing.IndexedArticles.class).get();
        try (com.bohe.content.search.ArticleIndex local = new com.bohe.content.search.ArticleIndex()) {
            long after = 0;
            while (true) {
                List<com.bohe.content.search.IndexedArticle> page = articles.publishedAfter(after, 500);
                if (page.isEmpty()) {
                    break;
                }
                local.put(page);
                after = page.get(page.size() - 1).id();
            }
            local.commit();
            Instant now = Instant.now();
            int lists = 0;
            double overlap = 0;
            for (long id : family) {
                List<Long> inProcess = local.related(id, 10, now, com.bohe.content.search.RelatedScorer.Weights.DEFAULT)
                        .stream().map(com.bohe.content.search.RelatedHit::id).toList();
                List<Long> fromOpenSearch = opensearch.related(id, 10, now).hits().stream()
                        .map(com.bohe.content.search.RelatedHit::id).toList();
                assertEquals(inProcess.size(), fromOpenSearch.size(), "list lengths of " + id);
                // The first three are the family in both; siblings with near-equal scores may swap (HNSW and
                // per-shard statistics), and the popular fill may tie differently.
                assertEquals(new java.util.HashSet<>(inProcess.subList(0, 3)), new java.util.HashSet<>(fromOpenSearch.subList(0, 3)),
                        "the first three of " + id);
                assertTrue(fromOpenSearch.subList(0, 3).stream().allMatch(family::contains), fromOpenSearch.toString());
                overlap += fromOpenSearch.stream().filter(inProcess::contains).count() / (double) inProcess.size();
                lists++;
            }
            assertTrue(overlap / lists >= 0.8, "mean overlap " + overlap / lists);
        }
    }

    @Test
    void shouldLetMoreSearchesRunAtOnceThanProcessorsSinceTheyWaitForTheNode() {
        com.bohe.content.search.SearchSlots slots = io.quarkus.arc.Arc.container().instance(com.bohe.content.search.SearchSlots.class).get();
        assertEquals(com.bohe.content.search.SearchSlots.OPENSEARCH_PER_PROCESSOR * Runtime.getRuntime().availableProcessors(), slots.size());
    }

    @Test
    void shouldGiveTheExactCosinesOfTheStoredVectors() {
        long seed = data.articleIdBySlug("mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma");
        List<Long> others = List.of(data.articleIdByTitle("面肌痉挛与面瘫如何鉴别"), data.articleIdByTitle("偏头痛发作时如何缓解"));
        for (long id : List.of(seed, others.get(0), others.get(1))) {
            awaitTrue(() -> document(id) != null && document(id).path("_source").path("vector").size() > 0, "article " + id + " has its vector");
        }
        float[] vector = vector(document(seed));
        OpenSearchClient client = io.quarkus.arc.Arc.container().instance(OpenSearchClient.class).get();
        List<Long> ids = new ArrayList<>(others);
        ids.add(seed);
        Map<Long, Double> cosines = ArticleMapping.cosines(client.call("POST", "/content-test/_search", ArticleMapping.exactCosines(ids, vector)));
        assertEquals(1.0, cosines.get(seed), 1e-5, "an article with itself");
        for (long other : others) {
            float[] theirs = vector(document(other));
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int i = 0; i < vector.length; i++) {
                dot += vector[i] * theirs[i];
                a += vector[i] * vector[i];
                b += theirs[i] * theirs[i];
            }
            assertEquals(dot / Math.sqrt(a * b), cosines.get(other), 1e-4, "the cosine with " + other);
        }
        assertTrue(cosines.get(others.get(0)) > cosines.get(others.get(1)), "the same topic is nearer: " + cosines);
    }

    private static float[] vector(JsonNode document) {
        JsonNode values = document.path("_source").path("vector");
        assertEquals(512, values.size(), "a stored vector");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return vector;
    }

    @Test
    void shouldGoOnPastMoreChangesThanOnePageOfTheLog() {
        // More changes at once than a round reads (5,000), all within the look-back: an import does this. The feed
        // once read the look-back's old rows first, again and again, and never reached the rest.
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "INSERT INTO content_change (entity, entity_id) SELECT 'hospital', 0 FROM generate_series(1, 12000)").executeUpdate());
        long id = data.insertBehindTheIndexesBack(data.department("蝾螈再生科"), "蝾螈断肢再生", "蝾螈的四肢可以再生。");
        awaitFound("蝾螈断肢再生", id);
    }

    @Test
    void shouldRefuseHostileSearchesWithAProblemNotA500() {
        for (String q : List.of("\"", "\"\"", "“”", "「", "*", "title:x OR 1=1", "{\"match_all\":{}}", "\\", "a".repeat(200))) {
            given().queryParam("q", q).when().get("/articles").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(400)));
        }
        // Query syntax is text, not a query language: it matches nothing rather than everything.
        given().queryParam("q", "{\"match_all\":{}}").when().get("/articles").then().statusCode(200).body("total", equalTo(0));
    }

    // --- helpers

    private Response awaitFound(String q, long id) {
        Response[] last = new Response[1];
        awaitTrue(() -> {
            last[0] = given().queryParam("q", q).queryParam("size", 50).when().get("/articles");
            return last[0].statusCode() == 200 && last[0].jsonPath().getList("items.id").contains((int) id);
        }, q + " finds article " + id);
        return last[0];
    }

    private List<Integer> ids(String q) {
        return given().queryParam("q", q).queryParam("size", 50).when().get("/articles").jsonPath().getList("items.id");
    }

    private String title(long id) {
        JsonNode doc = document(id);
        return doc == null ? "" : doc.path("_source").path("title").asText();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Not within " + WITHIN + ": " + what);
    }

    private static long count() {
        JsonNode answer = node("GET", "/content-test/_count", null);
        return answer == null ? -1 : answer.path("count").asLong();
    }

    private static JsonNode document(long id) {
        JsonNode doc = node("GET", "/content-test/_doc/" + id, null);
        return doc == null || !doc.path("found").asBoolean() ? null : doc;
    }

    private static String aliasTarget() {
        JsonNode alias = node("GET", "/_alias/content-test", null);
        return alias == null || !alias.fieldNames().hasNext() ? "" : alias.fieldNames().next();
    }

    /** A request straight to the node; null on 404. */
    private static JsonNode node(String method, String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(OpenSearchNode.current.url() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 404 ? null : JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
