package com.bohe.content.disease;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.editing.Editor;
import com.bohe.content.editing.SlugRule;

@Schema(name = "DiseaseInput")
public record DiseaseInput(
        @Size(max = 120) @Pattern(regexp = SlugRule.PATTERN, message = SlugRule.MESSAGE)
        @Schema(nullable = true, maxLength = 120, pattern = SlugRule.PATTERN, description = "Derived from the name when absent",
                examples = "mian-tan") String slug,
        @NotBlank @Size(max = 100) @Schema(required = true, maxLength = 100, examples = "面瘫") String name,
        @Size(max = 20) @Schema(nullable = true, examples = "[\"面神经麻痹\", \"歪嘴风\"]")
        List<@NotBlank @Size(max = 50) String> aliases,
        @Schema(nullable = true, description = "Department id or slug", examples = "shen-jing-nei-ke") String department,
        @Size(max = 2_000) @Schema(nullable = true, maxLength = 2_000) String summary,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "概述") String overview,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "症状") String symptoms,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "病因") String causes,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "诊断") String diagnosis,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "治疗") String treatment,
        @Size(max = TEXT) @Schema(nullable = true, maxLength = TEXT, description = "预防") String prevention)
        implements Editor.Input {

    static final int TEXT = 50_000;
}
