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

@Path("/doctors/{id}/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Doctors")
public class DoctorArticlesResource {

    @Inject
    ArticleService articles;

    @GET
    @Operation(summary = "Published articles reviewed by a doctor",
            description = "Sort fields: publishedAt, updatedAt, viewCount, title, id. Default: -publishedAt.")
    public Page<ArticleSummary> listDoctorArticles(@RestPath long id, @Valid @BeanParam PageParams params) {
        return articles.byReviewer(id, params);
    }
}
