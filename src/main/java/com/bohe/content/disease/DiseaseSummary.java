package com.bohe.content.disease;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.bohe.content.department.DepartmentRef;

@Schema(name = "DiseaseSummary")
public record DiseaseSummary(
        @Schema(required = true, examples = "1") long id,
        @Schema(required = true, examples = "mian-tan") String slug,
        @Schema(required = true, examples = "面瘫") String name,
        @Schema(required = true, examples = "[\"面神经麻痹\", \"口眼歪斜\"]") List<String> aliases,
        @Schema(nullable = true) DepartmentRef department,
        @Schema(nullable = true) String summary) {

    public static DiseaseSummary from(Disease d) {
        return new DiseaseSummary(d.id, d.slug, d.name, List.copyOf(d.aliases), DepartmentRef.from(d.department), d.summary);
    }
}
