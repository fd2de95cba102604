package com.bohe.content.files;

import java.io.IOException;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;

import com.bohe.content.api.caching.Created;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.api.problem.InvalidRequestException;
import com.bohe.content.auth.Scopes;
import com.bohe.content.auth.TokenIdentityProvider;
import com.bohe.content.editing.MergePatch;
import com.bohe.content.ratelimit.RateLimiter;

@Path("/files")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Files", description = "Pictures: upload them (scope files:write), then show them as covers and photos; "
        + "GET /assets/{id} serves them sized for the screen")
public class FileResource {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String WEBP = "image/webp";
    static final String GIF = "image/gif";

    @Inject
    FileService files;
    @Inject
    SecurityIdentity caller;
    @Inject
    RateLimiter limits;

    @POST
    @Consumes({ JPEG, PNG, WEBP, GIF, MediaType.APPLICATION_OCTET_STREAM })
    @RolesAllowed(Scopes.FILES_WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.FILES_WRITE)
    @Operation(operationId = "uploadFile", summary = "Upload a picture",
            description = "As the body (image/jpeg, image/png, image/webp, image/gif or application/octet-stream, with "
                    + "alt, title and filename in the query), or as a browser's multipart/form-data with the picture in a "
                    + "part named file and alt and title as parts beside it. "
                    + "The bytes decide the type, whatever Content-Type says; bytes that are not JPEG, PNG, WebP or "
                    + "GIF are a 415. A picture whose header declares more pixels than the limit is refused before "
                    + "decoding (422). Metadata (EXIF, GPS, XMP) never reaches a variant; the EXIF orientation is applied.")
    @RequestBody(required = true, content = {
            @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = WEBP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = GIF, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FileSummary.class)))
    @APIResponse(responseCode = "422", ref = "UnprocessablePicture")
    public Response uploadFile(byte[] body, @RestHeader("Content-Type") String type,
            @Parameter(description = "Text a screen reader says instead of the picture") @RestQuery String alt,
            @RestQuery String title,
            @Parameter(description = "The name to keep with it, e.g. doctor-wang.jpg") @RestQuery String filename) {
        return created(body, type, filename, alt, title);
    }

    /** A browser's form: the picture in a part named file, and alt and title beside it. */
    public static class Form {
        @RestForm("file")
        @Schema(type = SchemaType.STRING, format = "binary", required = true, description = "The picture")
        public FileUpload file;

        @RestForm
        @PartType(MediaType.TEXT_PLAIN)
        @Schema(nullable = true, maxLength = 500)
        public String alt;

        @RestForm
        @PartType(MediaType.TEXT_PLAIN)
        @Schema(nullable = true, maxLength = 200)
        public String title;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Scopes.FILES_WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.FILES_WRITE)
    @Operation(operationId = "uploadFileForm", summary = "Upload a picture as a browser does (multipart/form-data)",
            description = "The picture in a part named file, with alt and title as parts beside it. The same rules as a "
                    + "raw upload.")
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FileSummary.class)))
    @APIResponse(responseCode = "422", ref = "UnprocessablePicture")
    public Response uploadFileForm(@BeanParam Form form) {
        if (form.file == null) {
            throw new InvalidRequestException("file", "a part named file with the picture is required");
        }
        byte[] bytes;
        try {
            // A stream, not Files.readAllBytes, which copies through a temporary direct buffer of the file's size.
            try (java.io.InputStream in = new java.io.FileInputStream(form.file.uploadedFile().toFile())) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new InvalidRequestException("file", "could not be read");
        }
        return created(bytes, form.file.contentType(), form.file.fileName(), form.alt, form.title);
    }

    private Response created(byte[] bytes, String type, String filename, String alt, String title) {
        limits.verifiedUpload(caller.getAttribute(TokenIdentityProvider.TOKEN_KEY));
        FileSummary file = files.upload(bytes, type, blankToNull(filename), blankToNull(alt), blankToNull(title),
                caller.getPrincipal().getName());
        return Created.at("/files/" + file.id(), file);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @GET
    @RolesAllowed(Scopes.FILES_WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.FILES_WRITE)
    @Operation(operationId = "listFiles", summary = "List files, newest first", description = "sort: id, createdAt or bytes, "
            + "with - for descending.")
    public Page<FileSummary> listFiles(@Valid @BeanParam PageParams params) {
        return files.list(params);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFile", summary = "Get a file's metadata", description = "Public, as the picture is: its "
            + "size, hash, alt text and the placeholder to paint first.")
    public FileSummary getFile(@RestPath long id) {
        return files.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Scopes.FILES_WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.FILES_WRITE)
    @Operation(operationId = "patchFile", summary = "Change a file's alt text, title or filename (JSON Merge Patch)",
            description = "The picture itself never changes: upload a new one. What shows the file shows the new alt text.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = FileService.Editable.class)))
    public FileSummary patchFile(@RestPath long id, @NotNull JsonNode patch) {
        return files.patch(id, patch);
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed(Scopes.FILES_WRITE)
    @SecurityRequirement(name = "bearer", scopes = Scopes.FILES_WRITE)
    @Operation(operationId = "deleteFile", summary = "Delete a file that nothing shows",
            description = "409 while an article's cover or body, a doctor's or a hospital's photo shows it, naming them.")
    @APIResponse(responseCode = "204", description = "Deleted, with its variants")
    @APIResponse(responseCode = "409", ref = "StillReferenced")
    public void deleteFile(@RestPath long id) {
        files.delete(id);
    }
}
