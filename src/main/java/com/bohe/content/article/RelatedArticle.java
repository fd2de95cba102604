package com.bohe.content.article;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.department.DepartmentRef;
import com.bohe.content.disease.DiseaseRef;

/** An article of a 相关推荐 list: its summary, how related it is (0 to 1), and why. */
@Schema(name = "RelatedArticle")
public record RelatedArticle(
        @Schema(required = true, examples = "14") long id,
        @Schema(required = true) String slug,
        @Schema(required = true, examples = "面瘫能导致面肌痉挛吗") String title,
        @Schema(required = true) String summary,
        @Schema(required = true) long viewCount,
        @Schema(required = true) Instant publishedAt,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(required = true) List<DiseaseRef> diseases,
        @Schema(required = true, minimum = "0", maximum = "1", examples = "0.8123") double score,
        @Schema(required = true, examples = "[\"同病种: 面瘫、面肌痉挛\", \"标题相似\"]") List<String> reasons) {

    public RelatedArticle withViewCount(long count) {
        return new RelatedArticle(id, slug, title, summary, count, publishedAt, department, diseases, score, reasons);
    }

    public static RelatedArticle of(ArticleSummary s, double score, List<String> reasons) {
        return new RelatedArticle(s.id(), s.slug(), s.title(), s.summary(), s.viewCount(), s.publishedAt(), s.department(),
                s.diseases(), score, reasons);
    }
}
