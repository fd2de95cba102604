package com.bohe.content.disease;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.bohe.content.editing.ContentEntity;
import com.bohe.content.department.Department;

@Entity
public class Disease extends ContentEntity {


    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> aliases = new ArrayList<>();

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    public Department department;

    public String summary;
    public String overview;
    public String symptoms;
    public String causes;
    public String diagnosis;
    public String treatment;
    public String prevention;


    public static Optional<Disease> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

}
