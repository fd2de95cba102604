package com.bohe.content.doctor;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.editing.Editor;
import com.bohe.content.editing.SlugRule;

@Schema(name = "DoctorInput")
public record DoctorInput(
        @Size(max = 120) @Pattern(regexp = SlugRule.PATTERN, message = SlugRule.MESSAGE)
        @Schema(nullable = true, maxLength = 120, pattern = SlugRule.PATTERN, description = "Derived from the name when absent",
                examples = "wang-jian-guo") String slug,
        @NotBlank @Size(max = 50) @Schema(required = true, maxLength = 50, examples = "王建国") String name,
        @NotNull @Pattern(regexp = "主任医师|副主任医师|主治医师|医师", message = "must be 主任医师, 副主任医师, 主治医师 or 医师")
        @Schema(required = true, enumeration = { "主任医师", "副主任医师", "主治医师", "医师" }) String title,
        @Schema(nullable = true, description = "Department id or slug") String department,
        @Schema(nullable = true, description = "Hospital id or slug") String hospital,
        @Size(max = 50) @Schema(nullable = true, description = "Ids or slugs of the diseases the doctor specialises in")
        List<@NotNull String> specialties,
        @Size(max = 20_000) @Schema(nullable = true, maxLength = 20_000) String bio,
        @Schema(nullable = true, description = "The id of the doctor's photo (upload it with POST /files)", examples = "12")
        Long photo)
        implements Editor.Input {
}
