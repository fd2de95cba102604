package com.bohe.content.article;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ProblemTexts;

/**
 * What the contract of {@code GET /articles} says that annotations cannot: one answer shape for offset and cursor
 * paging, and the 401 and 403 of a public operation whose {@code status} parameter needs a token. Runs before the
 * contract filter that completes every operation ({@link com.bohe.content.api.contract.ContractFilter}, which sets
 * the examples of the shapes given here).
 */
@OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = ArticleListContract.BEFORE_THE_CONTRACT_FILTER)
public class ArticleListContract implements OASFilter {

    /** Filters run from the highest priority down; the contract filter has the default. */
    static final int BEFORE_THE_CONTRACT_FILTER = 10;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItem("/articles") == null) {
            return;
        }
        Operation list = openAPI.getPaths().getPathItem("/articles").getGET();
        if (list != null) {
            offsetOrCursor(openAPI, list);
        }
    }

    /**
     * GET /articles answers one shape, ArticleListPage, whatever the paging: offset paging fills page, size, total and
     * totalPages; cursor paging fills nextCursor; with fields each item keeps only id and the fields asked for (so an
     * ArticleListItem requires only id). One schema, not an anyOf of three: a generated Java client picks the first
     * alternative of an anyOf that parses, and with unknown members ignored a cursor page parsed every offset page
     * (page and total lost).
     */
    private static void offsetOrCursor(OpenAPI openAPI, Operation operation) {
        var schemas = openAPI.getComponents().getSchemas();
        Schema summary = schemas.get("ArticleSummary");
        Schema page = schemas.get("PageArticleSummary");
        Schema cursorPage = schemas.get("ArticleCursorPage");
        openAPI.getComponents().addSchema("ArticleListItem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An ArticleSummary; with fields, only id and the fields asked for")
                .required(List.of("id")).properties(new LinkedHashMap<>(summary.getProperties())));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref("ArticleListItem")));
        page.getProperties().forEach((name, property) -> {
            if (!"items".equals(name)) {
                properties.put(name, OASFactory.createSchema().type(property.getType()).format(property.getFormat())
                        .ref(property.getRef()).enumeration(property.getEnumeration()).allOf(property.getAllOf())
                        .description("Offset paging only" + (property.getDescription() == null ? ""
                                : ": " + property.getDescription())));
            }
        });
        properties.put("nextCursor", cursorPage.getProperties().get("nextCursor"));
        openAPI.getComponents().addSchema("ArticleListPage", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A page of articles. Offset paging (page, size, sort) fills page, size, total, "
                        + "totalRelation and totalPages; cursor paging (cursor, limit) fills nextCursor (null on the last page) and leaves "
                        + "them out.")
                .required(List.of("items")).properties(properties));
        openAPI.getComponents().removeSchema("ArticleCursorPage");
        // its example is an offset page (openapi-examples/ArticleListPage.json), set by the contract filter
        operation.getResponses().getAPIResponse("200").getContent().getMediaType("application/json")
                .setSchema(OASFactory.createSchema().ref("ArticleListPage"));
        problem(openAPI, operation, 401, "UnauthorizedForDrafts", "A status other than published was asked for without a valid token",
                "Unauthorized", ProblemTexts.unauthenticated(false));
        problem(openAPI, operation, 403, "ForbiddenForDrafts", "A status other than published was asked for with a token that lacks content:read-drafts",
                "Forbidden", ProblemTexts.forbidden(List.of("content:read-drafts")));
    }

    private static void problem(OpenAPI openAPI, Operation operation, int status, String name, String description,
            String title, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.BLANK);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", "/articles");
        openAPI.getComponents().addResponse(name, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem")).example(example))));
        operation.getResponses().addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse().ref(name));
    }
}
