package com.bohe.content.department;

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

import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;

@Path("/departments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments", description = "Clinical departments and their hierarchy")
public class DepartmentResource {

    @Inject
    DepartmentService departments;

    @GET
    @Operation(summary = "List departments", description = "Sort fields: id, name. Default: id.")
    public Page<DepartmentSummary> listDepartments(@Valid @BeanParam PageParams params) {
        return departments.list(params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a department by id")
    public DepartmentDetail getDepartment(@RestPath long id) {
        return departments.get(id);
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a department by slug")
    public DepartmentDetail getDepartmentBySlug(@RestPath String slug) {
        return departments.getBySlug(slug);
    }
}
