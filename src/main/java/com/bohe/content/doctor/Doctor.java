package com.bohe.content.doctor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import com.bohe.content.department.Department;
import com.bohe.content.disease.Disease;
import com.bohe.content.hospital.Hospital;

@Entity
public class Doctor extends PanacheEntityBase {

    /** The professional titles, from the most senior down. */
    public static final List<String> TITLES = List.of("主任医师", "副主任医师", "主治医师", "医师");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
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

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Doctor> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }
}
