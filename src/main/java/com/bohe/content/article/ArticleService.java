package com.bohe.content.article;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import com.bohe.content.views.ArticleViewDay;
import com.bohe.content.views.ViewCounter;
import com.bohe.content.views.ViewsConfig;

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
    ViewCounter views;
    @Inject
    ViewsConfig viewsConfig;
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
                params, this::summary);
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
                .map(this::detail)
                .orElseThrow(() -> new ResourceNotFoundException("article", "id " + id));
    }

    public ArticleDetail getBySlug(String slug) {
        return Article.<Article>find("slug = :slug and " + Article.PUBLIC, publicParameters().and("slug", slug))
                .firstResultOptional()
                .map(this::detail)
                .orElseThrow(() -> new ResourceNotFoundException("article", "slug " + slug));
    }

    /**
     * The most viewed public articles of the last {@code days} days, today included, by the views flushed to the
     * database; ties go to the lower id.
     */
    public Page<PopularArticle> popular(int days, PageParams params) {
        LocalDate since = LocalDate.now(ZoneId.of(viewsConfig.zone())).minusDays(days - 1L);
        String window = "from ArticleViewDay v where v.day >= :since and v.articleId in "
                + "(select p.id from Article p where " + Article.publicCondition("p.") + ")";
        long total = ArticleViewDay.getEntityManager().createQuery("select count(distinct v.articleId) " + window, Long.class)
                .setParameter("since", since)
                .setParameter("published", ArticleStatus.published)
                .getSingleResult();
        if (params.offset() >= total) {
            return Page.of(List.of(), params, total);
        }
        List<Object[]> ranking = ArticleViewDay.getEntityManager()
                .createQuery("select v.articleId, sum(v.views) " + window
                        + " group by v.articleId order by sum(v.views) desc, v.articleId", Object[].class)
                .setParameter("since", since)
                .setParameter("published", ArticleStatus.published)
                .setFirstResult((int) params.offset())
                .setMaxResults(params.size)
                .getResultList();
        Map<Long, Article> articles = Article.<Article>list("id in ?1", ranking.stream().map(r -> (Long) r[0]).toList())
                .stream().collect(Collectors.toMap(a -> a.id, a -> a));
        List<PopularArticle> items = ranking.stream()
                .map(r -> new PopularArticle((Long) r[1], summary(articles.get((Long) r[0]))))
                .toList();
        return Page.of(items, params, total);
    }

    private ArticleSummary summary(Article article) {
        return ArticleSummary.from(article, views.pending(article.id));
    }

    private ArticleDetail detail(Article article) {
        return ArticleDetail.from(article, views.pending(article.id), config.disclaimer());
    }

    private static Parameters publicParameters() {
        return Parameters.with("published", ArticleStatus.published);
    }
}
