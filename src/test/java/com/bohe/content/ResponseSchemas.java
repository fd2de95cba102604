package com.bohe.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks each JSON body a test receives against the schema that the committed openapi.yaml documents for its
 * operation, status and media type, in JSON Schema 2020-12 (the dialect of OpenAPI 3.1). swagger-request-validator
 * checks the statuses and headers but reads 3.1 schemas as if they had no types: a string where the contract says
 * integer passed it.
 */
public final class ResponseSchemas implements OrderedFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonNode components;
    private final JsonNode spec;

    private record Operation(String method, Pattern path, int literals, JsonNode responses) {
    }

    public ResponseSchemas(Path contract) {
        try {
            spec = new ObjectMapper(new YAMLFactory()).readTree(contract.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        components = spec.get("components");
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String template = path.getKey();
            // /articles/{id} → ^/articles/[^/]+$; literal segments win over variables (/articles/popular)
            Pattern pattern = Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "[^/]+") + "$");
            int literals = (int) Arrays.stream(template.split("/")).filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
            operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), pattern, literals,
                    operation.getValue().path("responses")));
        }));
        operations.sort(Comparator.comparingInt(Operation::literals).reversed());
    }

    /**
     * What a node of the contract says: the node itself, or, for a {@code $ref} to components/responses or
     * components/parameters (where shared problem responses and parameters are written once), the node it names.
     */
    public static JsonNode follow(JsonNode spec, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/components/responses/") || ref.startsWith("#/components/parameters/")
                ? spec.at(ref.substring(1)) : node;
    }

    /** @return the problems of a body against the schema documented for it; empty when none is documented */
    public Set<String> check(String method, String path, int status, String contentType, String body) {
        if (body == null || body.isEmpty() || contentType == null) {
            return Set.of();
        }
        String media = contentType.split(";")[0].strip();
        JsonNode schema = operations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                .findFirst()
                .map(o -> follow(spec, o.responses().path(String.valueOf(status))).path("content").path(media).path("schema"))
                .orElse(null);
        if (schema == null || schema.isMissingNode() || !media.contains("json")) {
            return Set.of();
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            return Set.of("not JSON: " + e.getMessage());
        }
        JsonSchema validator = schemas.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = ((ObjectNode) schema.deepCopy()).set("components", components);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        });
        return validator.validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Response answer = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        Set<String> problems = check(request.getMethod(), path, answer.statusCode(), answer.contentType(), answer.asString());
        if (!problems.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + path + " " + answer.statusCode()
                    + ": the body does not match openapi.yaml: " + problems + "\n" + answer.asString());
        }
        return answer;
    }

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE;
    }
}
