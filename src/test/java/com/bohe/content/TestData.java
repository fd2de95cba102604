package com.bohe.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bohe.content.article.Article;
import com.bohe.content.article.ArticleStatus;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;

/**
 * Creates the rows a test needs. Each call makes a department of its own, so what one test adds never shows up
 * in another test's filtered list.
 */
@ApplicationScoped
public class TestData {

    /** A JSON body of key-value pairs, in their order; values may be null. */
    public static java.util.Map<String, Object> map(Object... pairs) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }


    /** A reader's browser: its views count (crawlers' do not). */
    public static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

    @jakarta.inject.Inject
    com.bohe.content.indexing.ContentIndexer indexer;

    @Transactional
    public Department department(String name) {
        Department d = new Department();
        d.name = name;
        d.slug = "test-" + UUID.randomUUID();
        d.persist();
        return d;
    }

    /** A disease of the given department, with a unique slug. */
    @Transactional
    public Disease disease(String name, Department department) {
        Disease d = new Disease();
        d.name = name;
        d.slug = "test-" + UUID.randomUUID();
        d.department = Department.findById(department.id);
        d.persist();
        return d;
    }

    @Transactional
    public long diseaseCount() {
        return Disease.count();
    }

    /** Creates an article and tells the search index, as the write API will: after the commit. */
    public Article article(Department department, String title, ArticleStatus status, Instant publishedAt) {
        Article article = insertArticle(department, title, status, publishedAt, "测试正文。" + title);
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, article.id);
        awaitSearchable();
        return article;
    }

    public Article article(Department department, String title, String body) {
        Article article = insertArticle(department, title, ArticleStatus.published, Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS), body);
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, article.id);
        awaitSearchable();
        return article;
    }

    @jakarta.inject.Inject
    com.bohe.content.search.SearchConfig searchConfig;
    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<com.bohe.content.opensearch.OpenSearchFeed> feed;

    /**
     * With the OpenSearch backend, waits until its feed has applied every change logged so far and this instance
     * has heard of it, as the in-process index has by the time the change hook returns.
     */
    public void awaitSearchable() {
        if (searchConfig.backend() != com.bohe.content.search.SearchConfig.Backend.opensearch) {
            return;
        }
        long logged = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) Article.getEntityManager()
                .createNativeQuery("SELECT coalesce(max(id), 0) FROM content_change").getSingleResult()).longValue());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (feed.get().announced() < logged) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("OpenSearch's feed did not reach change " + logged + " within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Transactional
    Article insertArticle(Department department, String title, ArticleStatus status, Instant publishedAt, String body) {
        Article a = new Article();
        a.title = title;
        a.slug = "test-" + UUID.randomUUID();
        a.body = body;
        a.status = status;
        a.publishedAt = publishedAt;
        a.department = Department.findById(department.id);
        a.tags = List.of("测试");
        a.persist();
        return a;
    }

    /**
     * Deletes the articles with this title that an earlier run of the same test left (the search tests run once per
     * backend, on one database), and tells the search index.
     */
    public void deleteArticlesTitled(String title) {
        List<Long> ids = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Article.<Article>list("title", title)
                .stream().map(a -> a.id).toList());
        for (long id : ids) {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Article.deleteById(id));
            indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, id);
        }
        awaitSearchable();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /**
     * Gives an article a vector of its own, stored as current for its text (so it is not embedded again): a random
     * direction in 512 dimensions, whose cosine with any article's is near 0, so that it shares no meaning with
     * anything; and tells the search index.
     */
    public void pinRandomVector(long articleId, long seed) {
        String text = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            Article a = Article.findById(articleId);
            return com.bohe.content.embedding.EmbeddingText.of(a.title, a.summary, a.body);
        });
        java.util.Random random = new java.util.Random(seed);
        float[] vector = new float[com.bohe.content.embedding.EmbeddingModel.DIMENSION];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        try {
            new com.bohe.content.embedding.EmbeddingStore(dataSource).save(List.of(new com.bohe.content.embedding.EmbeddingStore.Stored(
                    articleId, com.bohe.content.embedding.EmbeddingStore.hash(text), com.bohe.content.embedding.EmbeddingModel.NAME, vector)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, articleId);
        awaitSearchable();
    }

    /** Takes every tag off an article (the test data tags each 测试), and tells the search index. */
    public void untag(long articleId) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Article.<Article>findById(articleId).tags = List.of());
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, articleId);
        awaitSearchable();
    }

    /** Tells that an article is about a disease, as an edit would (the change log hears of it by its trigger). */
    @Transactional
    public void linkDisease(long articleId, long diseaseId) {
        Article.getEntityManager().createNativeQuery("INSERT INTO article_disease (article_id, disease_id) VALUES (?1, ?2)")
                .setParameter(1, articleId).setParameter(2, diseaseId).executeUpdate();
    }

    /** A published article of a department of its own, visible since an hour ago. */
    public Article publishedArticle(String title) {
        return article(department(title + "科"), title, ArticleStatus.published, Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS));
    }

    /** Inserts a published article the way another instance would: the change reaches this one by the log. */
    @Transactional
    public long insertBehindTheIndexesBack(Department department, String title, String body) {
        return insertArticle(department, title, ArticleStatus.published, Instant.now().minus(1, java.time.temporal.ChronoUnit.HOURS), body).id;
    }

    /** Puts an article in the search index, as its write would have. */
    public void indexNow(long id) {
        indexer.changed(com.bohe.content.editing.ContentKind.ARTICLE, id);
    }

    /** Changes a title the way another instance would: the change reaches this one by the log. */
    @Transactional
    public void retitleBehindTheIndexesBack(long id, String title) {
        Article a = Article.findById(id);
        a.title = title;
    }

    @Transactional
    public void deleteArticle(long id) {
        Article.deleteById(id);
    }

    @Transactional
    public String updatedBy(long articleId) {
        return Article.<Article>findById(articleId).updatedBy;
    }

    @Transactional
    public long storedViewCount(long articleId) {
        return Article.<Article>findById(articleId).viewCount;
    }

    @Transactional
    public long articleIdBySlug(String slug) {
        return Article.<Article>find("slug", slug).singleResult().id;
    }

    @Transactional
    public long articleIdByTitle(String title) {
        return Article.<Article>find("title", title).singleResult().id;
    }

    @Transactional
    public long publishedArticleCount() {
        return Article.count("status = ?1 and publishedAt <= ?2", ArticleStatus.published, Instant.now());
    }

    @Transactional
    public long diseaseId(String slug) {
        return Disease.<Disease>find("slug", slug).singleResult().id;
    }

    @Transactional
    public long departmentId(String slug) {
        return Department.<Department>find("slug", slug).singleResult().id;
    }
}
