package com.bohe.content.disease;

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

@Path("/diseases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diseases", description = "查疾病: diseases with their symptoms, causes, diagnosis, treatment and prevention")
public class DiseaseResource {

    @Inject
    DiseaseService diseases;

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
    @Operation(summary = "Get a disease by id")
    public DiseaseDetail getDisease(@RestPath long id) {
        return diseases.get(id);
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a disease by slug")
    public DiseaseDetail getDiseaseBySlug(@RestPath String slug) {
        return diseases.getBySlug(slug);
    }
}
