package com.bohe.content.hospital;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;

import com.bohe.content.editing.ContentEntity;
import com.bohe.content.department.Department;

@Entity
public class Hospital extends ContentEntity {

    public static final List<String> TYPES = List.of("综合", "专科");


    public String name;
    /** e.g. 三级甲等 */
    public String level;
    /** 综合 (general) or 专科 (specialist) */
    @Column(name = "type")
    public String category;
    public String province;
    public String city;
    public String address;
    public String phone;
    public String intro;

    @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
    @jakarta.persistence.JoinColumn(name = "photo_id")
    public com.bohe.content.files.StoredFile photo;

    @ManyToMany
    @JoinTable(name = "hospital_department",
            joinColumns = @JoinColumn(name = "hospital_id"),
            inverseJoinColumns = @JoinColumn(name = "department_id"))
    @OrderBy("id")
    public List<Department> departments = new ArrayList<>();


    public static Optional<Hospital> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

}
