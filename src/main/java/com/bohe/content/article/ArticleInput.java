package com.bohe.content.article;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.editing.Editor;
import com.bohe.content.editing.SlugRule;

/**
 * An article as editors send it (POST and PUT) and as PATCH merges into. References are ids or slugs.
 * PUT replaces every field: an absent one becomes empty, except the slug, which stays.
 */
@Schema(name = "ArticleInput")
public record ArticleInput(
        @Size(max = 200) @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
        @Schema(nullable = true, maxLength = 200, pattern = SLUG, description = "Derived from the title (pinyin) when absent",
                examples = "mian-tan-zen-me-zhi-liao") String slug,
        @NotBlank @Size(max = 200) @Schema(required = true, maxLength = 200, examples = "面瘫怎么治疗") String title,
        @Size(max = 500) @Schema(nullable = true, maxLength = 500, description = "Derived from the body when absent")
        String summary,
        @NotBlank @Size(max = 100_000) @Schema(required = true, maxLength = 100_000, description = "Markdown",
                examples = "面瘫的治疗以药物为主,配合理疗和面部功能锻炼。") String body,
        @Pattern(regexp = "draft|published", message = "must be draft or published")
        @Schema(nullable = true, enumeration = { "draft", "published" }, defaultValue = "draft") String status,
        @Schema(nullable = true, description = "When it becomes public; a future time schedules it. Now when a "
                + "published article has none.") Instant publishedAt,
        @Schema(nullable = true, description = "Department id or slug", examples = "shen-jing-nei-ke") String department,
        @Size(max = 20) @Schema(nullable = true, description = "Disease ids or slugs", examples = "[\"mian-tan\"]")
        List<@NotNull String> diseases,
        @Schema(nullable = true, description = "Id or slug of the reviewing doctor") String reviewer,
        @Size(max = 20) @Schema(nullable = true, examples = "[\"面瘫\"]") List<@NotBlank @Size(max = 50) String> tags,
        @Schema(nullable = true, description = "The id of the cover picture (upload it with POST /files)", examples = "12")
        Long cover)
        implements Editor.Input {

    static final String SLUG = SlugRule.PATTERN;
    static final String SLUG_MESSAGE = SlugRule.MESSAGE;
}
