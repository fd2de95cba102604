package com.bohe.content.disease;

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

@Path("/diseases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diseases", description = "查疾病: diseases with their symptoms, causes, diagnosis, treatment and prevention")
public class DiseaseResource {

    @Inject
    DiseaseService diseases;
    @Inject
    DiseaseEditor editor;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List diseases", description = "Sort fields: id, name. Default: id.")
    public Page<DiseaseSummary> listDiseases(
            @RestQuery @Size(max = 100) @Parameter(description = "Substring of the name") String q,
            @RestQuery @Parameter(description = "Department id or slug; includes its sub-departments") String department,
            @Valid @BeanParam PageParams params) {
        return diseases.list(q, department, params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a disease by id",
            description = "The 查疾病 page of a disease: overview, symptoms, causes, diagnosis, treatment, prevention and its department. The ETag changes when the disease or the names it shows change.")
    @APIResponse(responseCode = "200", description = "The disease", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DiseaseDetail> getDisease(@RestPath long id) {
        return diseases.get(id).ok();
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a disease by slug",
            description = "As by id; slugs are stable, readable keys (pinyin), e.g. mian-tan.")
    @APIResponse(responseCode = "200", description = "The disease", headers = @Header(name = "ETag", ref = "ETag"))
    public RestResponse<DiseaseDetail> getDiseaseBySlug(@RestPath String slug) {
        return diseases.getBySlug(slug).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Create a disease", description = "The slug is derived from the name (pinyin) when absent.")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiseaseDetail.class)))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DiseaseDetail> createDisease(@NotNull DiseaseInput disease) {
        Tagged<DiseaseDetail> created = editor.create(disease, caller.name());
        return created.created("/diseases/" + created.body().id());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Replace a disease", description = "Every field is replaced; an absent one becomes empty, "
            + "except the slug, which stays.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DiseaseDetail> replaceDisease(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch,
            @NotNull DiseaseInput disease) {
        return editor.replace(id, disease, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Change some fields of a disease (JSON Merge Patch, RFC 7386)",
            description = "Members present replace, null removes, absent ones stay.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = DiseaseInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", ref = "ETag"))
    @APIResponse(responseCode = "409", ref = "SlugTaken")
    public RestResponse<DiseaseDetail> patchDisease(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch, @NotNull JsonNode patch) {
        return editor.patch(id, patch, IfMatch.parse(ifMatch), caller.name()).ok();
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @RolesAllowed(Scopes.WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.WRITE)
    @Operation(summary = "Delete a disease", description = "Refused with 409 while articles or doctors refer to it; the problem lists them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", ref = "StillReferenced")
    public void deleteDisease(@RestPath long id,
            @RestHeader("If-Match") @Parameter(description = IfMatch.DESCRIPTION) String ifMatch) {
        editor.delete(id, IfMatch.parse(ifMatch));
    }
}
