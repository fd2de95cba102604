package com.bohe.content.hospital;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;

@Path("/hospitals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hospitals", description = "找医院: hospitals by province, city and level")
public class HospitalResource {

    @Inject
    HospitalService hospitals;

    @GET
    @Operation(summary = "List hospitals", description = "Sort fields: id, name, city, level. Default: id.")
    public Page<HospitalSummary> listHospitals(
            @RestQuery @Size(max = 100) @Parameter(description = "Substring of the name") String q,
            @RestQuery @Size(max = 50) @Parameter(description = "Province, e.g. 北京 or 广东") String province,
            @RestQuery @Size(max = 50) @Parameter(description = "City, e.g. 广州") String city,
            @RestQuery @Size(max = 20) @Parameter(description = "Level, e.g. 三级甲等") String level,
            @Valid @BeanParam PageParams params) {
        return hospitals.list(q, province, city, level, params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a hospital by id")
    public HospitalDetail getHospital(@RestPath long id) {
        return hospitals.get(id);
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a hospital by slug")
    public HospitalDetail getHospitalBySlug(@RestPath String slug) {
        return hospitals.getBySlug(slug);
    }
}
