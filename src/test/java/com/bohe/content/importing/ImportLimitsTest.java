package com.bohe.content.importing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

/** Imports stay bounded whatever a client sends: lines, bodies and queued imports. */
@QuarkusTest
@TestProfile(ImportLimitsTest.SmallLimits.class)
class ImportLimitsTest {

    static final String NDJSON = "application/x-ndjson; charset=UTF-8";

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("content.import.max-line-length", "1000", "content.write.max-import-size", "65536");
        }
    }

    @Inject
    Tokens tokens;
    @Inject
    ContentImport imports;
    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldReportALineOverTheLimitAndImportTheOthers() {
        String importer = tokens.create("长行导入", Scopes.IMPORT);
        String body = "{\"type\": \"department\", \"slug\": \"long-line-" + "x".repeat(5_000) + "\", \"name\": \"太长\"}\n"
                + "{\"type\": \"department\", \"slug\": \"after-a-long-line\", \"name\": \"长行之后的科室\"}\n";
        String location = given().auth().oauth2(importer).contentType(NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/import").then().statusCode(202).extract().header("Location");
        JsonPath done = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().auth().oauth2(importer).get(location).then().statusCode(200).extract().jsonPath(),
                status -> !"running".equals(status.getString("status")));
        assertEquals("done", done.getString("status"));
        assertEquals(1, done.getLong("created"));
        assertEquals(1, done.getLong("failed"));
        assertEquals(1, done.getLong("errors[0].line"));
        assertTrue(done.getString("errors[0].message").contains("at most 1000"), done.prettify());
        given().get("/departments/slug/after-a-long-line").then().statusCode(200).body("name", equalTo("长行之后的科室"));
    }

    @Test
    void shouldRefuseAChunkedImportOverTheLimitAndKeepNothingOfIt() throws Exception {
        String importer = tokens.create("超大导入", Scopes.IMPORT);
        long spooled = spooledFiles();
        byte[] big = ("{\"type\": \"department\", \"slug\": \"x\", \"name\": \"" + "大".repeat(30_000) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8); // 90 KB over a 64 KiB limit, sent in chunks
        HttpRequest chunked = HttpRequest.newBuilder(base.toURI().resolve("import"))
                .header("Authorization", "Bearer " + importer).header("Content-Type", NDJSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"status\":413"), answer.body());
        assertTrue(spooledFiles() <= spooled, "the part read is deleted");
        given().auth().oauth2(importer).contentType(NDJSON).body(big).post("/import").then().statusCode(413);
    }

    @Test
    void shouldRefuseASecondQueuedImportOfOneToken() {
        String importer = tokens.create("排队导入", Scopes.IMPORT);
        String key = "token-" + importer.substring(4, importer.indexOf('_', 4));
        ContentImport.Admission waiting = imports.admit(key); // as if one import of this token were queued
        try {
            given().auth().oauth2(importer).contentType(NDJSON).body("{}\n".getBytes(StandardCharsets.UTF_8)).post("/import")
                    .then().statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
            // Another token has a queue of its own.
            given().auth().oauth2(tokens.create("另一个导入", Scopes.IMPORT)).contentType(NDJSON)
                    .body("{}\n".getBytes(StandardCharsets.UTF_8)).post("/import").then().statusCode(202);
        } finally {
            waiting.release();
        }
        given().auth().oauth2(importer).contentType(NDJSON).body("{}\n".getBytes(StandardCharsets.UTF_8)).post("/import")
                .then().statusCode(202);
    }

    private static long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("content-import-")).count();
        }
    }
}
