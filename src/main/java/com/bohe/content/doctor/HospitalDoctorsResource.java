package com.bohe.content.doctor;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;

@Path("/hospitals/{id}/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hospitals")
public class HospitalDoctorsResource {

    @Inject
    DoctorService doctors;

    @GET
    @Operation(summary = "Doctors working at a hospital", description = "Sort fields: id, name. Default: id.")
    public Page<DoctorSummary> listHospitalDoctors(@RestPath long id, @Valid @BeanParam PageParams params) {
        return doctors.byHospital(id, params);
    }
}
