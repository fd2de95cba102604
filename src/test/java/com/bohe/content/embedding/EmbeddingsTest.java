package com.bohe.content.embedding;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.article.Article;
import com.bohe.content.department.Department;
import com.bohe.content.indexing.ContentIndexer;
import com.bohe.content.search.SearchIndexes;

/**
 * Article vectors: computed in the background from a queue, stored once per text and model, read back instead of
 * recomputed, and never in the way of a write. The tests drain the queue themselves (foreground mode).
 */
@QuarkusTest
class EmbeddingsTest {

    @Inject
    Embeddings embeddings;
    @Inject
    ContentIndexer indexer;
    @Inject
    SearchIndexes indexes;
    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @Inject
    EntityManager em;

    @AfterEach
    void realModel() {
        embeddings.useModel(null);
        embeddings.drain();
    }

    @Test
    void shouldStoreAVectorOncePerTextAndIndexIt() {
        Department department = data.department("向量存储科");
        Article article = data.article(department, "胃溃疡的饮食调理", "胃溃疡患者应少食多餐，避免辛辣刺激。");
        assertNull(indexes.articles().vector(article.id), "not embedded before the queue is drained");
        embeddings.drain();

        Map<String, Object> row = row(article.id);
        assertEquals(EmbeddingModel.NAME, row.get("model"));
        assertEquals(EmbeddingStore.hash(EmbeddingText.of("胃溃疡的饮食调理", null, "胃溃疡患者应少食多餐，避免辛辣刺激。")),
                ((String) row.get("hash")).strip());
        float[] indexed = indexes.articles().vector(article.id);
        assertNotNull(indexed);
        assertEquals(EmbeddingModel.DIMENSION, indexed.length);

        // The same text again (a re-index, a tag change): the stored vector serves, the model is not called.
        long embedded = embeddings.status().embedded();
        embeddings.useModel(texts -> {
            throw new IllegalStateException("the model must not be called for unchanged text");
        });
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, article.id);
        embeddings.drain();
        assertEquals(embedded, embeddings.status().embedded());
        assertEquals(row.get("at"), row(article.id).get("at"));
    }

    @Test
    void shouldReembedWhenTheModelNameChanges() {
        Article article = data.article(data.department("换模型科"), "肝硬化的早期表现", "肝硬化早期可能没有明显症状。");
        embeddings.drain();
        setModel(article.id, "an-older-model");
        long embedded = embeddings.status().embedded();
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, article.id);
        assertNull(indexes.articles().vector(article.id), "a vector of another model is not used");
        embeddings.drain();
        assertEquals(EmbeddingModel.NAME, row(article.id).get("model"));
        assertEquals(embedded + 1, embeddings.status().embedded());
        assertNotNull(indexes.articles().vector(article.id));
    }

    @Test
    void shouldReembedOnlyTheEditedArticle() {
        Department department = data.department("编辑重算科");
        Article edited = data.article(department, "慢性胃炎怎么治疗", "慢性胃炎需要规律饮食。");
        Article other = data.article(department, "慢性胃炎会癌变吗", "少数慢性萎缩性胃炎可能进展。");
        embeddings.drain();
        Object otherAt = row(other.id).get("at");
        String oldHash = ((String) row(edited.id).get("hash")).strip();
        long embedded = embeddings.status().embedded();

        String etag = given().get("/articles/" + edited.id).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(tokens.admin()).contentType("application/merge-patch+json; charset=UTF-8")
                .header("If-Match", etag).body(Map.of("body", "慢性胃炎需要规律饮食，并根除幽门螺杆菌。"))
                .when().patch("/articles/" + edited.id).then().statusCode(200);
        embeddings.drain();

        assertEquals(embedded + 1, embeddings.status().embedded(), "one article embedded again");
        assertFalse(oldHash.equals(((String) row(edited.id).get("hash")).strip()));
        assertEquals(otherAt, row(other.id).get("at"), "the other article's vector is untouched");
    }

    @Test
    void shouldBuildFromStoredVectorsWithoutTheModelAsASecondInstanceWould() {
        Article article = data.article(data.department("第二实例科"), "脂肪肝能逆转吗", "轻度脂肪肝通过减重可以逆转。");
        embeddings.drain();
        // Everything in the database embedded first, articles other tests inserted behind the index's back too.
        indexer.build();
        embeddings.drain();
        float[] before = indexes.articles().vector(article.id);
        assertNotNull(before);
        long embedded = embeddings.status().embedded();
        // A second instance starts with an empty index and builds it from the database; its model is of no use.
        embeddings.useModel(texts -> {
            throw new IllegalStateException("a stored vector must not be computed again");
        });
        indexer.build();
        assertEquals(embedded, embeddings.status().embedded());
        assertEquals(0, embeddings.backlog(), "nothing is queued: every stored vector is current");
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, indexes.articles().vector(article.id), 1e-6f);
    }

    @Test
    void shouldAcceptWritesWhileTheEmbedderFailsAndCatchUpAfter() {
        embeddings.useModel(texts -> {
            throw new IllegalStateException("the model is broken");
        });
        Department department = data.department("嵌入故障科");
        Map<String, Object> body = Map.of("title", "嵌入故障时写入的文章", "body", "这篇文章含有独特词语琥珀蜻蜓。",
                "status", "published", "publishedAt", Instant.now().minusSeconds(60).toString(), "department", department.slug);
        long id = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/articles").then().statusCode(201).extract().jsonPath().getLong("id");

        assertThrows(IllegalStateException.class, embeddings::drain);
        assertTrue(embeddings.status().failedBatches() > 0);
        assertTrue(embeddings.backlog() > 0, "the failed batch stays queued");
        // Found by its text meanwhile.
        given().queryParam("q", "琥珀蜻蜓").get("/articles").then().statusCode(200).body("items.id", hasItem((int) id));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'embeddings' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'embeddings' }.data.backlog", org.hamcrest.Matchers.greaterThan(0));

        embeddings.useModel(null);
        embeddings.drain();
        assertEquals(0, embeddings.backlog());
        assertNotNull(indexes.articles().vector(id));
    }

    @Test
    void shouldCountTheEmbeddedArticlesOfAnImport() throws InterruptedException {
        Department department = data.department("导入嵌入科");
        String ndjson = "{\"type\":\"article\",\"slug\":\"import-embed-1-" + department.id + "\",\"title\":\"乙肝携带者能结婚吗\","
                + "\"body\":\"乙肝病毒携带者可以结婚。\",\"status\":\"published\",\"publishedAt\":\"2026-01-01T00:00:00Z\","
                + "\"department\":\"" + department.slug + "\"}\n"
                + "{\"type\":\"article\",\"slug\":\"import-embed-2-" + department.id + "\",\"title\":\"乙肝疫苗要打几针\","
                + "\"body\":\"乙肝疫苗通常接种三针。\",\"status\":\"published\",\"publishedAt\":\"2026-01-01T00:00:00Z\","
                + "\"department\":\"" + department.slug + "\"}\n";
        String location = given().auth().oauth2(tokens.admin()).contentType("application/x-ndjson; charset=UTF-8")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/import")
                .then().statusCode(202).extract().header("Location");
        await("the import finishes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(tokens.admin()).get(location).jsonPath().getString("status"),
                        status -> !"running".equals(status));
        given().auth().oauth2(tokens.admin()).get(location).then().statusCode(200)
                .body("status", equalTo("done")).body("articles", equalTo(2)).body("embedded", equalTo(0));
        embeddings.drain();
        given().auth().oauth2(tokens.admin()).get(location).then().statusCode(200)
                .body("articles", equalTo(2)).body("embedded", equalTo(2));
    }

    @Transactional
    Map<String, Object> row(long articleId) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT model, content_hash, embedded_at FROM article_embedding WHERE article_id = ?1")
                .setParameter(1, articleId).getSingleResult();
        return Map.of("model", r[0], "hash", r[1], "at", r[2]);
    }

    @Transactional
    void setModel(long articleId, String model) {
        em.createNativeQuery("UPDATE article_embedding SET model = ?1 WHERE article_id = ?2").setParameter(1, model)
                .setParameter(2, articleId).executeUpdate();
    }

}
