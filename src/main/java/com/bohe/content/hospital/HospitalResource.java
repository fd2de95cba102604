package com.bohe.content.hospital;

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

@Path("/hospitals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Hospitals", description = "找医院: hospitals by province, city and level")
public class HospitalResource {

    @Inject
    HospitalService hospitals;
    @Inject
    HospitalEditor editor;
    @Inject
    Caller caller;

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
    @Operation(summary = "Get a hospital by id",
            description = "The 找医院 page of a hospital: level, category, province, city, address and phone. The ETag changes when the hospital changes.")
    @APIResponse(responseCode = "200", description = "The hospital", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<HospitalDetail> getHospital(@RestPath long id) {
        return hospitals.get(id).ok();
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a hospital by slug",
            description = "As by id; slugs are stable, readable keys (pinyin).")
    @APIResponse(responseCode = "200", description = "The hospital", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<HospitalDetail> getHospitalBySlug(@RestPath String slug) {
        return hospitals.getBySlug(slug).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Create a hospital", description = "The slug is derived from the name (pinyin) when absent.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HospitalDetail.class)))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<HospitalDetail> createHospital(@NotNull HospitalInput hospital) {
        Tagged<HospitalDetail> created = editor.create(hospital, caller.name());
        return created.created("/hospitals/" + created.body().id());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Replace a hospital", description = "Every field is replaced; an absent one becomes empty, "
            + "except the slug, which stays.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<HospitalDetail> replaceHospital(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch,
            @NotNull HospitalInput hospital) {
        return editor.replace(id, hospital, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Change some fields of a hospital (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes, absent ones stay.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = HospitalInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<HospitalDetail> patchHospital(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch, @NotNull JsonNode patch) {
        return editor.patch(id, patch, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Delete a hospital", description = "Refused with 409 while doctors work there; the problem lists them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", ref = "StillReferenced")
    public void deleteHospital(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        editor.delete(id, IfMatch.parse(ifMatch));
    }
}
