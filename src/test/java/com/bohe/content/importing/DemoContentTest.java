package com.bohe.content.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The demo content: the seed page's article, one article per 相关推荐 item, and everything around them. */
@QuarkusTest
class DemoContentTest {

    /** The seed page's 相关推荐 list, in order; the first item is the seed article itself. */
    static final List<String> RELATED = List.of("面瘫与面肌痉挛有什么关系吗", "面瘫引起面肌痉挛", "面肌痉挛是面瘫吗",
            "面肌痉挛和面瘫的一些关系", "面肌痉挛是面瘫吗", "面肌痉挛与面瘫的区别", "面瘫与面肌痉挛的区别", "面瘫与面肌痉挛的区别",
            "面肌痉挛与面瘫的区别", "面瘫与面肌痉挛区别", "面瘫与面肌痉挛的区别", "面瘫与面肌痉挛的区别", "面肌痉挛与面瘫区别",
            "面瘫能导致面肌痉挛吗", "面瘫后的面肌痉挛", "面瘫与面肌痉挛区别", "面肌痉挛后面瘫能好吗", "面瘫与面肌痉挛的区别",
            "面肌痉挛与面瘫区别", "面肌痉挛与面瘫如何鉴别");

    @Test
    void shouldHoldAnArticleForEveryRelatedItemWithItsRepeatedTitles() {
        // Oldest first: the demo's articles come before any that other tests create.
        List<String> titles = given().queryParam("size", 100).queryParam("sort", "publishedAt").get("/articles").then().statusCode(200)
                .extract().jsonPath().getList("items.title");
        Map<String, Long> expected = RELATED.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> actual = titles.stream().filter(expected::containsKey)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(expected, actual);
        assertEquals(5L, actual.get("面瘫与面肌痉挛的区别"));
    }

    @Test
    void shouldHaveTheRoomsAroundTheArticles() {
        given().get("/diseases").then().body("total", greaterThanOrEqualTo(8));
        given().get("/doctors").then().body("total", greaterThanOrEqualTo(10));
        List<Map<String, Object>> departments = given().queryParam("size", 100).get("/departments").then()
                .body("total", greaterThanOrEqualTo(6)).extract().jsonPath().getList("items");
        long withParent = departments.stream().filter(d -> d.get("parent") != null).count();
        assertTrue(withParent >= 3, "departments with parents: " + withParent);
        Set<String> cities = Set.copyOf(given().queryParam("size", 100).get("/hospitals").then()
                .body("total", greaterThanOrEqualTo(5)).extract().jsonPath().getList("items.city"));
        assertTrue(cities.size() >= 3, "cities: " + cities);
        for (String name : List.of("面瘫", "贝尔面瘫", "面肌痉挛", "三叉神经痛")) {
            given().queryParam("q", name).get("/diseases").then().body("items.name", org.hamcrest.Matchers.hasItem(name));
        }
    }
}
