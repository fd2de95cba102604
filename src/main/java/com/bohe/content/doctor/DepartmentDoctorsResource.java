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

@Path("/departments/{id}/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments")
public class DepartmentDoctorsResource {

    @Inject
    DoctorService doctors;

    @GET
    @Operation(summary = "Doctors of a department and its sub-departments", description = "Sort fields: id, name. Default: id.")
    public Page<DoctorSummary> listDepartmentDoctors(@RestPath long id, @Valid @BeanParam PageParams params) {
        return doctors.byDepartment(id, params);
    }
}
