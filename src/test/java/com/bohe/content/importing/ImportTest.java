package com.bohe.content.importing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import com.bohe.content.TestData;
import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

@QuarkusTest
class ImportTest {

    static final String NDJSON = "application/x-ndjson; charset=UTF-8";

    @Inject
    Tokens tokens;
    @Inject
    TestData data;

    /** Starts an import and waits for its end; returns the final status. */
    private JsonPath importAndWait(String token, String body) throws InterruptedException {
        var started = given().auth().oauth2(token).contentType(NDJSON).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/import")
                .then().statusCode(202)
                .header("Location", matchesPattern("/imports/[0-9a-f-]{36}"))
                .extract();
        String location = started.header("Location");
        assertEquals(started.jsonPath().getString("id"), location.substring("/imports/".length()));
        return await("the import finishes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().auth().oauth2(token).when().get(location).then().statusCode(200).extract().jsonPath(),
                        status -> !"running".equals(status.getString("status")));
    }

    @Test
    void shouldImportAndChangeNothingOnARerun() throws InterruptedException {
        String file = String.join("\n",
                "{\"type\": \"department\", \"slug\": \"import-test-ke\", \"name\": \"导入测试科\"}",
                "{\"type\": \"disease\", \"slug\": \"import-test-bing\", \"name\": \"导入测试病\", \"department\": \"import-test-ke\"}",
                "{\"type\": \"article\", \"slug\": \"import-test-wen\", \"title\": \"导入测试文章\", \"body\": \"正文。\", "
                        + "\"status\": \"published\", \"publishedAt\": \"2024-01-01T00:00:00Z\", \"viewCount\": 321, "
                        + "\"department\": \"import-test-ke\", \"diseases\": [\"import-test-bing\"], \"tags\": [\"导入\"]}",
                "");
        String importer = tokens.create("importer", Scopes.IMPORT);
        JsonPath first = importAndWait(importer, file);
        assertEquals("done", first.getString("status"));
        assertEquals(3, first.getLong("created"));
        assertEquals(0, first.getLong("failed"));
        assertEquals("importer", first.getString("startedBy"));
        given().when().get("/articles/slug/import-test-wen").then().statusCode(200)
                .body("viewCount", equalTo(321)).body("diseases.slug", contains("import-test-bing"))
                .body("department.name", equalTo("导入测试科"));
        given().when().queryParam("q", "\"导入测试文章\"").get("/articles").then().body("items.slug", contains("import-test-wen"));

        JsonPath rerun = importAndWait(importer, file);
        assertEquals(0, rerun.getLong("created"));
        assertEquals(0, rerun.getLong("updated"));
        assertEquals(3, rerun.getLong("unchanged"));

        JsonPath change = importAndWait(importer,
                "{\"type\": \"article\", \"slug\": \"import-test-wen\", \"title\": \"导入测试文章(改)\", \"viewCount\": 5}\n");
        assertEquals(1, change.getLong("updated"));
        given().when().get("/articles/slug/import-test-wen").then()
                .body("title", equalTo("导入测试文章(改)"))
                .body("body", equalTo("正文。"))
                .body("viewCount", equalTo(321));
    }

    @Test
    void shouldReportBadLinesByNumberAndLoadTheOthers() throws InterruptedException {
        String file = String.join("\n",
                "{\"type\": \"department\", \"slug\": \"import-errors-ke\", \"name\": \"导入错误测试科\"}",
                "not json",
                "",
                "{\"type\": \"planet\", \"slug\": \"mars\"}",
                "{\"type\": \"disease\", \"name\": \"没有别名的病\"}",
                "{\"type\": \"disease\", \"slug\": \"import-errors-bing\", \"name\": \"导入错误测试病\", \"department\": \"no-such-ke\"}",
                "{\"type\": \"doctor\", \"slug\": \"import-errors-doc\", \"name\": \"\", \"title\": \"教授\"}",
                "{\"type\": \"disease\", \"slug\": \"import-errors-ok\", \"name\": \"导入正确测试病\", \"department\": \"import-errors-ke\"}");
        JsonPath status = importAndWait(tokens.admin(), file);
        assertEquals("done", status.getString("status"));
        assertEquals(8, status.getLong("linesRead"));
        assertEquals(2, status.getLong("created"));
        assertEquals(5, status.getLong("failed"));
        assertEquals(List.of(2, 4, 5, 6, 7), status.getList("errors.line"));
        assertEquals("is not valid JSON", status.getString("errors[0].message"));
        org.hamcrest.MatcherAssert.assertThat(status.getString("errors[2].message"), containsString("slug"));
        org.hamcrest.MatcherAssert.assertThat(status.getString("errors[3].message"), containsString("no-such-ke"));
        org.hamcrest.MatcherAssert.assertThat(status.getString("errors[4].message"), containsString("title"));
        given().when().get("/diseases/slug/import-errors-ok").then().statusCode(200);
        given().when().get("/diseases/slug/import-errors-bing").then().statusCode(404);
    }

    @Test
    void shouldCommitInBatchesAndShowProgressOnLargeFiles() throws InterruptedException {
        StringBuilder file = new StringBuilder("{\"type\": \"department\", \"slug\": \"import-batch-ke\", \"name\": \"批量导入科\"}\n");
        int articles = ContentImport.BATCH * 2 + 7;
        for (int i = 0; i < articles; i++) {
            file.append("{\"type\": \"article\", \"slug\": \"import-batch-").append(i).append("\", \"title\": \"批量导入文章")
                    .append(i).append("\", \"body\": \"正文").append(i).append("。\", \"department\": \"import-batch-ke\", ")
                    .append("\"status\": \"published\", \"publishedAt\": \"2024-01-01T00:00:00Z\"}\n");
        }
        JsonPath status = importAndWait(tokens.admin(), file.toString());
        assertEquals(articles + 1, status.getLong("created"));
        assertEquals(articles + 1, status.getLong("linesRead"));
        given().when().get("/articles?department=import-batch-ke&size=1").then().body("total", equalTo(articles));
    }

    @Test
    void shouldNeedTheImportScope() {
        given().contentType(NDJSON).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/import").then().statusCode(401);
        given().auth().oauth2(tokens.create("writer-no-import", Scopes.WRITE)).contentType(NDJSON).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/import").then().statusCode(403).body("detail", containsString("content:import"));
        given().auth().oauth2(tokens.admin()).when().get("/imports/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(tokens.admin()).when().get("/imports/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void shouldAnswer413ForAJsonBodyOverTheLimit() {
        String big = "{\"title\": \"大\", \"body\": \"" + "正".repeat(400_000) + "\"}";
        given().auth().oauth2(tokens.admin()).contentType("application/json; charset=UTF-8").body(big)
                .when().post("/articles")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }
}
