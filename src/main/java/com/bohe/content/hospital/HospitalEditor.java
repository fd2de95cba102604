package com.bohe.content.hospital;

import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.editing.References;
import com.bohe.content.department.Department;

@ApplicationScoped
public class HospitalEditor extends Editor<Hospital, HospitalInput, HospitalDetail> {

    public HospitalEditor() {
        super(ContentKind.HOSPITAL, Hospital.class, HospitalInput.class, Hospital::new, HospitalInput::name);
    }

    @Override
    protected HospitalInput inputOf(Hospital h) {
        return new HospitalInput(h.slug, h.name, h.level, h.category, h.province, h.city, h.address, h.phone,
                h.departments.stream().map(d -> d.slug).toList(), h.intro, h.photo == null ? null : h.photo.id);
    }

    @Override
    protected Consumer<Hospital> prepare(HospitalInput input, Hospital hospital, References refs) {
        List<Department> departments = refs.many(Department.class, "departments", input.departments());
        com.bohe.content.files.StoredFile photo = refs.file("photo", input.photo());
        return h -> {
            h.name = input.name().strip();
            h.level = input.level();
            h.category = input.category();
            h.province = input.province().strip();
            h.city = input.city().strip();
            h.address = input.address();
            h.phone = input.phone();
            h.departments = new java.util.ArrayList<>(departments);
            h.intro = input.intro();
            h.photo = photo;
        };
    }

    @Override
    protected HospitalDetail detail(Hospital hospital) {
        return HospitalDetail.from(hospital);
    }

    @Override
    protected List<Problem.Reference> referencesTo(Hospital h) {
        return present(referencing("doctor", "SELECT id FROM doctor WHERE hospital_id = ?1", h.id));
    }
}
