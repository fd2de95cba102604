package com.bohe.content.department;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department with its parent and its direct sub-departments. */
@Schema(name = "DepartmentDetail")
public record DepartmentDetail(
        @Schema(required = true, examples = "3") long id,
        @Schema(required = true, examples = "shen-jing-nei-ke") String slug,
        @Schema(required = true, examples = "神经内科") String name,
        @Schema(nullable = true, description = "The parent department; null for a top-level one") DepartmentRef parent,
        @Schema(required = true, description = "Direct sub-departments") List<DepartmentRef> children) {

    public static DepartmentDetail from(Department department) {
        List<DepartmentRef> children = Department.childrenOf(department.id).stream().map(DepartmentRef::from).toList();
        return new DepartmentDetail(department.id, department.slug, department.name,
                DepartmentRef.from(department.parent), children);
    }
}
