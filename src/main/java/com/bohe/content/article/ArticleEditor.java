package com.bohe.content.article;

import com.bohe.content.files.StoredFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.caching.Tagged;
import com.bohe.content.article.read.ArticleDetails;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.editing.ExpectedVersion;
import com.bohe.content.editing.References;

/** Writes articles; new ones are drafts unless they say otherwise. */
@ApplicationScoped
public class ArticleEditor extends Editor<Article, ArticleInput, ArticleDetail> {

    public ArticleEditor() {
        super(ContentKind.ARTICLE, Article.class, ArticleInput.class, Article::new, ArticleInput::title);
    }

    @Inject
    ArticleConfig config;
    @Inject
    ArticleDetails reads;

    @Override
    protected int maxSlugLength() {
        return 200;
    }

    @Override
    protected ArticleInput inputOf(Article a) {
        return new ArticleInput(a.slug, a.title, a.summary, a.body, a.status.name(), a.publishedAt,
                a.department == null ? null : a.department.slug, a.diseases.stream().map(d -> d.slug).toList(),
                a.reviewer == null ? null : a.reviewer.slug, List.copyOf(a.tags), a.cover == null ? null : a.cover.id);
    }

    @Override
    protected Consumer<Article> prepare(ArticleInput input, Article article, References refs) {
        Department department = refs.one(Department.class, "department", input.department());
        List<Disease> diseases = refs.many(Disease.class, "diseases", input.diseases());
        Doctor reviewer = refs.one(Doctor.class, "reviewer", input.reviewer());
        StoredFile cover = refs.file("cover", input.cover());
        return a -> {
            a.title = input.title().strip();
            a.summary = input.summary() == null || input.summary().isBlank() ? null : input.summary();
            a.body = input.body();
            a.status = input.status() == null ? ArticleStatus.draft : ArticleStatus.valueOf(input.status());
            a.publishedAt = input.publishedAt() == null && a.status == ArticleStatus.published ? Instant.now()
                    : input.publishedAt();
            a.department = department;
            a.diseases = new ArrayList<>(diseases);
            a.reviewer = reviewer;
            a.cover = cover;
            a.tags = input.tags() == null ? new ArrayList<>() : new ArrayList<>(input.tags().stream().map(String::strip).distinct().toList());
        };
    }

    @Override
    protected ArticleDetail detail(Article article) {
        return ArticleDetail.from(article, config.disclaimer()).withViewCount(reads.viewCount(article.id, article.viewCount));
    }

    @Override
    protected List<Problem.Reference> referencesTo(Article article) {
        return List.of();
    }

    /** An import may carry the old site's view count; it seeds a new article and never overwrites a live count. */
    @Override
    protected JsonNode takeImportExtras(ObjectNode fields) {
        return fields.remove("viewCount");
    }

    @Override
    protected void importExtras(JsonNode viewCount, Article article) {
        if (viewCount != null && viewCount.canConvertToLong() && viewCount.asLong() >= 0) {
            article.viewCount = viewCount.asLong();
        }
    }

    /** Publishes now, or at the publishedAt already set (which may lie ahead: then it is scheduled). */
    @Transactional
    public Tagged<ArticleDetail> publish(long id, ExpectedVersion expected, String by) {
        return setStatus(id, expected, by, ArticleStatus.published);
    }

    @Transactional
    public Tagged<ArticleDetail> unpublish(long id, ExpectedVersion expected, String by) {
        return setStatus(id, expected, by, ArticleStatus.draft);
    }

    private Tagged<ArticleDetail> setStatus(long id, ExpectedVersion expected, String by, ArticleStatus status) {
        Article article = Article.findById(id);
        if (article == null) {
            throw new ResourceNotFoundException("article", "id " + id);
        }
        if (expected.named()) {
            preconditions().check(expected, article);
        }
        if (article.status != status) {
            boolean wasPublic = article.published();
            article.status = status;
            if (status == ArticleStatus.published && article.publishedAt == null) {
                article.publishedAt = Instant.now();
            }
            article.updatedBy = by;
            Article.getEntityManager().flush();
            written(article, wasPublic);
        }
        return article.tagged(detail(article));
    }
}
