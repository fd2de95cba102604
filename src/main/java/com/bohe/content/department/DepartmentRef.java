package com.bohe.content.department;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A compact department reference, embedded wherever a department is named. */
@Schema(name = "DepartmentRef")
public record DepartmentRef(
        @Schema(required = true, examples = "3") long id,
        @Schema(required = true, examples = "shen-jing-nei-ke") String slug,
        @Schema(required = true, examples = "神经内科") String name) {

    /** @return null for a missing department, so that optional references stay null on the wire */
    public static DepartmentRef from(Department department) {
        return department == null ? null : new DepartmentRef(department.id, department.slug, department.name);
    }
}
