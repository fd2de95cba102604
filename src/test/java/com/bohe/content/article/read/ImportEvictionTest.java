package com.bohe.content.article.read;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

/**
 * An import that creates departments and diseases keeps the cached articles: no article shows what was not there
 * before. One that changes a department drops them, since articles show its name.
 */
@QuarkusTest
class ImportEvictionTest {

    @Inject
    DetailCache details;
    @Inject
    TestData data;
    @Inject
    Tokens tokens;
    @Inject
    com.bohe.content.indexing.ContentIndexer indexer;

    private JsonPath importAndWait(String body) {
        String location = given().auth().oauth2(tokens.create("evicting-importer", Scopes.IMPORT))
                .contentType("application/x-ndjson; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/import").then().statusCode(202).extract().header("Location");
        String token = tokens.create("evicting-reader", Scopes.IMPORT);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(token).get(location).then().statusCode(200).extract().jsonPath(),
                        status -> !"running".equals(status.getString("status")));
    }

    @Test
    void shouldKeepCachedArticlesWhenAnImportOnlyCreatesDepartmentsAndDiseases() {
        long id = data.article(data.department("缓存保留科"), "缓存保留的文章", "正文。").id;
        indexer.catchUp(); // the article's own creation, read from the log once
        given().get("/articles/" + id).then().statusCode(200);
        assertTrue(details.cached(id) instanceof Lookup.Hit, "read once, the article is cached");

        JsonPath created = importAndWait(String.join("\n",
                "{\"type\": \"department\", \"slug\": \"evict-new-ke\", \"name\": \"新建的科\"}",
                "{\"type\": \"disease\", \"slug\": \"evict-new-bing\", \"name\": \"新建的病\", \"department\": \"evict-new-ke\"}", ""));
        assertEquals(2, created.getLong("created"));
        assertTrue(details.cached(id) instanceof Lookup.Hit, "a department and a disease no article shows yet evict nothing");
        // Read back from the change log, as another instance reads them, they still evict nothing.
        indexer.catchUp();
        assertTrue(details.cached(id) instanceof Lookup.Hit, "nor when read from the change log");

        JsonPath renamed = importAndWait("{\"type\": \"department\", \"slug\": \"evict-new-ke\", \"name\": \"改名的科\"}\n");
        assertEquals(1, renamed.getLong("updated"));
        assertTrue(details.cached(id).isMiss(), "a changed department may be shown by any article: they go");
    }
}
