package com.bohe.content.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;

import com.bohe.content.editing.ContentEntity;
import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.hospital.Hospital;

@Entity
public class Doctor extends ContentEntity {

    /** The professional titles, from the most senior down. */
    public static final List<String> TITLES = List.of("主任医师", "副主任医师", "主治医师", "医师");


    public String name;
    public String title;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    public Department department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "hospital_id")
    public Hospital hospital;

    /** The diseases this doctor specialises in. */
    @ManyToMany
    @JoinTable(name = "doctor_disease",
            joinColumns = @JoinColumn(name = "doctor_id"),
            inverseJoinColumns = @JoinColumn(name = "disease_id"))
    @OrderBy("id")
    public List<Disease> specialties = new ArrayList<>();

    public String bio;

    @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
    @jakarta.persistence.JoinColumn(name = "photo_id")
    public com.bohe.content.files.StoredFile photo;


    public static Optional<Doctor> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

}
