package com.bohe.content.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.bohe.content.api.Editor;
import com.bohe.content.api.Problem;
import com.bohe.content.api.References;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.hospital.Hospital;

@ApplicationScoped
public class DoctorEditor extends Editor<Doctor, DoctorInput, DoctorDetail> {

    @Override
    protected String kind() {
        return "doctor";
    }

    @Override
    protected Class<Doctor> entityType() {
        return Doctor.class;
    }

    @Override
    protected Class<DoctorInput> inputType() {
        return DoctorInput.class;
    }

    @Override
    protected Doctor newEntity() {
        return new Doctor();
    }

    @Override
    protected String slugSource(DoctorInput input) {
        return input.name();
    }

    @Override
    protected DoctorInput inputOf(Doctor d) {
        return new DoctorInput(d.slug, d.name, d.title, d.department == null ? null : d.department.slug,
                d.hospital == null ? null : d.hospital.slug, d.specialties.stream().map(s -> s.slug).toList(), d.bio);
    }

    @Override
    protected Consumer<Doctor> prepare(DoctorInput input, Doctor doctor, References refs) {
        Department department = refs.one(Department.class, "department", input.department());
        Hospital hospital = refs.one(Hospital.class, "hospital", input.hospital());
        List<Disease> specialties = refs.many(Disease.class, "specialties", input.specialties());
        return d -> {
            d.name = input.name().strip();
            d.title = input.title();
            d.department = department;
            d.hospital = hospital;
            d.specialties = new ArrayList<>(specialties);
            d.bio = input.bio();
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
