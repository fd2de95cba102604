package com.bohe.content.operations;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.bohe.content.Tokens;
import com.bohe.content.auth.Scopes;

/** JSON logs (here to a file, as CONTENT_LOG_JSON=true does on the console) with the access log on. */
@QuarkusTest
@TestProfile(JsonLogTest.JsonLogs.class)
class JsonLogTest {

    static final Path LOG = Path.of("target", "json-log-test.log");

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true", "quarkus.http.access-log.enabled", "true");
        }
    }

    @Inject
    Tokens tokens;

    @Test
    void shouldWriteValidJsonLinesWithTheRequestIdAndNoToken() throws Exception {
        String token = tokens.create("log-reader", Scopes.IMPORT);
        String admin = tokens.admin();
        String job = "/imports/00000000-0000-0000-0000-000000000000";
        given().header("X-Request-Id", "json-log-1").auth().oauth2(token).get(job).then().statusCode(404);
        given().header("X-Request-Id", "json-log-2").auth().oauth2("cat_wrong_" + token).get(job).then().statusCode(401);
        given().header("X-Request-Id", "json-log-q").queryParam("q", "隐私搜索面瘫眼睛闭不上").get("/articles").then().statusCode(200);
        given().header("X-Request-Id", "json-log-3").auth().oauth2(admin).get("/tokens").then().statusCode(200);
        // the file handler writes as lines come; the access log after each answer
        List<String> lines = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readAllLines(LOG), read -> String.join("\n", read).contains("json-log-3"));
        ObjectMapper json = new ObjectMapper();
        boolean accessLogged = false;
        for (String line : lines) {
            JsonNode entry = json.readTree(line); // throws on a line that is not JSON
            assertTrue(entry.has("message") && entry.has("level") && entry.has("timestamp"), line);
            accessLogged |= entry.get("message").asText().contains("json-log-1");
        }
        assertTrue(accessLogged, "the access log line of the request carries its id");
        String all = String.join("\n", lines);
        assertFalse(all.contains(token), "a token in the log");
        assertFalse(all.contains(admin), "the admin token in the log");
        assertFalse(all.toLowerCase().contains("bearer "), "an Authorization header in the log");
        // A reader's search is health information: the access log keeps the path, not the query string.
        String search = lines.stream().filter(l -> l.contains("json-log-q") && l.contains("\"GET ")).findFirst().orElseThrow();
        assertTrue(search.contains("GET /articles "), search);
        assertFalse(all.contains("隐私搜索") || all.contains(java.net.URLEncoder.encode("隐私搜索", java.nio.charset.StandardCharsets.UTF_8))
                || search.contains("q="), "a search term in the log: " + search);
    }
}
