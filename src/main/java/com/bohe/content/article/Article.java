package com.bohe.content.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.bohe.content.editing.ContentEntity;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.doctor.Doctor;

@Entity
public class Article extends ContentEntity {

    /** Public means published, and not scheduled for later. Binds :published to {@link ArticleStatus#published}. */
    public static final String PUBLIC = publicCondition("");

    /** @param prefix an alias and a dot, e.g. "a.", or nothing in Panache's alias-free queries */
    public static String publicCondition(String prefix) {
        return prefix + "status = :published and " + prefix + "publishedAt <= current_timestamp";
    }


    public String title;

    /** The editor's summary; null when the summary is derived from the body. */
    public String summary;

    @Column(name = "auto_summary")
    public String autoSummary;

    /** Markdown. */
    public String body;

    @Enumerated(EnumType.STRING)
    public ArticleStatus status = ArticleStatus.draft;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Public now: the one rule of visibility, as {@link #PUBLIC} says it in queries. */
    @Override
    public boolean published() {
        return isPublic(status, publishedAt, Instant.now());
    }

    /** Published and due: what readers without the scope content:read-drafts may see, by any path. */
    public static boolean isPublic(ArticleStatus status, Instant publishedAt, Instant now) {
        return status == ArticleStatus.published && publishedAt != null && !publishedAt.isAfter(now);
    }


    /**
     * Written at insert (an import may carry the old site's count) and from then on only by the view counter's
     * flush, in SQL: an edit of the article must never write back the count it loaded.
     */
    @Column(name = "view_count", updatable = false)
    public long viewCount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    public Department department;

    @ManyToMany
    @JoinTable(name = "article_disease",
            joinColumns = @JoinColumn(name = "article_id"),
            inverseJoinColumns = @JoinColumn(name = "disease_id"))
    @OrderBy("id")
    public List<Disease> diseases = new ArrayList<>();

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "reviewer_id")
    public Doctor reviewer;

    /** The picture of its card and detail. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "cover_id")
    public com.bohe.content.files.StoredFile cover;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    public String displaySummary() {
        return summary != null && !summary.isBlank() ? summary : autoSummary;
    }

    /**
     * Published with a publishedAt ahead, as of its last write: its article.published webhook event is owed when
     * it becomes due (the webhook dispatcher clears this as it writes the event).
     */
    @Column(name = "announce_due")
    public boolean announceDue;

    /** What every write derives: the summary, and whether an article.published is owed when it becomes due. */
    @PrePersist
    @PreUpdate
    void derive() {
        autoSummary = Summaries.derive(body);
        announceDue = status == ArticleStatus.published && publishedAt != null && publishedAt.isAfter(Instant.now());
    }
}
