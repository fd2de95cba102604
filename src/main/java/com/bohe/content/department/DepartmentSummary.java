package com.bohe.content.department;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department as it appears in lists. */
@Schema(name = "DepartmentSummary")
public record DepartmentSummary(
        @Schema(required = true, examples = "3") long id,
        @Schema(required = true, examples = "shen-jing-nei-ke") String slug,
        @Schema(required = true, examples = "神经内科") String name,
        @Schema(nullable = true, description = "The parent department; null for a top-level one") DepartmentRef parent) {

    public static DepartmentSummary from(Department department) {
        return new DepartmentSummary(department.id, department.slug, department.name, DepartmentRef.from(department.parent));
    }
}
