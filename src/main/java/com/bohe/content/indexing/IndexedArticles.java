package com.bohe.content.indexing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.editing.ContentKind;
import com.bohe.content.embedding.EmbeddingText;
import com.bohe.content.embedding.Embeddings;
import com.bohe.content.search.IndexedArticle;

/**
 * Articles as a search index holds them, read from the database with their stored vectors: what the in-process
 * index and an external one (OpenSearch) are fed from, so that both index the same thing.
 */
@ApplicationScoped
public class IndexedArticles {

    @Inject
    Embeddings embeddings;

    /** The published ones of these articles, with their stored vectors where those are current. */
    public List<IndexedArticle> published(Collection<Long> ids) {
        return QuarkusTransaction.requiringNew().call(() -> withVectors(Article.<Article>list(
                "id in ?1 and status = ?2", ids, ArticleStatus.published)));
    }

    /** A page of the published articles after {@code afterId}, in id order. */
    public List<IndexedArticle> publishedAfter(long afterId, int size) {
        return QuarkusTransaction.requiringNew().call(() -> withVectors(Article.<Article>find(
                "status = ?1 and id > ?2 order by id", ArticleStatus.published, afterId).range(0, size - 1).list()));
    }

    /**
     * The articles whose indexed form names one of these entities (their department or its parent, a disease, the
     * reviewer): they are indexed again when it changes. At most 10,000 at a time.
     */
    public static List<Long> referring(ContentKind entity, Collection<Long> ids) {
        String sql = switch (entity) {
            case DISEASE -> "SELECT article_id FROM article_disease WHERE disease_id IN (:ids)";
            case DOCTOR -> "SELECT id FROM article WHERE reviewer_id IN (:ids)";
            case DEPARTMENT -> "SELECT a.id FROM article a LEFT JOIN department d ON d.id = a.department_id "
                    + "WHERE a.department_id IN (:ids) OR d.parent_id IN (:ids)";
            default -> null;
        };
        if (sql == null || ids.isEmpty()) {
            return List.of();
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager(Article.class)
                .createNativeQuery(sql + " LIMIT 10000").setParameter("ids", ids).getResultList());
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** The articles as the index holds them, with their stored vectors where those are current. */
    List<IndexedArticle> withVectors(List<Article> articles) {
        Map<Long, String> texts = new HashMap<>();
        articles.forEach(a -> texts.put(a.id, EmbeddingText.of(a.title, a.summary, a.body)));
        return embeddings.attach(articles.stream().map(IndexedArticles::indexed).toList(), texts);
    }

    static IndexedArticle indexed(Article a) {
        var department = a.department;
        var parent = department == null ? null : department.parent;
        List<IndexedArticle.Ref> diseases = new ArrayList<>();
        a.diseases.forEach(d -> diseases.add(new IndexedArticle.Ref(d.id, d.slug, d.name)));
        IndexedArticle.Ref reviewer = a.reviewer == null ? null : new IndexedArticle.Ref(a.reviewer.id, a.reviewer.slug, a.reviewer.name);
        return new IndexedArticle(a.id, a.slug, a.title, a.body, a.publishedAt == null ? Instant.EPOCH : a.publishedAt,
                a.viewCount, department == null ? null : department.id, department == null ? null : department.slug,
                parent == null ? null : parent.id, parent == null ? null : parent.slug,
                department == null ? null : department.name, diseases, reviewer, List.copyOf(a.tags));
    }
}
