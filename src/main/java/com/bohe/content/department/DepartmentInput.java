package com.bohe.content.department;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.editing.Editor;
import com.bohe.content.editing.SlugRule;

@Schema(name = "DepartmentInput")
public record DepartmentInput(
        @Size(max = 120) @Pattern(regexp = SlugRule.PATTERN, message = SlugRule.MESSAGE)
        @Schema(nullable = true, maxLength = 120, pattern = SlugRule.PATTERN, description = "Derived from the name when absent",
                examples = "shen-jing-nei-ke") String slug,
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "神经内科") String name,
        @Schema(nullable = true, description = "Id or slug of the parent department; none for a top-level one",
                examples = "nei-ke") String parent)
        implements Editor.Input {
}
