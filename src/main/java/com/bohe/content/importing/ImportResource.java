package com.bohe.content.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.auth.Caller;
import com.bohe.content.auth.Scopes;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.IMPORT)
@SecurityRequirement(name = "bearer", scopes = Scopes.IMPORT)
@Tag(name = "Import", description = "Bulk import of content as NDJSON, upserted by slug (scope content:import)")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    ContentImport imports;
    @Inject
    Caller caller;
    @Inject
    com.bohe.content.api.http.BodyLimits limits;

    @POST
    @Path("/import")
    @Consumes(NDJSON)
    @Operation(summary = "Start a bulk import",
            description = "One JSON object per line: {\"type\": \"department\" | \"hospital\" | \"disease\" | \"doctor\" | "
                    + "\"article\", \"slug\": ..., ...the fields of that kind's input}. References go by slug, to lines "
                    + "above or to what is stored. A known slug is updated with the fields the line has (absent ones "
                    + "keep their values); a line that changes nothing writes nothing, so a re-run is harmless. Bad "
                    + "lines are reported by number and do not stop the others. An article line may carry the old "
                    + "site's viewCount, used only when the article is created.")
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            example = "{\"type\": \"disease\", \"slug\": \"mian-tan\", \"name\": \"面瘫\"}")))
    @APIResponse(responseCode = "202", description = "Started; follow Location for progress",
            headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportStatus.class)))
    public RestResponse<ImportStatus> startImport(InputStream body) {
        ContentImport.Admission admission = imports.admit(caller.key());
        java.nio.file.Path file;
        try {
            file = spool(limits.limited(body));
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        ImportStatus started = imports.start(file, caller.name(), admission);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, started)
                .header("Location", "/imports/" + started.id()).build();
    }

    @GET
    @Path("/imports/{id}")
    @Operation(summary = "Get the progress of an import",
            description = "Lines read, created, updated, unchanged and failed (with the first errors by line number); status running, done or failed. Any instance answers: jobs live in the database.")
    public ImportStatus getImport(@RestPath String id) {
        return imports.status(uuid(id));
    }

    /** Copies the body to a temporary file, so that the request ends at once and memory stays flat. */
    private static java.nio.file.Path spool(InputStream body) {
        try {
            java.nio.file.Path file = Files.createTempFile("content-import-", ".ndjson");
            try {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("id", "must be a UUID");
        }
    }
}
