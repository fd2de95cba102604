package com.bohe.content.api;

import com.bohe.content.api.caching.SurrogateKeys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.bohe.content.ResponseSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;

/** The committed openapi.yaml is the published contract: it must say exactly what the code serves. */
@QuarkusTest
class OpenApiContractTest {

    static final String REFRESH = "./mvnw package -DskipTests -Popenapi";

    @Test
    void shouldMatchTheCommittedContract() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path committed = Path.of("openapi.yaml");
        assertTrue(Files.exists(committed), "openapi.yaml is missing; create it with: " + REFRESH);
        JsonNode expected = yaml.readTree(committed.toFile());
        JsonNode served = yaml.readTree(given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<String> differences = new ArrayList<>();
        diff(expected, served, "", differences);
        assertEquals(List.of(), differences, "openapi.yaml differs from what the code produces; refresh it with: " + REFRESH);
    }

    /** Collects the JSON pointers where the two documents differ, at most ten. */
    static void diff(JsonNode expected, JsonNode actual, String pointer, List<String> out) {
        if (out.size() >= 10 || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    out.add("not committed: " + child);
                } else if (!actual.has(name)) {
                    out.add("no longer produced: " + child);
                } else {
                    diff(expected.get(name), actual.get(name), child, out);
                }
            }
        } else {
            out.add("changed: " + (pointer.isEmpty() ? "/" : pointer));
        }
    }

    @Test
    void shouldGiveEveryProblemExampleTheResourceAndTheScopeOfItsOperation() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<String> wrong = new java.util.ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String where = operation.getKey() + " " + path.getKey();
            JsonNode responses = operation.getValue().get("responses");
            String forbidden = detail(spec, responses.get("403"));
            if (forbidden != null) {
                operation.getValue().path("x-required-scopes").forEach(scope -> {
                    if (!forbidden.contains(scope.asText())) {
                        wrong.add(where + ": 403 says '" + forbidden + "', not " + scope.asText());
                    }
                });
            }
            String notFound = detail(spec, responses.get("404"));
            if (notFound != null) {
                String kind = notFound.replaceAll("^No (.+) found for .*$", "$1");
                String plural = kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
                if (!path.getKey().startsWith("/" + plural + "/") && !path.getKey().contains("/" + plural + "/{")) {
                    wrong.add(where + ": 404 says '" + notFound + "'");
                }
            }
        }));
        assertEquals(List.of(), wrong);
    }

    /** The example detail of a response, following its reference to components/responses. */
    private static String detail(JsonNode spec, JsonNode response) {
        if (response == null) {
            return null;
        }
        if (response.has("$ref")) {
            String name = response.get("$ref").asText().substring("#/components/responses/".length());
            response = spec.get("components").get("responses").get(name);
        }
        JsonNode example = response.path("content").path("application/problem+json").path("example");
        return example.has("detail") ? example.get("detail").asText() : null;
    }

    @Test
    void shouldDocumentEveryOperation() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        JsonNode paths = spec.get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String where = operation.getKey() + " " + path.getKey();
            JsonNode op = operation.getValue();
            assertTrue(op.hasNonNull("summary"), where + " has no summary");
            assertTrue(op.hasNonNull("operationId"), where + " has no operationId");
            assertEquals(1, op.get("tags").size(), where + " must have one tag");
            assertTrue(op.get("responses").has("200") || op.get("responses").has("201") || op.get("responses").has("202")
                    || op.get("responses").has("204"),
                    where + " documents no success");
            assertTrue(op.get("responses").has("500"), where + " documents no 500");
            if (operation.getKey().equals("get") || operation.getKey().equals("delete")) {
                // A framework type taken for a body (RoutingContext once was) would make every client send one.
                assertTrue(op.path("requestBody").isMissingNode(), where + " documents a request body");
            }
            if (path.getKey().contains("{")) {
                assertTrue(op.get("responses").has("404"), where + " documents no 404");
            }
            op.get("responses").fields().forEachRemaining(declared -> {
                JsonNode response = ResponseSchemas.follow(spec, declared.getValue());
                assertFalse(response.isMissingNode(), where + " " + declared.getKey() + " refers to no response");
                if (declared.getKey().equals("204") || declared.getKey().equals("304")) {
                    assertTrue(response.path("content").isMissingNode(), where + " " + declared.getKey() + " has a body");
                    return;
                }
                if (declared.getKey().startsWith("2") && !response.path("content").has("application/json")) {
                    // Bytes, not JSON (a picture of GET /assets/{id}): each media type an image, its schema binary.
                    assertFalse(response.path("content").isEmpty(), where + " " + declared.getKey() + " has no content");
                    response.path("content").fields().forEachRemaining(media -> {
                        assertTrue(media.getKey().startsWith("image/"), where + " answers " + media.getKey());
                        assertEquals("binary", media.getValue().at("/schema/format").asText(), where + " " + media.getKey());
                    });
                    return;
                }
                String media = declared.getKey().startsWith("2") ? "application~1json" : "application~1problem+json";
                JsonNode schema = response.at("/content/" + media + "/schema");
                assertTrue(schema.isObject(), where + " " + declared.getKey() + " has no schema");
                // a problem's example is on its response; a success's on its schema (one per schema, written once)
                JsonNode example = declared.getKey().startsWith("2")
                        ? spec.at(schema.path("$ref").asText("#/none").substring(1) + "/examples/0")
                        : response.at("/content/" + media + "/example");
                assertTrue(example.isObject(), where + " " + declared.getKey() + " has no example");
            });
        }));
    }

    @Test
    void shouldDocumentOnlyTheApisOwnSchemas() throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()).at("/components/schemas");
        schemas.fieldNames().forEachRemaining(name -> assertFalse(
                name.contains("RoutingContext") || name.contains("HttpServer") || name.contains("UriInfo"),
                "a framework type leaked into the contract: " + name));
    }

    @Test
    void shouldLetEveryNullableAlternativeBeNull() throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()).at("/components/schemas");
        schemas.fields().forEachRemaining(schema -> schema.getValue().path("properties").fields().forEachRemaining(property -> {
            JsonNode anyOf = property.getValue().path("anyOf");
            JsonNode type = property.getValue().path("type");
            boolean anyOfTakesNull = false;
            for (JsonNode alternative : anyOf) {
                anyOfTakesNull |= "null".equals(alternative.path("type").asText());
            }
            if (anyOfTakesNull && !type.isMissingNode()) {
                boolean typeTakesNull = false;
                for (JsonNode t : type.isArray() ? type : List.of(type)) {
                    typeTakesNull |= "null".equals(t.asText());
                }
                assertTrue(typeTakesNull, schema.getKey() + "." + property.getKey() + ": anyOf allows null, its type does not");
            }
        }));
    }

    /**
     * What the contract says a public read's 200 carries, it carries: Cache-Control on every read, and the CDN's
     * purge keys (Surrogate-Key, Cache-Tag) on content. Every list and collection read of content that takes no path
     * parameter is asked, without a token, and each header its 200 documents must be there.
     */
    @Test
    void shouldSendTheHeadersThatPublicReadsDocument() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<String> asked = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> {
            JsonNode ok = ResponseSchemas.follow(spec, path.getValue().path("get").path("responses").path("200"));
            if (path.getKey().contains("{") || ok.isMissingNode() || !SurrogateKeys.named(path.getKey())) {
                return;
            }
            Set<String> documented = new TreeSet<>();
            ok.path("headers").fieldNames().forEachRemaining(documented::add);
            assertTrue(documented.containsAll(Set.of("Cache-Control", "Surrogate-Key", "Cache-Tag")),
                    "GET " + path.getKey() + " documents " + documented);
            io.restassured.response.Response response = given().get(path.getKey());
            assertEquals(200, response.statusCode(), "GET " + path.getKey());
            for (String header : documented) {
                assertTrue(response.header(header) != null && !response.header(header).isBlank(),
                        "GET " + path.getKey() + " documents " + header + " but did not send it");
            }
            assertEquals(response.header("Surrogate-Key").replace(' ', ','), response.header("Cache-Tag"),
                    "GET " + path.getKey());
            asked.add(path.getKey());
        });
        assertTrue(asked.containsAll(List.of("/articles", "/diseases", "/doctors", "/hospitals", "/departments")),
                "asked " + asked);
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("swagger-ui"));
    }
}
