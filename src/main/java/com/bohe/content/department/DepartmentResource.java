package com.bohe.content.department;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/departments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Departments", description = "Clinical departments and their hierarchy")
public class DepartmentResource {

    @Inject
    DepartmentService departments;
    @Inject
    DepartmentEditor editor;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List departments", description = "Sort fields: id, name. Default: id.")
    public Page<DepartmentSummary> listDepartments(@Valid @BeanParam PageParams params) {
        return departments.list(params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a department by id",
            description = "With its parent and sub-departments. The ETag changes when the department changes; send it as If-None-Match for a 304, or as If-Match on a later change.")
    @APIResponse(responseCode = "200", description = "The department", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DepartmentDetail> getDepartment(@RestPath long id) {
        return departments.get(id).ok();
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a department by slug",
            description = "As by id; slugs are stable, readable keys (pinyin), e.g. zhen-jiu-ke.")
    @APIResponse(responseCode = "200", description = "The department", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DepartmentDetail> getDepartmentBySlug(@RestPath String slug) {
        return departments.getBySlug(slug).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Create a department", description = "The slug is derived from the name (pinyin) when absent.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DepartmentDetail.class)))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DepartmentDetail> createDepartment(@NotNull DepartmentInput department) {
        Tagged<DepartmentDetail> created = editor.create(department, caller.name());
        return created.created("/departments/" + created.body().id());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Replace a department", description = "Every field is replaced; an absent one becomes empty, "
            + "except the slug, which stays.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DepartmentDetail> replaceDepartment(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch,
            @NotNull DepartmentInput department) {
        return editor.replace(id, department, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Change some fields of a department (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes, absent ones stay.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = DepartmentInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DepartmentDetail> patchDepartment(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch, @NotNull JsonNode patch) {
        return editor.patch(id, patch, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Delete a department", description = "Refused with 409 while sub-departments, articles, diseases, doctors or hospitals refer to it; the problem lists them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", ref = "StillReferenced")
    public void deleteDepartment(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        editor.delete(id, IfMatch.parse(ifMatch));
    }
}
