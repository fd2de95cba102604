package com.bohe.content.article;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;

@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "科普文章: published popular-science articles")
public class ArticleResource {

    @Inject
    ArticleService articles;

    @GET
    @Operation(summary = "List published articles",
            description = "Sort fields: publishedAt, updatedAt, viewCount, title, id. Default: -publishedAt.")
    public Page<ArticleSummary> listArticles(
            @RestQuery @Size(max = 100) @Parameter(description = "Substring of the title") String q,
            @RestQuery @Parameter(description = "Disease id or slug") String disease,
            @RestQuery @Parameter(description = "Department id or slug; includes its sub-departments") String department,
            @RestQuery @Parameter(description = "Id or slug of the reviewing doctor") String reviewer,
            @RestQuery @Size(max = 50) @Parameter(description = "A tag, e.g. 面瘫") String tag,
            @Valid @BeanParam PageParams params) {
        return articles.list(new ArticleQuery(q, disease, department, reviewer, tag), params);
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
