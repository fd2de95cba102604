package com.bohe.content.department;

import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.editing.References;

@ApplicationScoped
public class DepartmentEditor extends Editor<Department, DepartmentInput, DepartmentDetail> {

    public DepartmentEditor() {
        super(ContentKind.DEPARTMENT, Department.class, DepartmentInput.class, Department::new, DepartmentInput::name);
    }

    @Override
    protected DepartmentInput inputOf(Department d) {
        return new DepartmentInput(d.slug, d.name, d.parent == null ? null : d.parent.slug);
    }

    @Override
    protected Consumer<Department> prepare(DepartmentInput input, Department department, References refs) {
        Department parent = refs.one(Department.class, "parent", input.parent());
        for (Department up = parent; up != null && department.id != null; up = up.parent) {
            if (up.id.equals(department.id)) {
                refs.error("parent", "must not be the department itself or one of its sub-departments");
                break;
            }
        }
        return d -> {
            d.name = input.name().strip();
            d.parent = parent;
        };
    }

    @Override
    protected DepartmentDetail detail(Department department) {
        return DepartmentDetail.from(department);
    }

    @Override
    protected List<Problem.Reference> referencesTo(Department d) {
        return present(
                referencing("department", "SELECT id FROM department WHERE parent_id = ?1", d.id),
                referencing("article", "SELECT id FROM article WHERE department_id = ?1", d.id),
                referencing("disease", "SELECT id FROM disease WHERE department_id = ?1", d.id),
                referencing("doctor", "SELECT id FROM doctor WHERE department_id = ?1", d.id),
                referencing("hospital", "SELECT hospital_id FROM hospital_department WHERE department_id = ?1", d.id));
    }
}
