package com.bohe.content.department;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import io.quarkus.panache.common.Sort;

import com.bohe.content.editing.ContentEntity;

/** A clinical department; sub-departments such as 神经内科 point at their parent 内科. */
@Entity
public class Department extends ContentEntity {



    public String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public Department parent;


    /**
     * A {@link com.bohe.content.editing.Filter#ref} template that matches {@code path} when it is the named department
     * or one of its direct sub-departments: filtering by 内科 also finds 神经内科's content.
     */
    public static String inSubtree(String path) {
        return path + ".id in (select dd.id from Department dd left join dd.parent p where dd.%1$s = %2$s or p.%1$s = %2$s)";
    }

    public static Optional<Department> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public static List<Department> childrenOf(long id) {
        return list("parent.id", Sort.by("id"), id);
    }

}
