package com.bohe.content.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;

/**
 * A property over the contract: for every public GET that openapi.yaml documents, filled with every id and slug that
 * could lead to them and with filters that match them, no answer shows a draft or an article scheduled for later: not
 * in its body, not in its headers (Surrogate-Key names what a body shows), not in a 404's text. Asked anonymously
 * (twice: the second from the caches) and with a token that may write but not read drafts.
 */
@QuarkusTest
class VisibilityPropertyTest {

    private static final String MARK = "XQZ隐匿";

    @Inject
    TestData data;
    @Inject
    Tokens tokens;

    @Test
    void shouldShowNoDraftOrScheduledArticleOnAnyPublicReadOfTheContract() throws Exception {
        Department department = data.department("可见性属性科");
        Disease disease = data.disease("可见性属性病", department);
        String reviewer = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "可见性医生", "title", "医师", "department", department.slug)).post("/doctors")
                .then().statusCode(201).extract().path("slug");
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("body", "面瘫的正文 " + MARK + "。",
                "department", department.slug, "diseases", List.of(disease.slug), "reviewer", reviewer,
                "tags", List.of(MARK + "标签", "面瘫")));
        long draft = create(fields, "草稿" + MARK + "面瘫怎么办", "draft", null);
        long scheduled = create(fields, "定时" + MARK + "面瘫怎么办", "published", Instant.now().plus(1, ChronoUnit.DAYS));
        long shown = create(Map.of("body", "面瘫的公开正文。", "department", department.slug, "diseases", List.of(disease.slug),
                "tags", List.of("可见性公开")), "公开的可见性面瘫怎么办", "published", null);
        String draftSlug = given().auth().oauth2(tokens.admin()).get("/articles/" + draft).then().extract().path("slug");
        String scheduledSlug = given().auth().oauth2(tokens.admin()).get("/articles/" + scheduled).then().extract().path("slug");
        long doctor = given().get("/doctors/slug/" + reviewer).then().extract().jsonPath().getLong("id");
        long hospital = given().get("/hospitals?size=1").then().extract().jsonPath().getLong("items[0].id");

        List<Long> ids = List.of(draft, scheduled, shown, department.id, disease.id, doctor, hospital);
        List<String> slugs = List.of(draftSlug, scheduledSlug, department.slug, disease.slug, reviewer);
        Map<String, String> filters = Map.of("q", "草稿" + MARK + "面瘫", "tag", MARK + "标签", "department", department.slug,
                "disease", disease.slug, "reviewer", reviewer, "size", "100", "limit", "50");
        List<String> hidden = List.of(MARK, draftSlug, scheduledSlug);
        Pattern keys = Pattern.compile("article-(" + draft + "|" + scheduled + ")\\b");
        Pattern named = Pattern.compile("\\bid (" + draft + "|" + scheduled + ")\\b");
        String writer = tokens.create("只写-可见性", Scopes.WRITE);

        int requests = 0;
        for (Read read : publicReads()) {
            for (String path : read.paths(ids, slugs)) {
                for (boolean filtered : new boolean[] { false, true }) {
                    for (String token : new String[] { null, null, writer }) {
                        RequestSpecification request = given().urlEncodingEnabled(true);
                        if (token != null) {
                            request.auth().oauth2(token);
                        }
                        if (filtered) {
                            read.query().stream().filter(filters::containsKey).forEach(q -> request.queryParam(q, filters.get(q)));
                        }
                        Response answer = request.get(path);
                        requests++;
                        String seen = answer.statusCode() + " " + answer.headers() + "\n" + answer.asString();
                        assertTrue(answer.statusCode() < 500, path + " " + seen);
                        for (String h : hidden) {
                            if (path.contains(h)) {
                                continue; // a 404 may name what was asked
                            }
                            assertFalse(seen.contains(h), "GET " + path + (filtered ? " (filtered)" : "") + " showed " + h + ":\n" + seen);
                        }
                        assertFalse(keys.matcher(answer.headers().toString()).find(), "GET " + path + " named it: " + answer.headers());
                        Matcher id = named.matcher(answer.asString());
                        if (id.find()) {
                            assertTrue(path.matches(".*/" + id.group(1) + "(/.*)?"), "GET " + path + " named an id not asked: " + seen);
                        }
                    }
                }
            }
        }
        assertTrue(requests > 300, "the property was tried " + requests + " times");
        // The articles are there: with the scope, they are seen.
        given().auth().oauth2(tokens.read(Scopes.READ_DRAFTS)).get("/articles/slug/" + draftSlug).then().statusCode(200);
    }

    private long create(Map<String, Object> fields, String title, String status, Instant publishedAt) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("title", title);
        body.put("status", status);
        if (publishedAt != null) {
            body.put("publishedAt", publishedAt.toString());
        }
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body).post("/articles")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A public GET of the contract: its path template and query parameters. */
    private record Read(String template, List<String> query) {

        List<String> paths(List<Long> ids, List<String> slugs) {
            if (template.contains("{id}")) {
                return ids.stream().map(id -> template.replace("{id}", String.valueOf(id))).toList();
            }
            if (template.contains("{slug}")) {
                return slugs.stream().map(slug -> template.replace("{slug}", slug)).toList();
            }
            return List.of(template);
        }
    }

    private static List<Read> publicReads() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<Read> reads = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(entry -> {
            JsonNode get = entry.getValue().get("get");
            String path = entry.getKey();
            if (get == null || path.startsWith("/q/") || get.has("security") && !get.get("security").isEmpty()) {
                return;
            }
            List<String> query = new ArrayList<>();
            if (get.has("parameters")) {
                get.get("parameters").forEach(p -> {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(p.get("name").asText());
                    }
                });
            }
            reads.add(new Read(path, query));
        });
        assertTrue(reads.size() >= 20, "public reads in the contract: " + reads);
        return reads;
    }
}
