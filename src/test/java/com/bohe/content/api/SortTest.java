package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every whitelisted sort field of every list, both ways. Text order is the database's collation, so instead of
 * assuming one, the test checks what any correct sort must do: equal keys stand together, descending gives the
 * groups of ascending in reverse, and inside a group ids always ascend.
 */
@QuarkusTest
class SortTest {

    @ParameterizedTest(name = "{0} sort={1}")
    @CsvSource({
            "/articles, publishedAt", "/articles, viewCount", "/articles, title", "/articles, id",
            "/diseases, name", "/diseases, id",
            "/doctors, name", "/doctors, id",
            "/hospitals, name", "/hospitals, city", "/hospitals, level", "/hospitals, id",
            "/departments, name", "/departments, id" })
    void shouldSortBothWaysWithIdAsTieBreak(String path, String field) {
        Map<String, List<Long>> ascending = groups(path, field);
        Map<String, List<Long>> descending = groups(path, "-" + field);
        List<String> reversed = new ArrayList<>(ascending.keySet());
        Collections.reverse(reversed);
        assertEquals(reversed, new ArrayList<>(descending.keySet()), "descending must reverse the ascending order");
        ascending.forEach((key, ids) -> assertEquals(ids, descending.get(key), "ties must stay in id order: " + key));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "viewCount", "id" })
    void shouldSortNumbersNumerically(String field) {
        List<Number> values = given().queryParam("sort", field).queryParam("size", 100).get("/articles")
                .then().statusCode(200).extract().jsonPath().getList("items." + field);
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1).longValue() <= values.get(i).longValue(), field + " not ascending at " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void shouldSortArticlesByUpdatedAt() {
        List<Long> ids = given().queryParam("sort", "-updatedAt").queryParam("size", 100).get("/articles")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        List<java.time.Instant> updated = ids.stream()
                .map(id -> java.time.Instant.parse(given().get("/articles/" + id).then().extract().path("updatedAt")))
                .toList();
        for (int i = 1; i < updated.size(); i++) {
            assertTrue(!updated.get(i - 1).isBefore(updated.get(i)), "updatedAt not descending at " + i);
        }
    }

    /** The page's ids grouped by sort key, in the order the keys come; fails if a key's rows are not together. */
    private static Map<String, List<Long>> groups(String path, String sort) {
        boolean byId = sort.equals("id") || sort.equals("-id");
        List<Map<String, Object>> items = given().queryParam("sort", byId ? sort : sort + ",id").queryParam("size", 100).get(path)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(items.size() > 1, "need at least two items to check an order");
        String field = sort.startsWith("-") ? sort.substring(1) : sort;
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        String previous = null;
        for (Map<String, Object> item : items) {
            String key = String.valueOf(item.get(field));
            long id = ((Number) item.get("id")).longValue();
            if (groups.containsKey(key) && !key.equals(previous)) {
                throw new AssertionError(path + " sort=" + sort + ": rows with " + field + "=" + key + " are not together");
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            previous = key;
        }
        groups.values().forEach(ids -> assertEquals(ids.stream().sorted().toList(), ids, "ids within a tie must ascend"));
        return groups;
    }
}
