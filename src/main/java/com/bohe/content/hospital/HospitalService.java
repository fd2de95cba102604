package com.bohe.content.hospital;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.bohe.content.database.Filter;
import com.bohe.content.search.NameSearch;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.caching.Tagged;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class HospitalService {

    @Inject
    NameSearch names;

    static final Map<String, String> SORTS = Map.of("id", "id", "name", "name", "city", "city", "level", "level");

    public Page<HospitalSummary> list(String q, String province, String city, String level, PageParams params) {
        Filter filter = new Filter()
                .equal("province", "province", province)
                .equal("city", "city", city)
                .equal("level", "level", level);
        names.apply(filter, "hospital", q);
        return Pages.of(Hospital.find(filter.where(), Sorting.parse(params.sort, "id", SORTS), filter.parameters()),
                params, HospitalSummary::from);
    }

    public Tagged<HospitalDetail> get(long id) {
        Hospital entity = require(id);
        return entity.tagged(HospitalDetail.from(entity));
    }

    public Tagged<HospitalDetail> getBySlug(String slug) {
        return Hospital.findBySlug(slug).map(e -> e.tagged(HospitalDetail.from(e)))
                .orElseThrow(() -> new ResourceNotFoundException("hospital", "slug " + slug));
    }

    public Hospital require(long id) {
        return Hospital.<Hospital>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("hospital", "id " + id));
    }
}
