package com.bohe.content.article;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;

import com.bohe.content.api.Filter;
import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;
import com.bohe.content.api.Pages;
import com.bohe.content.api.Ref;
import com.bohe.content.api.ResourceNotFoundException;
import com.bohe.content.api.Sorting;
import com.bohe.content.department.Department;
import com.bohe.content.department.DepartmentService;
import com.bohe.content.disease.DiseaseService;
import com.bohe.content.doctor.DoctorService;

/** Public reads of articles: drafts and articles scheduled for later are never visible here. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ArticleService {

    static final Map<String, String> SORTS = Map.of("id", "id", "publishedAt", "publishedAt",
            "updatedAt", "updatedAt", "viewCount", "viewCount", "title", "title");
    static final String ABOUT_DISEASE = "id in (select a2.id from Article a2 join a2.diseases d where d.%1$s = %2$s)";

    @Inject
    ArticleConfig config;
    @Inject
    DiseaseService diseases;
    @Inject
    DepartmentService departments;
    @Inject
    DoctorService doctors;

    public Page<ArticleSummary> list(ArticleQuery query, PageParams params) {
        Filter filter = new Filter()
                .always(Article.PUBLIC, "published", ArticleStatus.published)
                .ref(ABOUT_DISEASE, "disease", Ref.parse("disease", query.disease()))
                .ref(Department.inSubtree("department"), "department", Ref.parse("department", query.department()))
                .ref("reviewer.%1$s = %2$s", "reviewer", Ref.parse("reviewer", query.reviewer()))
                .when("array_contains(tags, :tag)", "tag", query.tag())
                .contains("title", "q", query.q());
        return Pages.of(Article.find(filter.where(), Sorting.parse(params.sort, "-publishedAt", SORTS), filter.parameters()),
                params, ArticleSummary::from);
    }

    public Page<ArticleSummary> byDisease(long id, PageParams params) {
        diseases.require(id);
        return list(ArticleQuery.disease(id), params);
    }

    public Page<ArticleSummary> byDepartment(long id, PageParams params) {
        departments.require(id);
        return list(ArticleQuery.department(id), params);
    }

    public Page<ArticleSummary> byReviewer(long id, PageParams params) {
        doctors.require(id);
        return list(ArticleQuery.reviewer(id), params);
    }

    public ArticleDetail get(long id) {
        return Article.<Article>find("id = :id and " + Article.PUBLIC, publicParameters().and("id", id))
                .firstResultOptional()
                .map(a -> ArticleDetail.from(a, config.disclaimer()))
                .orElseThrow(() -> new ResourceNotFoundException("article", "id " + id));
    }

    public ArticleDetail getBySlug(String slug) {
        return Article.<Article>find("slug = :slug and " + Article.PUBLIC, publicParameters().and("slug", slug))
                .firstResultOptional()
                .map(a -> ArticleDetail.from(a, config.disclaimer()))
                .orElseThrow(() -> new ResourceNotFoundException("article", "slug " + slug));
    }

    private static Parameters publicParameters() {
        return Parameters.with("published", ArticleStatus.published);
    }
}
