package com.bohe.content.auth;

import static com.bohe.content.TestData.map;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.bohe.content.Tokens;

/**
 * Every secured operation of openapi.yaml, four ways: no token and a bad token get 401, a token without the
 * operation's scope 403, a token with just that scope 2xx. The operations come from the contract, so a new one
 * without a case here fails the test instead of going unchecked.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";
    static final String BAD_TOKEN = "cat_1_" + "A".repeat(43);

    @Inject
    Tokens tokens;

    /** An operation ready to send: its data exists; only the token is missing. */
    interface Call extends Function<RequestSpecification, Response> {
    }

    record Operation(String id, String method, String path, String scope) {
    }

    @Test
    void shouldGuardEveryWriteOperationOfTheContract() throws IOException {
        List<Operation> secured = securedOperations();
        Map<String, Supplier<Call>> cases = cases();
        List<String> missing = new ArrayList<>();
        for (Operation op : secured) {
            Supplier<Call> prepare = cases.get(op.id());
            if (prepare == null) {
                missing.add(op.id());
                continue;
            }
            Call call = prepare.get();
            String where = op.method() + " " + op.path();
            assertEquals(401, call.apply(given()).statusCode(), where + " without a token");
            Response bad = call.apply(given().auth().oauth2(BAD_TOKEN));
            assertEquals(401, bad.statusCode(), where + " with a bad token");
            assertTrue(bad.header("WWW-Authenticate").startsWith("Bearer"), where + " challenges");
            String[] others = Scopes.ALL.stream().filter(s -> !s.equals(op.scope())).toArray(String[]::new);
            assertEquals(403, call.apply(given().auth().oauth2(tokens.create("matrix-wrong", others))).statusCode(),
                    where + " with every scope but " + op.scope());
            int status = call.apply(given().auth().oauth2(tokens.create("matrix-right", op.scope()))).statusCode();
            assertTrue(status >= 200 && status < 300, where + " with " + op.scope() + " answered " + status);
        }
        assertTrue(missing.isEmpty(), "no authorization case for " + missing);
        assertEquals(cases.keySet().size(), secured.size(), "every case names a secured operation of the contract");
    }

    @Test
    void shouldSecureEveryOperationThatChangesSomething() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()).get("paths");
        List<String> open = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            boolean changes = !op.getKey().equals("get");
            boolean views = op.getValue().path("operationId").asText().equals("recordArticleView");
            if (changes && !views && !op.getValue().has("security")) {
                open.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertTrue(open.isEmpty(), "unsecured writes: " + open);
        assertFalse(paths.path("/articles/{id}/views").path("post").has("security"), "a reader's view needs no token");
    }

    private static List<Operation> securedOperations() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()).get("paths");
        List<Operation> result = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode security = op.getValue().path("security");
            if (security.isArray() && !security.isEmpty()) {
                assertTrue(security.get(0).has("bearer"), op.getKey() + " " + path.getKey() + " needs a bearer token");
                JsonNode scopes = op.getValue().path(com.bohe.content.api.contract.ContractFilter.SCOPES);
                assertEquals(1, scopes.size(), op.getKey() + " " + path.getKey() + " names one scope");
                result.add(new Operation(op.getValue().get("operationId").asText(), op.getKey(), path.getKey(),
                        scopes.get(0).asText()));
            }
        }));
        return result;
    }

    // ---- The cases: each prepares fresh data with the admin token, then sends with the token under test ----

    private Map<String, Supplier<Call>> cases() {
        Map<String, Supplier<Call>> cases = new LinkedHashMap<>();
        content(cases, "Article", "/articles", () -> map("title", "授权矩阵文章" + UUID.randomUUID(), "body", "正文。"));
        content(cases, "Department", "/departments", () -> map("name", "授权矩阵科" + UUID.randomUUID()));
        content(cases, "Disease", "/diseases", () -> map("name", "授权矩阵病" + UUID.randomUUID()));
        content(cases, "Doctor", "/doctors", () -> map("name", "授权矩阵医生", "title", "医师"));
        content(cases, "Hospital", "/hospitals", () -> map("name", "授权矩阵医院" + UUID.randomUUID(), "category", "综合",
                "province", "北京", "city", "北京"));
        cases.put("publishArticle", () -> {
            long id = create("/articles", map("title", "授权矩阵发布", "body", "正文。"));
            return spec -> spec.when().post("/articles/" + id + "/publish");
        });
        cases.put("unpublishArticle", () -> {
            long id = create("/articles", map("title", "授权矩阵撤回", "body", "正文。", "status", "published"));
            return spec -> spec.when().post("/articles/" + id + "/unpublish");
        });
        cases.put("startImport", () -> spec -> spec.contentType("application/x-ndjson; charset=UTF-8")
                .body(("{\"type\": \"department\", \"slug\": \"auth-matrix-import\", \"name\": \"授权矩阵导入科\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/import"));
        cases.put("getImport", () -> {
            String location = given().auth().oauth2(tokens.admin()).contentType("application/x-ndjson; charset=UTF-8")
                    .body("\n".getBytes(StandardCharsets.UTF_8)).when().post("/import").then().statusCode(202)
                    .extract().header("Location");
            return spec -> spec.when().get(location);
        });
        cases.put("createToken", () -> spec -> spec.contentType(ContentType.JSON)
                .body(map("name", "matrix-created", "scopes", List.of(Scopes.READ_DRAFTS))).when().post("/tokens"));
        cases.put("listTokens", () -> spec -> spec.when().get("/tokens"));
        cases.put("getToken", () -> {
            String id = tokens.create("matrix-get", Scopes.READ_DRAFTS).split("_")[1];
            return spec -> spec.when().get("/tokens/" + id);
        });
        cases.put("revokeToken", () -> {
            String id = tokens.create("matrix-revoke", Scopes.READ_DRAFTS).split("_")[1];
            return spec -> spec.when().delete("/tokens/" + id);
        });
        // A receiver that is never there (the discard port): deliveries fail, which is not what is tested here; it
        // asks for import.finished only, so that other tests' writes do not queue deliveries to it.
        Supplier<Map<String, Object>> webhook = () -> map("url", "http://127.0.0.1:9/matrix", "events",
                List.of("import.finished"));
        cases.put("createWebhook", () -> spec -> spec.contentType(ContentType.JSON).body(webhook.get()).when().post("/webhooks"));
        cases.put("listWebhooks", () -> spec -> spec.when().get("/webhooks"));
        cases.put("getWebhook", () -> {
            long id = create("/webhooks", webhook.get());
            return spec -> spec.when().get("/webhooks/" + id);
        });
        cases.put("patchWebhook", () -> {
            long id = create("/webhooks", webhook.get());
            return spec -> spec.contentType(MERGE_PATCH).body(map("description", "改")).when().patch("/webhooks/" + id);
        });
        cases.put("deleteWebhook", () -> {
            long id = create("/webhooks", webhook.get());
            return spec -> spec.when().delete("/webhooks/" + id);
        });
        cases.put("listWebhookDeliveries", () -> {
            long id = create("/webhooks", webhook.get());
            return spec -> spec.when().get("/webhooks/" + id + "/deliveries");
        });
        cases.put("pingWebhook", () -> {
            long id = create("/webhooks", webhook.get());
            return spec -> spec.when().post("/webhooks/" + id + "/ping");
        });
        cases.put("retryWebhookDelivery", () -> {
            long id = create("/webhooks", webhook.get());
            long delivery = given().auth().oauth2(tokens.admin()).when().post("/webhooks/" + id + "/ping")
                    .then().statusCode(202).extract().jsonPath().getLong("id");
            return spec -> spec.when().post("/webhooks/" + id + "/deliveries/" + delivery + "/retry");
        });
        Supplier<Long> file = () -> given().auth().oauth2(tokens.admin()).contentType("image/png")
                .body(com.bohe.content.files.TestPictures.png(8, 8)).when().post("/files").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        cases.put("uploadFile", () -> spec -> spec.contentType("image/png").body(com.bohe.content.files.TestPictures.png(8, 8))
                .when().post("/files"));
        cases.put("listFiles", () -> spec -> spec.when().get("/files"));
        cases.put("patchFile", () -> {
            long id = file.get();
            return spec -> spec.contentType(MERGE_PATCH).body(map("alt", "改")).when().patch("/files/" + id);
        });
        cases.put("deleteFile", () -> {
            long id = file.get();
            return spec -> spec.when().delete("/files/" + id);
        });
        return cases;
    }

    /** create, replace, patch and delete of one kind of content. */
    private void content(Map<String, Supplier<Call>> cases, String kind, String path, Supplier<Map<String, Object>> body) {
        cases.put("create" + kind, () -> {
            Map<String, Object> input = body.get();
            return spec -> spec.contentType(ContentType.JSON).body(input).when().post(path);
        });
        cases.put("replace" + kind, () -> {
            long id = create(path, body.get());
            Map<String, Object> input = body.get();
            return spec -> spec.contentType(ContentType.JSON).header("If-Match", "*").body(input).when().put(path + "/" + id);
        });
        cases.put("patch" + kind, () -> {
            long id = create(path, body.get());
            return spec -> spec.contentType(MERGE_PATCH).header("If-Match", "*").body(map()).when().patch(path + "/" + id);
        });
        cases.put("delete" + kind, () -> {
            long id = create(path, body.get());
            return spec -> spec.header("If-Match", "*").when().delete(path + "/" + id);
        });
    }

    private long create(String path, Map<String, Object> body) {
        return given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post(path).then().statusCode(201).extract().jsonPath().getLong("id");
    }

}
