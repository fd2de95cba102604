package com.bohe.content.article;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import com.bohe.content.editing.IfMatch;
import com.bohe.content.api.paging.Fields;
import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.editing.MergePatch;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.caching.Tagged;
import com.bohe.content.article.read.Answer;
import com.bohe.content.article.read.ArticleDetails;
import com.bohe.content.article.read.ArticleLists;
import com.bohe.content.article.read.RelatedReads;
import com.bohe.content.article.read.Lookup;
import com.bohe.content.auth.Caller;
import com.bohe.content.auth.Scopes;

@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "科普文章: published popular-science articles")
public class ArticleResource {

    static final String NOT_SHOWN = "Done, but the article is not public and the token lacks content:read-drafts: "
            + "no body, only the ETag of the new version";

    @Inject
    ArticleService articles;
    @Inject
    ArticleViewService views;
    @Inject
    ArticleEditor editor;
    @Inject
    Caller caller;
    @Inject
    ArticleDetails details;
    @Inject
    ArticleLists lists;
    @Inject
    RelatedReads related;

    @GET
    @Operation(summary = "List published articles",
            description = "Offset paging (page, size, sort; sort fields: publishedAt, updatedAt, viewCount, title, id; "
                    + "default -publishedAt) fills page, size, total, totalRelation and totalPages (a search counts its matches "
                    + "exactly up to 1,000; beyond, total is a lower bound, totalRelation is gte and Link has no last). With cursor (empty for the first "
                    + "page) and limit it fills nextCursor instead: newest first, no total, and page 10,000 as cheap "
                    + "as page 1; cursor does not combine with page, sort, q or status.")
    @APIResponse(responseCode = "200", description = "An ArticleListPage: offset or cursor paging",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleCursorPage.class)))
    public Response listArticles(
            @RestQuery @Size(max = ArticleQuery.MAX_Q) @Parameter(description = "Search in the reader's own words, e.g. 面瘫了眼睛闭不上怎么办. "
                    + "Every article sharing a Chinese bigram (or a word) with q matches; they rank by relevance (BM25, how "
                    + "much of q they hold, whole phrases above scattered characters, and the meaning of q by embedding, "
                    + "which also brings in articles that say the same in other words) unless a sort is given, and carry "
                    + "a highlight. Text in quotes (\"面肌痉挛\", “面肌痉挛” or 「面肌痉挛」) must occur as written. Up to 200 characters, "
                    + "a whole question.") String q,
            @RestQuery @Parameter(description = "Disease id or slug") String disease,
            @RestQuery @Parameter(description = "Department id or slug; includes its sub-departments") String department,
            @RestQuery @Parameter(description = "Id or slug of the reviewing doctor") String reviewer,
            @RestQuery @Size(max = 50) @Parameter(description = "A tag, e.g. 面瘫") String tag,
            @RestQuery @Pattern(regexp = "published|draft|scheduled|all", message = "must be published, draft, scheduled or all")
            @Parameter(description = "published (the default: public articles), or, with a token of scope "
                    + "content:read-drafts, draft, scheduled (published, public later) or all",
                    schema = @Schema(enumeration = { "published", "draft", "scheduled", "all" })) String status,
            @RestQuery @Size(max = 200) @Parameter(description = "Cursor paging: empty for the first page, then the "
                    + "nextCursor of the page before") String cursor,
            @RestQuery @Min(1) @Max(PageParams.MAX_SIZE) @Parameter(description = "Cursor paging: page size, 1 to 100 "
                    + "(default 20)") Integer limit,
            @RestQuery @Size(max = 300) @Parameter(description = "Sparse fieldset: comma-separated fields of ArticleSummary "
                    + "that each item keeps (id always), e.g. id,title,viewCount") String fields,
            @Valid @BeanParam PageParams params, @Context UriInfo uri, @Context RoutingContext request) {
        Fields.select(request, fields, ArticleSummary.class);
        ArticleQuery query = new ArticleQuery(q, disease, department, reviewer, tag, status);
        if (uri.getQueryParameters().containsKey("cursor")) {
            for (String other : List.of("page", "size", "sort", "q", "status")) {
                if (uri.getQueryParameters().containsKey(other)) {
                    throw new InvalidRequestException(other, "does not combine with cursor; use limit for the page size");
                }
            }
            int size = limit == null ? 20 : limit;
            if (sameForEveryone(request, fields)) {
                // The route's answer, for what the route declined (a tag, a department...): one rule for both.
                return lists.feedAnswer(query, cursor, size, request.request().getHeader(HttpHeaders.IF_NONE_MATCH)).toResponse();
            }
            return Response.ok(lists.feed(query, cursor, size)).build();
        }
        if (limit != null) {
            throw new InvalidRequestException("limit", "goes with cursor; offset paging takes size");
        }
        if (status != null && !status.equals(ArticleQuery.PUBLISHED)) {
            caller.requireDrafts();
        }
        if (query.isPublic() && sameForEveryone(request, fields)) {
            return lists.pageAnswer(query, params, uri.getRequestUri(), request.request().getHeader(HttpHeaders.IF_NONE_MATCH))
                    .toResponse();
        }
        return Response.ok(lists.page(query, params)).build();
    }

    @GET
    @Path("/popular")
    @Operation(summary = "List the most viewed published articles of the last N days",
            description = "Ranks by the views of the last `days` calendar days (Asia/Shanghai by default), today "
                    + "included, as flushed to the database (at most one flush interval behind); ties go to the lower id.")
    public Page<PopularArticle> listPopularArticles(
            @RestQuery @DefaultValue("7") @Min(1) @Max(90) @Parameter(description = "Window in days, 1 to 90") int days,
            @RestQuery @DefaultValue("0") @Min(0) @Parameter(description = "Zero-based page number") int page,
            @RestQuery @DefaultValue("20") @Min(1) @Max(PageParams.MAX_SIZE) @Parameter(description = "Page size, 1 to 100")
            int size) {
        return lists.popular(days, new PageParams(page, size, null));
    }

    @GET
    @Path("/{id}/related")
    @Operation(summary = "List the articles related to a published article (相关推荐)",
            description = "Scores Chinese text similarity (title above body), shared diseases, department, tags and "
                    + "reviewer, with a mild popularity and freshness prior. Never the article itself, never a draft, never "
                    + "two nearly identical titles; ties go to the lower id; a short list is filled with popular articles.")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RelatedArticles.class)))
    public Uni<Response> listRelatedArticles(@RestPath long id,
            @RestQuery @DefaultValue("10") @Min(1) @Max(50) @Parameter(description = "How many, 1 to 50") int limit,
            @Context HttpHeaders headers) {
        // The route's answer, whatever the spelling that brought the request here (01, +1, a token): a related list
        // holds only public articles, so everyone gets the same body, ETag and Last-Modified.
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (related.cachedRelatedAnswer(id, limit, ifNoneMatch) instanceof Lookup.Hit<Answer> hit) {
            return Uni.createFrom().item(hit.value().toResponse());
        }
        return Uni.createFrom().item(() -> related.relatedAnswer(id, limit, ifNoneMatch).toResponse())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Path("/{id}/views")
    @Operation(summary = "Record one view of a published article",
            description = "Counts one reader's view and answers the count including it. Views from known crawlers "
                    + "(by User-Agent) are answered but not counted. Counts are written behind, at most one flush "
                    + "interval later; reads of viewCount include this instance's pending views.")
    @APIResponse(responseCode = "200", description = "The view was recorded (or, for a crawler, not counted)")
    @APIResponse(responseCode = "503", description = "Views cannot be counted right now; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ArticleViews> recordArticleView(@RestPath long id, @RestHeader("User-Agent") String userAgent) {
        return views.record(id, userAgent);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a published article by id",
            description = "With a token of scope content:read-drafts, drafts and scheduled articles too. The ETag "
                    + "changes when the article or what it shows of others changes, not with viewCount; send it as "
                    + "If-None-Match for a 304, or as If-Match on a later change. The view count of a revalidated copy "
                    + "may be behind; the answer of POST .../views carries the live one.")
    @APIResponse(responseCode = "200", description = "The article",
            headers = { @Header(name = "ETag", ref = "ETag"), @Header(name = "Last-Modified", ref = "Last-Modified") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleDetail.class)))
    public Uni<Response> getArticle(@RestPath long id, @Context HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return Uni.createFrom().item(() -> articles.get(id, caller.mayReadDrafts()).ok().toResponse())
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return publicDetail(id, "id " + id, headers);
    }

    /** A read without a token of the whole items: what the route answers, and the resource must answer alike. */
    private static boolean sameForEveryone(RoutingContext request, String fields) {
        return request.request().getHeader(HttpHeaders.AUTHORIZATION) == null && fields == null;
    }

    /**
     * A public article's answer, by the id it was asked by or that its slug names; a 404 names what was asked
     * ({@code asked}), never an id the caller did not send.
     */
    private Uni<Response> publicDetail(long id, String asked, HttpHeaders headers) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        Lookup<Answer> cached = details.cachedDetail(id, ifNoneMatch, ifModifiedSince);
        if (cached instanceof Lookup.Hit<Answer> hit) {
            return Uni.createFrom().item(hit.value().toResponse());
        }
        if (cached instanceof Lookup.Absent) {
            return Uni.createFrom().failure(new ResourceNotFoundException("article", asked));
        }
        return Uni.createFrom().item(() -> details.detailAfterMiss(id, asked, ifNoneMatch, ifModifiedSince).toResponse())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a published article by slug",
            description = "With a token of scope content:read-drafts, drafts and scheduled articles too.")
    @APIResponse(responseCode = "200", description = "The article",
            headers = { @Header(name = "ETag", ref = "ETag"), @Header(name = "Last-Modified", ref = "Last-Modified") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleDetail.class)))
    public Uni<Response> getArticleBySlug(@RestPath String slug, @Context HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return Uni.createFrom().item(() -> articles.getBySlug(slug, caller.mayReadDrafts()).ok().toResponse())
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        if (details.cachedSlug(slug) instanceof Lookup.Hit<Long> id) {
            return publicDetail(id.value(), "slug " + slug, headers);
        }
        return Uni.createFrom().item(() -> details.detailBySlug(slug, headers.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE)).toResponse())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Create an article", description = "A draft unless status says published; a publishedAt "
            + "ahead schedules it. The slug is derived from the title (pinyin) when absent.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleDetail.class)))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<ArticleDetail> createArticle(@NotNull ArticleInput article) {
        Tagged<ArticleDetail> created = editor.create(article, caller.name());
        // Always the whole article: everything in it came from the caller's own request, or is public.
        return created.created("/articles/" + created.body().id());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Replace an article", description = "Every field is replaced; an absent one becomes empty, "
            + "except the slug, which stays.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "204", description = NOT_SHOWN, headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<ArticleDetail> replaceArticle(@RestPath long id, @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch,
            @NotNull ArticleInput article) {
        return answer(editor.replace(id, article, IfMatch.parse(ifMatch), caller.name()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Change some fields of an article (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes, absent ones stay.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = ArticleInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "204", description = NOT_SHOWN, headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<ArticleDetail> patchArticle(@RestPath long id, @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch, @NotNull JsonNode patch) {
        return answer(editor.patch(id, patch, IfMatch.parse(ifMatch), caller.name()));
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Delete an article", description = "Its view history goes with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteArticle(@RestPath long id, @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        editor.delete(id, IfMatch.parse(ifMatch));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Publish an article", description = "Public now, or at its publishedAt when that lies "
            + "ahead. If-Match is honoured when sent. Publishing a published article changes nothing.")
    @APIResponse(responseCode = "200", description = "Published", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "204", description = NOT_SHOWN, headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<ArticleDetail> publishArticle(@RestPath long id, @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        return answer(editor.publish(id, IfMatch.parse(ifMatch), caller.name()));
    }

    @POST
    @Path("/{id}/unpublish")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Unpublish an article", description = "It becomes a draft again, gone from lists, search and "
            + "related lists at once. If-Match is honoured when sent.")
    @APIResponse(responseCode = "200", description = "Unpublished", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "204", description = NOT_SHOWN, headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<ArticleDetail> unpublishArticle(@RestPath long id, @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        return answer(editor.unpublish(id, IfMatch.parse(ifMatch), caller.name()));
    }

    /**
     * The answer of a write: the article as it is now when the caller may read it (it is public, or the token may
     * read drafts), else 204 with its ETag and nothing more. A token that may only write learns nothing of a
     * draft's text from an empty patch or an unpublish.
     */
    private RestResponse<ArticleDetail> answer(Tagged<ArticleDetail> written) {
        ArticleDetail a = written.body();
        boolean mayRead = Article.isPublic(a.status(), a.publishedAt(), java.time.Instant.now()) || caller.mayReadDrafts();
        return mayRead ? written.ok() : written.withoutBody();
    }
}
