package com.bohe.content.article;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;

@Path("/departments/{id}/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments")
public class DepartmentArticlesResource {

    @Inject
    ArticleService articles;

    @GET
    @Operation(summary = "Published articles of a department and its sub-departments",
            description = "Sort fields: publishedAt, updatedAt, viewCount, title, id. Default: -publishedAt.")
    public Page<ArticleSummary> listDepartmentArticles(@RestPath long id, @Valid @BeanParam PageParams params) {
        return articles.byDepartment(id, params);
    }
}
