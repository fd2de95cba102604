package com.bohe.content.hospital;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.editing.Editor;
import com.bohe.content.editing.SlugRule;

@Schema(name = "HospitalInput")
public record HospitalInput(
        @Size(max = 120) @Pattern(regexp = SlugRule.PATTERN, message = SlugRule.MESSAGE)
        @Schema(nullable = true, maxLength = 120, pattern = SlugRule.PATTERN, description = "Derived from the name when absent",
                examples = "beijing-tiantan-yiyuan") String slug,
        @NotBlank @Size(max = 200) @Schema(required = true, maxLength = 200, examples = "首都医科大学附属北京天坛医院") String name,
        @Size(max = 20) @Schema(nullable = true, maxLength = 20, examples = "三级甲等") String level,
        @NotNull @Pattern(regexp = "综合|专科", message = "must be 综合 or 专科")
        @Schema(required = true, enumeration = { "综合", "专科" }, description = "综合 (general) or 专科 (specialist)")
        String category,
        @NotBlank @Size(max = 50) @Schema(required = true, maxLength = 50, examples = "北京") String province,
        @NotBlank @Size(max = 50) @Schema(required = true, maxLength = 50, examples = "北京") String city,
        @Size(max = 300) @Schema(nullable = true, maxLength = 300) String address,
        @Size(max = 50) @Schema(nullable = true, maxLength = 50) String phone,
        @Size(max = 100) @Schema(nullable = true, description = "Department ids or slugs") List<@NotNull String> departments,
        @Size(max = 20_000) @Schema(nullable = true, maxLength = 20_000) String intro,
        @Schema(nullable = true, description = "The id of the hospital's photo (upload it with POST /files)", examples = "12")
        Long photo)
        implements Editor.Input {
}
