package com.bohe.content.article;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.files.FileRef;

import com.bohe.content.department.DepartmentRef;
import com.bohe.content.disease.DiseaseRef;
import com.bohe.content.doctor.DoctorRef;

/** A whole article with compact references, so that an article screen costs one request. */
@Schema(name = "ArticleDetail")
public record ArticleDetail(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma") String slug,
        @Schema(required = true, examples = "面瘫与面肌痉挛有什么关系吗") String title,
        @Schema(required = true, description = "The editor's summary, or about the first 100 characters of the body") String summary,
        @Schema(required = true, description = "The body as Markdown source") String body,
        @Schema(required = true, description = "The body as render-ready blocks") List<Block> blocks,
        @Schema(required = true) ArticleStatus status,
        @Schema(required = true, nullable = true, description = "When it is or becomes public; null for a draft that "
                + "was never published") Instant publishedAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(required = true, examples = "2690") long viewCount,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(required = true) List<DiseaseRef> diseases,
        @Schema(nullable = true, description = "The doctor who reviewed the article") DoctorRef reviewer,
        @Schema(nullable = true, description = "The cover picture, with its size and a placeholder") FileRef cover,
        @Schema(required = true, examples = "[\"面瘫\", \"神经内科\"]") List<String> tags,
        @Schema(required = true, description = "The site-wide 温馨提示 shown under every article",
                examples = "医疗科普知识仅供参考,不作诊断依据;无行医资格切勿自行操作,若有不适请到医院就诊") String disclaimer) {

    /** The same article with another view count. */
    public ArticleDetail withViewCount(long count) {
        return new ArticleDetail(id, slug, title, summary, body, blocks, status, publishedAt, updatedAt, count, department,
                diseases, reviewer, cover, tags, disclaimer);
    }

    /** The body's blocks; an image of this API's files carries the file, with its size and placeholder. */
    static List<Block> blocks(String body) {
        List<Block> blocks = MarkdownBlocks.parse(body);
        java.util.Set<Long> ids = MarkdownBlocks.fileIds(blocks);
        if (ids.isEmpty()) {
            return blocks;
        }
        java.util.Map<Long, FileRef> files = FileRef.byIds(ids);
        return blocks.stream().map(block -> {
            Long id = MarkdownBlocks.fileId(block.url());
            FileRef file = id == null ? null : files.get(id);
            return file == null ? block : block.withFile(file);
        }).toList();
    }

    /** The article as stored: its view count is the stored one, which readers see merged with live views. */
    public static ArticleDetail from(Article a, String disclaimer) {
        return new ArticleDetail(a.id, a.slug, a.title, a.displaySummary(), a.body, blocks(a.body),
                a.status, a.publishedAt, a.updatedAt, a.viewCount, DepartmentRef.from(a.department),
                a.diseases.stream().map(DiseaseRef::from).toList(), DoctorRef.from(a.reviewer), FileRef.from(a.cover),
                List.copyOf(a.tags),
                disclaimer);
    }
}
