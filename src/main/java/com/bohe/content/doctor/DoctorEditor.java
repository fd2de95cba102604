package com.bohe.content.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.editing.References;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.hospital.Hospital;

@ApplicationScoped
public class DoctorEditor extends Editor<Doctor, DoctorInput, DoctorDetail> {

    public DoctorEditor() {
        super(ContentKind.DOCTOR, Doctor.class, DoctorInput.class, Doctor::new, DoctorInput::name);
    }

    @Override
    protected DoctorInput inputOf(Doctor d) {
        return new DoctorInput(d.slug, d.name, d.title, d.department == null ? null : d.department.slug,
                d.hospital == null ? null : d.hospital.slug, d.specialties.stream().map(s -> s.slug).toList(), d.bio,
                d.photo == null ? null : d.photo.id);
    }

    @Override
    protected Consumer<Doctor> prepare(DoctorInput input, Doctor doctor, References refs) {
        Department department = refs.one(Department.class, "department", input.department());
        Hospital hospital = refs.one(Hospital.class, "hospital", input.hospital());
        List<Disease> specialties = refs.many(Disease.class, "specialties", input.specialties());
        com.bohe.content.files.StoredFile photo = refs.file("photo", input.photo());
        return d -> {
            d.name = input.name().strip();
            d.title = input.title();
            d.department = department;
            d.hospital = hospital;
            d.specialties = new ArrayList<>(specialties);
            d.bio = input.bio();
            d.photo = photo;
        };
    }

    @Override
    protected DoctorDetail detail(Doctor doctor) {
        return DoctorDetail.from(doctor);
    }

    @Override
    protected List<Problem.Reference> referencesTo(Doctor d) {
        return present(referencing("article", "SELECT id FROM article WHERE reviewer_id = ?1", d.id));
    }
}
