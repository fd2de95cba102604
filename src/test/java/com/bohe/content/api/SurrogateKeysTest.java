package com.bohe.content.api;

import com.bohe.content.api.caching.SurrogateKeys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.bohe.content.Tokens;

/** Every public GET names what it shows, for a CDN to purge by; nothing read with a token does. */
@QuarkusTest
class SurrogateKeysTest {

    @Inject
    Tokens tokens;

    private static Set<String> keys(ExtractableResponse<Response> response) {
        String header = response.header("Surrogate-Key");
        assertTrue(header != null && !header.isBlank(), "Surrogate-Key on " + response.body().asString());
        assertEquals(header.replace(' ', ','), response.header("Cache-Tag"), "Cache-Tag names the same keys");
        return Set.of(header.split(" "));
    }

    private static List<String> itemKeys(JsonPath body, String kind) {
        List<String> keys = new ArrayList<>();
        body.getList("items.id", Long.class).forEach(id -> keys.add(kind + "-" + id));
        return keys;
    }

    @Test
    void shouldNameAnArticleAndWhatItShowsOnDetails() {
        long id = given().when().get("/articles?size=1&sort=id").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        for (String path : List.of("/articles/" + id, "/articles/" + id + "?fields=id,title,department,diseases")) {
            var response = given().when().get(path).then().statusCode(200).extract();
            JsonPath body = response.jsonPath();
            Set<String> keys = keys(response);
            assertTrue(keys.contains("article-" + id), keys.toString());
            assertTrue(keys.contains("articles"), keys.toString());
            assertTrue(keys.contains("department-" + body.getLong("department.id")), keys.toString());
            List<Long> diseases = body.getList("diseases.id", Long.class);
            assertFalse(diseases.isEmpty(), "the demo article shows diseases");
            diseases.forEach(d -> assertTrue(keys.contains("disease-" + d), keys.toString()));
            assertFalse(keys.contains("list-articles"), "a detail is no list");
        }
        String slug = given().when().get("/articles/" + id).then().extract().jsonPath().getString("slug");
        assertTrue(keys(given().when().get("/articles/slug/" + slug).then().statusCode(200).extract()).contains("article-" + id));
    }

    @Test
    void shouldNameListsAndEveryItemTheyShow() {
        for (String path : List.of("/articles?size=5", "/articles?cursor=&limit=5", "/articles?q=面瘫&size=5")) {
            var response = given().when().get(path).then().statusCode(200).extract();
            Set<String> keys = keys(response);
            assertTrue(keys.contains("list-articles"), path + ": " + keys);
            List<String> items = itemKeys(response.jsonPath(), "article");
            assertFalse(items.isEmpty(), path);
            assertTrue(keys.containsAll(items), path + ": " + keys + " names " + items);
        }
    }

    @Test
    void shouldNameTheOwnerOfCrossLinkAndRelatedLists() {
        JsonPath disease = given().when().get("/diseases?size=1&sort=id").then().extract().jsonPath();
        long diseaseId = disease.getLong("items[0].id");
        var articles = given().when().get("/diseases/" + diseaseId + "/articles").then().statusCode(200).extract();
        Set<String> keys = keys(articles);
        assertTrue(keys.containsAll(List.of("disease-" + diseaseId, "list-articles")), keys.toString());
        assertTrue(keys.containsAll(itemKeys(articles.jsonPath(), "article")), keys.toString());

        long article = given().when().get("/articles?size=1&sort=id").then().extract().jsonPath().getLong("items[0].id");
        var related = given().when().get("/articles/" + article + "/related").then().statusCode(200).extract();
        Set<String> relatedKeys = keys(related);
        assertTrue(relatedKeys.contains("article-" + article), relatedKeys.toString());
        List<String> items = itemKeys(related.jsonPath(), "article");
        assertFalse(items.isEmpty());
        assertTrue(relatedKeys.containsAll(items), relatedKeys.toString());
    }

    @Test
    void shouldNameTheOtherKinds() {
        for (String kind : List.of("disease", "doctor", "hospital", "department")) {
            var list = given().when().get("/" + kind + "s").then().statusCode(200).extract();
            Set<String> keys = keys(list);
            assertTrue(keys.contains("list-" + kind + "s"), keys.toString());
            assertTrue(keys.containsAll(itemKeys(list.jsonPath(), kind)), keys.toString());
            long id = list.jsonPath().getLong("items[0].id");
            assertTrue(keys(given().when().get("/" + kind + "s/" + id).then().statusCode(200).extract())
                    .containsAll(List.of(kind + "-" + id, kind + "s")));
        }
    }

    @Test
    void shouldNameNothingReadWithATokenAndMayServeStaleOnErrors() {
        long id = given().when().get("/articles?size=1").then().extract().jsonPath().getLong("items[0].id");
        var withToken = given().auth().oauth2(tokens.read("content:read-drafts")).when().get("/articles/" + id)
                .then().statusCode(200).header("Cache-Control", "private, no-store").extract();
        assertNull(withToken.header("Surrogate-Key"));
        assertNull(withToken.header("Cache-Tag"));
        given().when().get("/articles/" + id).then().header("Cache-Control",
                "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400");
    }

    @Test
    void shouldFallBackToKindsWhenAListNamesTooMuch() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":").append(100000 + i).append(",\"department\":{\"id\":").append(i).append("}}");
        }
        String header = SurrogateKeys.header("/articles", json.readTree("{\"items\":[" + items + "]}"));
        assertEquals(Set.of("list-articles", "articles", "departments"), Set.of(header.split(" ")),
                "the list's own key and the kinds it shows, under the cap");
        String small = SurrogateKeys.header("/articles", json.readTree("{\"items\":[{\"id\":7,\"department\":{\"id\":3}}]}"));
        assertEquals("list-articles article-7 department-3 articles departments", small);
        assertEquals("", SurrogateKeys.header("/tokens", json.readTree("{\"items\":[{\"id\":1}]}")));
    }
}
