package com.bohe.content.department;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.caching.Tagged;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DepartmentService {

    static final Map<String, String> SORTS = Map.of("id", "id", "name", "name");

    public Page<DepartmentSummary> list(PageParams params) {
        return Pages.of(Department.findAll(Sorting.parse(params.sort, "id", SORTS)), params, DepartmentSummary::from);
    }

    public Tagged<DepartmentDetail> get(long id) {
        Department entity = require(id);
        return entity.tagged(DepartmentDetail.from(entity));
    }

    public Tagged<DepartmentDetail> getBySlug(String slug) {
        return Department.findBySlug(slug).map(e -> e.tagged(DepartmentDetail.from(e)))
                .orElseThrow(() -> new ResourceNotFoundException("department", "slug " + slug));
    }

    /** For the cross-link lists of other rooms: a missing department is a 404, not an empty page. */
    public Department require(long id) {
        return Department.<Department>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("department", "id " + id));
    }
}
