package com.bohe.content.doctor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import com.bohe.content.editing.MergePatch;
import com.bohe.content.editing.IfMatch;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.api.caching.Tagged;
import com.bohe.content.auth.Caller;
import com.bohe.content.auth.Scopes;

@Path("/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Doctors", description = "找医生: doctors by hospital, department, specialty and title")
public class DoctorResource {

    @Inject
    DoctorService doctors;
    @Inject
    DoctorEditor editor;
    @Inject
    Caller caller;

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
    @Operation(summary = "Get a doctor by id",
            description = "The 找医生 page of a doctor: title, specialties, hospital and department. The ETag changes when the doctor or the names it shows change.")
    @APIResponse(responseCode = "200", description = "The doctor", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DoctorDetail> getDoctor(@RestPath long id) {
        return doctors.get(id).ok();
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a doctor by slug",
            description = "As by id; slugs are stable, readable keys (pinyin), e.g. zhou-li.")
    @APIResponse(responseCode = "200", description = "The doctor", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DoctorDetail> getDoctorBySlug(@RestPath String slug) {
        return doctors.getBySlug(slug).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Create a doctor", description = "The slug is derived from the name (pinyin) when absent.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoctorDetail.class)))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DoctorDetail> createDoctor(@NotNull DoctorInput doctor) {
        Tagged<DoctorDetail> created = editor.create(doctor, caller.name());
        return created.created("/doctors/" + created.body().id());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Replace a doctor", description = "Every field is replaced; an absent one becomes empty, "
            + "except the slug, which stays.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DoctorDetail> replaceDoctor(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch,
            @NotNull DoctorInput doctor) {
        return editor.replace(id, doctor, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Change some fields of a doctor (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes, absent ones stay.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = DoctorInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DoctorDetail> patchDoctor(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch, @NotNull JsonNode patch) {
        return editor.patch(id, patch, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Delete a doctor", description = "Refused with 409 while articles name the doctor as reviewer; the problem lists them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", ref = "StillReferenced")
    public void deleteDoctor(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        editor.delete(id, IfMatch.parse(ifMatch));
    }
}
