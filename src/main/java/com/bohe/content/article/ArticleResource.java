package com.bohe.content.article;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;
import com.bohe.content.api.Problem;

@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "科普文章: published popular-science articles")
public class ArticleResource {

    @Inject
    ArticleService articles;
    @Inject
    ArticleViewService views;

    @GET
    @Operation(summary = "List published articles",
            description = "Sort fields: publishedAt, updatedAt, viewCount, title, id. Default: -publishedAt.")
    public Page<ArticleSummary> listArticles(
            @RestQuery @Size(max = 100) @Parameter(description = "Full-text search in titles and bodies (Chinese-aware); "
                    + "results rank by relevance unless a sort is given, and carry a highlight") String q,
            @RestQuery @Parameter(description = "Disease id or slug") String disease,
            @RestQuery @Parameter(description = "Department id or slug; includes its sub-departments") String department,
            @RestQuery @Parameter(description = "Id or slug of the reviewing doctor") String reviewer,
            @RestQuery @Size(max = 50) @Parameter(description = "A tag, e.g. 面瘫") String tag,
            @Valid @BeanParam PageParams params) {
        return articles.list(new ArticleQuery(q, disease, department, reviewer, tag), params);
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
        return articles.popular(days, new PageParams(page, size, null));
    }

    @GET
    @Path("/{id}/related")
    @Operation(summary = "List the articles related to a published article (相关推荐)",
            description = "Scores Chinese text similarity (title above body), shared diseases, department, tags and "
                    + "reviewer, with a mild popularity and freshness prior. Never the article itself, never a draft, never "
                    + "two nearly identical titles; ties go to the lower id; a short list is filled with popular articles.")
    public RelatedArticles listRelatedArticles(@RestPath long id,
            @RestQuery @DefaultValue("10") @Min(1) @Max(50) @Parameter(description = "How many, 1 to 50") int limit) {
        return articles.related(id, limit);
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
    @Operation(summary = "Get a published article by id")
    public ArticleDetail getArticle(@RestPath long id) {
        return articles.get(id);
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a published article by slug")
    public ArticleDetail getArticleBySlug(@RestPath String slug) {
        return articles.getBySlug(slug);
    }
}
