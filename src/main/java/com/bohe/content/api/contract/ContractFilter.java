package com.bohe.content.api.contract;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.SurrogateKeys;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ProblemMapper;
import com.bohe.content.api.problem.ProblemTexts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;


/**
 * Completes every operation of the contract in one place: an example body for its 200 response (from
 * src/main/resources/openapi-examples/), and the problem+json errors that {@link ProblemMapper} can send: 400 where an operation takes
 * parameters, 404 where its path names a resource, and 406 and 500 everywhere.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON Merge Patch (RFC 7386), the body of every PATCH (editing/MergePatch). */
    static final String MERGE_PATCH = "application/merge-patch+json";
    /** The extension that names the scopes an operation needs. */
    public static final String SCOPES = "x-required-scopes";

    /**
     * A bearer (HTTP) scheme has no scopes to declare, so linters (Spectral's oas3-operation-security-defined) refuse
     * scope names in its requirements: the requirement says "bearer", and the scopes go to {@value #SCOPES} and
     * to the description, where generated clients and Swagger UI show them.
     */
    private static List<String> scopesAsExtension(Operation operation) {
        List<String> scopes = new java.util.ArrayList<>();
        operation.getSecurity().forEach(requirement -> requirement.getSchemes().forEach((scheme, names) -> {
            if (names != null) {
                scopes.addAll(names);
            }
        }));
        if (scopes.isEmpty()) {
            return scopes;
        }
        operation.setSecurity(new java.util.ArrayList<>(java.util.List.of(
                OASFactory.createSecurityRequirement().addScheme("bearer"))));
        operation.addExtension(SCOPES, scopes);
        String needs = "Needs a bearer token with the scope " + String.join(", ", scopes) + ".";
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + " " + needs);
        return scopes;
    }

    /**
     * A nullable reference with a description comes out as {@code type: object} next to {@code anyOf: [ref, null]}
     * (seen on ArticleDetail.reviewer), and the {@code type} forbids the null that {@code anyOf} allows: validators
     * refuse a null reviewer. Where {@code anyOf} takes null, the type takes it too.
     */
    private static void nullableReferences(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().getSchemas().values().stream()
                .filter(schema -> schema.getProperties() != null)
                .flatMap(schema -> schema.getProperties().values().stream())
                .filter(property -> property.getAnyOf() != null && property.getType() != null
                        && !property.getType().contains(Schema.SchemaType.NULL)
                        && property.getAnyOf().stream().anyMatch(alternative -> alternative.getType() != null
                                && alternative.getType().contains(Schema.SchemaType.NULL)))
                .forEach(property -> property.addType(Schema.SchemaType.NULL));
    }

    /**
     * A PATCH body is a JSON Merge Patch of the input type: every member optional (absent ones stay), so it gets a
     * schema of its own, e.g. ArticlePatch, with the input's properties and none required. With the input's schema, a
     * generated client would insist on the title and body of an article whose tags alone change.
     */
    private static void mergePatchBodies(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().stream()
                .map(item -> item.getPATCH())
                .filter(operation -> operation != null && operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null)
                .flatMap(operation -> operation.getRequestBody().getContent().getMediaTypes().entrySet().stream())
                .filter(media -> MERGE_PATCH.equals(media.getKey()) && media.getValue().getSchema() != null
                        && media.getValue().getSchema().getRef() != null)
                .forEach(media -> {
                    String ref = media.getValue().getSchema().getRef();
                    String input = ref.substring(ref.lastIndexOf('/') + 1);
                    if (input.endsWith("Patch")) {
                        return; // declared as a patch already (a file's: it has no input of its own)
                    }
                    Schema inputSchema = openAPI.getComponents().getSchemas().get(input);
                    String patch = input.replace("Input", "") + "Patch";
                    if (!openAPI.getComponents().getSchemas().containsKey(patch)) {
                        openAPI.getComponents().addSchema(patch, OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description("A JSON Merge Patch (RFC 7386) of " + input + ": members present replace, "
                                        + "null removes, absent ones stay; none is required.")
                                .properties(new java.util.LinkedHashMap<>(inputSchema.getProperties())));
                    }
                    media.getValue().setSchema(OASFactory.createSchema().ref(patch));
                });
    }

    /** Where the shared problem responses and parameters go. */
    private Components components;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        nullableReferences(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        components = openAPI.getComponents();
        mergePatchBodies(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            addExample(operation, "200");
            addExample(operation, "201");
            addExample(operation, "202");
            if (method == PathItem.HttpMethod.GET) {
                cachingHeaders(path, operation);
                operation.getResponses().addAPIResponse("304", shared("NotModified", OASFactory.createAPIResponse().description(
                        "Not Modified: the copy named by If-None-Match (or, without it, If-Modified-Since) is current; no body")));
            }
            if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                List<String> scopes = scopesAsExtension(operation);
                put(operation, 401, "No bearer token, or one that is unknown, expired or revoked; see WWW-Authenticate",
                        Problem.BLANK, "Unauthorized", ProblemTexts.unauthenticated(false), false);
                put(operation, 403, "Forbidden" + pascal(String.join(" or ", scopes)),
                        "The token lacks the scope this operation needs", Problem.BLANK, "Forbidden",
                        ProblemTexts.forbidden(scopes), false);
            }
            if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()))) {
                put(operation, 412, "If-Match names a version that is no longer current; nothing was changed",
                        Problem.BLANK, "Precondition Failed", "The resource has changed since you read it; its current "
                                + "ETag is \"4\". Read it again, re-apply your change, and send If-Match with the new ETag.",
                        false);
                if (method != PathItem.HttpMethod.POST) {
                    put(operation, 428, "If-Match is missing", Problem.BLANK, "Precondition Required",
                            "This change needs an If-Match header with the ETag of the version you read, so that it "
                                    + "cannot overwrite someone else's edit.", false);
                }
            }
            if (operation.getRequestBody() != null) {
                put(operation, 413, "The body is larger than the configured limit", Problem.BLANK,
                        "Request Entity Too Large", "The body is larger than 1048576 bytes.", false);
                put(operation, 415, "The body is not of a media type this operation takes", Problem.BLANK,
                        "Unsupported Media Type", "HTTP 415 Unsupported Media Type", false);
            }
            if (operation.getParameters() != null && !operation.getParameters().isEmpty() || operation.getRequestBody() != null) {
                put(operation, 400, "Invalid parameter", Problem.INVALID_REQUEST, "Invalid request",
                        "size: must be less than or equal to 100", true);
            }
            // Any operation: writes, views and searches have limits of their own, and a request with a token is
            // refused once its address has failed authentication too often (docs/security.md).
            put(operation, 429, "Too many requests of this kind from this client (views per article and in all, "
                    + "writes per token, searches, failed authentications per address, imports queued per token); "
                    + "retry after Retry-After seconds", Problem.BLANK, "Too Many Requests",
                    "Too many requests of this kind from this client; retry after 12 s.", false);
            APIResponse declared503 = operation.getResponses().getAPIResponse("503");
            if (declared503 == null) {
                put(operation, 503, "The database is unavailable, or this instance is shutting down; retry after "
                        + "Retry-After seconds", Problem.BLANK, "Service Unavailable", "The database is unavailable; try again shortly.", false);
            } else if (declared503.getHeaders() == null || !declared503.getHeaders().containsKey("Retry-After")) {
                retryAfter(declared503);
            }
            put(operation, 504, "The database did not answer in time; retry after Retry-After seconds", Problem.BLANK,
                    "Gateway Timeout", "The database did not answer in time; try again shortly.", false);
            if (path.contains("{")) {
                String detail = notFoundExample(path);
                put(operation, 404, "NotFound" + pascal(detail.substring("No ".length(), detail.indexOf(" found for "))
                        + (path.contains("/slug/") ? " by slug" : "")), "Not found", Problem.BLANK, "Not Found", detail, false);
            }
            exampleForDeclaredProblems(operation);
            if (method != PathItem.HttpMethod.DELETE) { // a 204 has no body: a DELETE takes any Accept
                put(operation, 406, "The Accept header allows no media type this operation produces", Problem.BLANK,
                        "Not Acceptable", "HTTP 406 Not Acceptable", false);
            }
            put(operation, 500, "Unexpected server error; the body never holds internals", Problem.BLANK,
                    "Internal Server Error", "The server could not complete the request.", false);
        }));
        sharedParameters(openAPI);
    }

    /**
     * The 404 of a path, as the server words it: the resource is the collection before the last path parameter
     * ({@code /webhooks/{id}/deliveries/{deliveryId}}: a delivery; {@code /articles/slug/{slug}}: an article by slug).
     */
    static String notFoundExample(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 2; i > 0; i--) {
            if (segments[i + 1].startsWith("{") && !segments[i].startsWith("{")) {
                boolean bySlug = "slug".equals(segments[i]);
                String collection = bySlug ? segments[i - 1] : segments[i];
                return ProblemTexts.notFound(singular(collection), bySlug ? "slug example-slug" : "id 42");
            }
        }
        return ProblemTexts.notFound("resource", "id 42");
    }

    /** "content:write or content:import" as "ContentWriteOrContentImport": a component's name. */
    private static String pascal(String words) {
        StringBuilder name = new StringBuilder();
        for (String word : words.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    private static String singular(String collection) {
        return collection.endsWith("ies") ? collection.substring(0, collection.length() - 3) + "y"
                : collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    /**
     * A parameter declared the same way by two operations or more (page, size, sort, If-Match, a path id...) is
     * written once, as {@code components/parameters/<name>}, and referenced. Two parameters are the same when every
     * member that we declare on parameters is: name, location, description, requirement and schema.
     */
    private void sharedParameters(OpenAPI openAPI) {
        List<Operation> operations = openAPI.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .filter(operation -> operation.getParameters() != null).toList();
        Map<String, Long> uses = operations.stream().flatMap(operation -> operation.getParameters().stream())
                .collect(java.util.stream.Collectors.groupingBy(ContractFilter::parameterKey, LinkedHashMap::new,
                        java.util.stream.Collectors.counting()));
        Map<String, String> names = new LinkedHashMap<>();
        for (Operation operation : operations) {
            List<Parameter> parameters = new java.util.ArrayList<>();
            for (Parameter parameter : operation.getParameters()) {
                String key = parameterKey(parameter);
                if (uses.get(key) < 2) {
                    parameters.add(parameter);
                    continue;
                }
                String name = names.computeIfAbsent(key, k -> {
                    String candidate = parameter.getName();
                    for (int i = 2; components.getParameters() != null && components.getParameters().containsKey(candidate); i++) {
                        candidate = parameter.getName() + i;
                    }
                    components.addParameter(candidate, parameter);
                    return candidate;
                });
                parameters.add(OASFactory.createParameter().ref(name));
            }
            operation.setParameters(parameters);
        }
    }

    private static String parameterKey(Parameter parameter) {
        Schema schema = parameter.getSchema();
        List<Object> members = new java.util.ArrayList<>(List.of(String.valueOf(parameter.getName()),
                String.valueOf(parameter.getIn()), String.valueOf(parameter.getDescription()),
                String.valueOf(parameter.getRequired()), String.valueOf(parameter.getExample()),
                String.valueOf(parameter.getExamples()), String.valueOf(parameter.getDeprecated()),
                String.valueOf(parameter.getStyle()), String.valueOf(parameter.getExplode()),
                String.valueOf(parameter.getContent()), String.valueOf(parameter.getExtensions())));
        if (schema != null) {
            members.addAll(java.util.Arrays.asList(schema.getRef(), schema.getType(), schema.getFormat(),
                    schema.getDefaultValue(), schema.getMinimum(), schema.getMaximum(), schema.getExclusiveMinimum(),
                    schema.getExclusiveMaximum(), schema.getMinLength(), schema.getMaxLength(), schema.getPattern(),
                    schema.getEnumeration(), schema.getDescription(), schema.getExamples(),
                    schema.getItems() == null ? null : schema.getItems().getType(),
                    schema.getItems() == null ? null : schema.getItems().getEnumeration(),
                    schema.getItems() == null ? null : schema.getItems().getRef()));
        }
        return members.toString();
    }

    /**
     * A read's 200 says how long it may be cached (Cache-Control, every read: {@link HttpCaching}) and, for content,
     * the keys a CDN purges it by (Surrogate-Key and Cache-Tag, on public reads: {@link SurrogateKeys}).
     */
    private static void cachingHeaders(String path, Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok == null || ok.getRef() != null) {
            return;
        }
        ok.addHeader(HttpHeaders.CACHE_CONTROL, OASFactory.createHeader().ref(HttpHeaders.CACHE_CONTROL));
        if (SurrogateKeys.named(path)) {
            ok.addHeader(SurrogateKeys.HEADER, OASFactory.createHeader().ref(SurrogateKeys.HEADER));
            ok.addHeader(SurrogateKeys.CLOUDFLARE_HEADER, OASFactory.createHeader().ref(SurrogateKeys.CLOUDFLARE_HEADER));
        }
    }

    /** The Retry-After header of a 429, 503 or 504. */
    private static void retryAfter(APIResponse response) {
        response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }

    /**
     * The example of a schema: {@code openapi-examples/<schema>.json} among the resources, one file per schema that a
     * 200, 201 or 202 answers (a missing one fails the build).
     */
    private static String example(String schema) {
        String name = "openapi-examples/" + schema + ".json";
        try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No example for schema " + schema + ": add src/main/resources/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void addExample(Operation operation, String status) {
        APIResponse ok = operation.getResponses().getAPIResponse(status);
        MediaType json = ok == null || ok.getContent() == null ? null : ok.getContent().getMediaType("application/json");
        if (json == null || json.getSchema() == null || json.getSchema().getRef() == null) {
            return;
        }
        String schema = json.getSchema().getRef().substring(json.getSchema().getRef().lastIndexOf('/') + 1);
        String example = example(schema);
        // One example per schema, on the schema itself (JSON Schema's examples): written once, shown by Swagger UI
        // for every response of that schema.
        Schema target = components.getSchemas().get(schema);
        if (target.getExamples() == null || target.getExamples().isEmpty()) {
            try {
                target.addExample(JSON.readValue(example, Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Example for " + schema + " is not JSON", e);
            }
        }
    }

    /**
     * Problem responses declared on a resource method, inline or as a reference to components/responses (e.g.
     * SlugTaken), get the same kind of example as the standard ones.
     */
    private void exampleForDeclaredProblems(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((code, declared) -> {
            APIResponse response = declared.getRef() == null ? declared
                    : components.getResponses().get(declared.getRef().substring(declared.getRef().lastIndexOf('/') + 1));
            MediaType problem = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
            if (problem != null && problem.getExample() == null) {
                int status = Integer.parseInt(code);
                Map<String, Object> example = new LinkedHashMap<>();
                example.put("type", Problem.BLANK);
                example.put("title", Problem.title(status));
                example.put("status", status);
                example.put("detail", response.getDescription());
                example.put("instance", "/articles/1/views");
                problem.setExample(example);
            }
        });
    }

    private void put(Operation operation, int status, String description, String type, String title,
            String detail, boolean withErrors) {
        String name = java.util.Arrays.stream(title.split(" "))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(java.util.stream.Collectors.joining());
        put(operation, status, name, description, type, title, detail, withErrors);
    }

    /**
     * Declares a problem response of an operation as a reference to {@code components/responses/<name>}, the one
     * place where its description, example and headers are written; the same name must always mean the same response.
     */
    private void put(Operation operation, int status, String name, String description, String type, String title,
            String detail, boolean withErrors) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/articles");
        if (withErrors) {
            // Ordered, so that the generated contract is the same from one build to the next.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", "size");
            error.put("message", "must be less than or equal to 100");
            example.put("errors", java.util.List.of(error));
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .example(example)));
        if (status == 429 || status == 503 || status == 504) {
            retryAfter(response);
        }
        operation.getResponses().addAPIResponse(String.valueOf(status), shared(name, response));
    }

    /**
     * A reference to {@code components/responses/<name>}, written there the first time; the same name must always
     * mean the same response.
     */
    private APIResponse shared(String name, APIResponse response) {
        APIResponse written = components.getResponses() == null ? null : components.getResponses().get(name);
        if (written == null) {
            components.addResponse(name, response);
        } else if (!response.getDescription().equals(written.getDescription())) {
            throw new IllegalStateException("Two responses named " + name + ": " + response.getDescription() + " / "
                    + written.getDescription());
        }
        return OASFactory.createAPIResponse().ref(name);
    }
}
