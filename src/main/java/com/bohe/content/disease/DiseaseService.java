package com.bohe.content.disease;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.bohe.content.database.Filter;
import com.bohe.content.search.NameSearch;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.paging.Ref;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.caching.Tagged;
import com.bohe.content.department.Department;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DiseaseService {

    @Inject
    NameSearch names;

    static final Map<String, String> SORTS = Map.of("id", "id", "name", "name");

    public Page<DiseaseSummary> list(String q, String department, PageParams params) {
        Filter filter = new Filter()
                .ref(Department.inSubtree("department"), "department",
                        Ref.parse("department", department));
        names.apply(filter, "disease", q);
        return Pages.of(Disease.find(filter.where(), Sorting.parse(params.sort, "id", SORTS), filter.parameters()),
                params, DiseaseSummary::from);
    }

    public Tagged<DiseaseDetail> get(long id) {
        Disease entity = require(id);
        return entity.tagged(DiseaseDetail.from(entity));
    }

    public Tagged<DiseaseDetail> getBySlug(String slug) {
        return Disease.findBySlug(slug).map(e -> e.tagged(DiseaseDetail.from(e)))
                .orElseThrow(() -> new ResourceNotFoundException("disease", "slug " + slug));
    }

    public Disease require(long id) {
        return Disease.<Disease>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("disease", "id " + id));
    }
}
