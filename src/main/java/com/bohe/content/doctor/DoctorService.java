package com.bohe.content.doctor;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.bohe.content.database.Filter;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.search.NameSearch;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.paging.Pages;
import com.bohe.content.api.paging.Ref;
import com.bohe.content.api.problem.ResourceNotFoundException;
import com.bohe.content.api.paging.Sorting;
import com.bohe.content.api.caching.Tagged;
import com.bohe.content.department.Department;
import com.bohe.content.department.DepartmentService;
import com.bohe.content.disease.DiseaseService;
import com.bohe.content.hospital.HospitalService;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DoctorService {

    @Inject
    NameSearch names;

    static final Map<String, String> SORTS = Map.of("id", "id", "name", "name");
    static final String SPECIALISES_IN = "id in (select d2.id from Doctor d2 join d2.specialties s where s.%1$s = %2$s)";

    @Inject
    HospitalService hospitals;
    @Inject
    DepartmentService departments;
    @Inject
    DiseaseService diseases;

    public Page<DoctorSummary> list(DoctorQuery query, PageParams params) {
        if (query.title() != null && !Doctor.TITLES.contains(query.title())) {
            throw new InvalidRequestException("title", "must be one of " + String.join(", ", Doctor.TITLES));
        }
        Filter filter = new Filter()
                .ref("hospital.%1$s = %2$s", "hospital", Ref.parse("hospital", query.hospital()))
                .ref(Department.inSubtree("department"), "department", Ref.parse("department", query.department()))
                .ref(SPECIALISES_IN, "disease", Ref.parse("disease", query.disease()))
                .equal("title", "title", query.title());
        names.apply(filter, "doctor", query.q());
        return Pages.of(Doctor.find(filter.where(), Sorting.parse(params.sort, "id", SORTS), filter.parameters()),
                params, DoctorSummary::from);
    }

    public Page<DoctorSummary> byHospital(long id, PageParams params) {
        hospitals.require(id);
        return list(DoctorQuery.hospital(id), params);
    }

    public Page<DoctorSummary> byDepartment(long id, PageParams params) {
        departments.require(id);
        return list(DoctorQuery.department(id), params);
    }

    public Page<DoctorSummary> byDisease(long id, PageParams params) {
        diseases.require(id);
        return list(DoctorQuery.disease(id), params);
    }

    public Tagged<DoctorDetail> get(long id) {
        Doctor entity = require(id);
        return entity.tagged(DoctorDetail.from(entity));
    }

    public Tagged<DoctorDetail> getBySlug(String slug) {
        return Doctor.findBySlug(slug).map(e -> e.tagged(DoctorDetail.from(e)))
                .orElseThrow(() -> new ResourceNotFoundException("doctor", "slug " + slug));
    }

    public Doctor require(long id) {
        return Doctor.<Doctor>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("doctor", "id " + id));
    }
}
