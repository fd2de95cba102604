package com.bohe.content.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

import com.bohe.content.department.DepartmentRef;
import com.bohe.content.disease.DiseaseRef;

/** An article in a list: everything a list screen shows, and no body. */
@Schema(name = "ArticleSummary")
public record ArticleSummary(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma") String slug,
        @Schema(required = true, examples = "面瘫与面肌痉挛有什么关系吗") String title,
        @Schema(required = true, description = "The editor's summary, or about the first 100 characters of the body") String summary,
        @Schema(required = true, examples = "2690") long viewCount,
        @Schema(required = true, nullable = true, description = "When it is or becomes public; null for a draft that "
                + "was never published (status=draft lists)") Instant publishedAt,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(required = true) List<DiseaseRef> diseases,
        @Schema(nullable = true, description = "The cover picture, with its size and a placeholder") FileRef cover,
        @Schema(description = "With q only: a snippet of the article with the matched terms in <em>, HTML-escaped",
                examples = "...常见症状包括单侧额纹消失、眼睑闭合不全及口角歪斜。<em>贝尔</em><em>面瘫</em>作为典型类型...")
        @JsonInclude(JsonInclude.Include.NON_NULL) String highlight) {

    /** The item as stored: its view count is the stored one, which readers see merged with live views. */
    public static ArticleSummary from(Article a) {
        return new ArticleSummary(a.id, a.slug, a.title, a.displaySummary(), a.viewCount, a.publishedAt,
                DepartmentRef.from(a.department), a.diseases.stream().map(DiseaseRef::from).toList(), FileRef.from(a.cover),
                null);
    }

    public ArticleSummary withViewCount(long count) {
        return new ArticleSummary(id, slug, title, summary, count, publishedAt, department, diseases, cover, highlight);
    }

    public ArticleSummary withHighlight(String snippet) {
        return new ArticleSummary(id, slug, title, summary, viewCount, publishedAt, department, diseases, cover, snippet);
    }
}
