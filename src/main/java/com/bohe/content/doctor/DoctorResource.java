package com.bohe.content.doctor;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.bohe.content.api.Page;
import com.bohe.content.api.PageParams;

@Path("/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Doctors", description = "找医生: doctors by hospital, department, specialty and title")
public class DoctorResource {

    @Inject
    DoctorService doctors;

    @GET
    @Operation(summary = "List doctors", description = "Sort fields: id, name. Default: id.")
    public Page<DoctorSummary> listDoctors(
            @RestQuery @Size(max = 100) @Parameter(description = "Substring of the name") String q,
            @RestQuery @Parameter(description = "Hospital id or slug") String hospital,
            @RestQuery @Parameter(description = "Department id or slug; includes its sub-departments") String department,
            @RestQuery @Parameter(description = "Id or slug of a disease the doctor specialises in") String disease,
            @RestQuery @Parameter(description = "Professional title", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "主任医师", "副主任医师", "主治医师", "医师" })) String title,
            @Valid @BeanParam PageParams params) {
        return doctors.list(new DoctorQuery(q, hospital, department, disease, title), params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a doctor by id")
    public DoctorDetail getDoctor(@RestPath long id) {
        return doctors.get(id);
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a doctor by slug")
    public DoctorDetail getDoctorBySlug(@RestPath String slug) {
        return doctors.getBySlug(slug);
    }
}
