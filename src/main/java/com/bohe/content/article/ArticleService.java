package com.bohe.content.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;

import com.bohe.content.api.caching.Tagged;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.article.read.ArticleDetails;
import com.bohe.content.article.read.ArticleLists;
import com.bohe.content.department.DepartmentService;
import com.bohe.content.disease.DiseaseService;
import com.bohe.content.doctor.DoctorService;

/**
 * Reads of articles that are not the public hot path ({@link com.bohe.content.article.read}): by id or slug with a
 * token (drafts and scheduled articles only with content:read-drafts), and the lists under a disease, a department
 * or a reviewer. Calls go one way: from here into the read path, never back.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ArticleService {

    @Inject
    ArticleConfig config;
    @Inject
    ArticleLists lists;
    @Inject
    ArticleDetails details;
    @Inject
    DiseaseService diseases;
    @Inject
    DepartmentService departments;
    @Inject
    DoctorService doctors;

    public Page<ArticleSummary> byDisease(long id, PageParams params) {
        diseases.require(id);
        return lists.page(ArticleQuery.disease(id), params);
    }

    public Page<ArticleSummary> byDepartment(long id, PageParams params) {
        departments.require(id);
        return lists.page(ArticleQuery.department(id), params);
    }

    public Page<ArticleSummary> byReviewer(long id, PageParams params) {
        doctors.require(id);
        return lists.page(ArticleQuery.reviewer(id), params);
    }

    /** @param drafts whether drafts and scheduled articles may be shown too */
    public Tagged<ArticleDetail> get(long id, boolean drafts) {
        var query = drafts ? Article.<Article>find("id", id)
                : Article.<Article>find("id = :id and " + Article.PUBLIC, publicParameters().and("id", id));
        return query.firstResultOptional()
                .map(a -> a.tagged(detail(a)))
                .orElseThrow(() -> new ResourceNotFoundException("article", "id " + id));
    }

    public Tagged<ArticleDetail> getBySlug(String slug, boolean drafts) {
        var query = drafts ? Article.<Article>find("slug", slug)
                : Article.<Article>find("slug = :slug and " + Article.PUBLIC, publicParameters().and("slug", slug));
        return query.firstResultOptional()
                .map(a -> a.tagged(detail(a)))
                .orElseThrow(() -> new ResourceNotFoundException("article", "slug " + slug));
    }

    private ArticleDetail detail(Article article) {
        return ArticleDetail.from(article, config.disclaimer()).withViewCount(details.viewCount(article.id, article.viewCount));
    }

    private static Parameters publicParameters() {
        return Parameters.with("published", ArticleStatus.published);
    }
}
