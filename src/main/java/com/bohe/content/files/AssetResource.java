package com.bohe.content.files;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.vertx.core.http.HttpServerRequest;

import com.bohe.content.api.caching.HttpCaching;
import com.bohe.content.api.caching.SurrogateKeys;

@Path("/assets")
@Tag(name = "Files")
public class AssetResource {

    @Inject
    Assets assets;

    @GET
    @Path("/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "getAsset", summary = "A picture, sized and encoded for the screen",
            description = "Without parameters: the whole picture (within the largest allowed size), without metadata. "
                    + "width and height take the allowed sizes only, quality the allowed qualities only (400 otherwise): "
                    + "see docs/media.md. Each variant is made once, on its first request, and then stored. A file never "
                    + "changes, so answers may be cached for a year.")
    @Parameter(name = "width", in = ParameterIn.QUERY, description = "One of the allowed sizes",
            schema = @Schema(type = SchemaType.INTEGER, enumeration = { "16", "32", "48", "64", "96", "128", "256", "384", "640",
                    "750", "800", "828", "1080", "1200", "1920", "2048", "3840" }))
    @Parameter(name = "height", in = ParameterIn.QUERY, description = "One of the allowed sizes",
            schema = @Schema(type = SchemaType.INTEGER, enumeration = { "16", "32", "48", "64", "96", "128", "256", "384", "640",
                    "750", "800", "828", "1080", "1200", "1920", "2048", "3840" }))
    @Parameter(name = "fit", in = ParameterIn.QUERY, description = "With both width and height: cover crops to the box, "
            + "contain pads to it, inside fits within it, outside covers it uncropped",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "cover", "contain", "inside", "outside" }, defaultValue = "cover"))
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "auto: WebP when Accept names image/webp, else JPEG "
            + "(PNG for pictures that may be transparent), with Vary: Accept. Without it, the upload's own format (PNG for GIF).",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "auto", "webp", "jpeg", "png" }))
    @Parameter(name = "quality", in = ParameterIn.QUERY, description = "One of the allowed qualities; 75 when absent",
            schema = @Schema(type = SchemaType.INTEGER, enumeration = { "50", "75", "90" }))
    @Parameter(name = "withoutEnlargement", in = ParameterIn.QUERY, description = "true: never larger than the upload",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    @Parameter(name = "signature", in = ParameterIn.QUERY, description = "Where the operator set a signing key: HMAC-SHA256 "
            + "of the id and the other parameters (docs/media.md), which lets a server that holds the key ask for any size "
            + "up to the largest and any quality off the lists", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The picture",
            headers = {
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Surrogate-Key", description = "file-{id}", schema = @Schema(type = SchemaType.STRING)) },
            content = {
                    @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match named its ETag")
    @APIResponse(responseCode = "403", description = "The signature does not match the request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "Every transform slot stayed busy, or the file storage is away; "
            + "retry after Retry-After seconds",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response getAsset(@RestPath long id, UriInfo uri, HttpHeaders headers,
            @jakarta.ws.rs.core.Context HttpServerRequest request) {
        Assets.Head head = assets.head(id, uri.getQueryParameters(), headers.getHeaderString(HttpHeaders.ACCEPT));
        Response.ResponseBuilder answer;
        if (HttpCaching.notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), null, head.etag(), null)) {
            answer = Response.notModified();
        } else {
            byte[] bytes = assets.bytes(head, request.remoteAddress());
            if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
                assets.keep(Assets.answerKey(String.valueOf(id), request.query(), headers.getHeaderString(HttpHeaders.ACCEPT)),
                        head, bytes);
            }
            answer = Response.ok(bytes, head.mediaType()).header("Content-Disposition", "inline");
        }
        String key = "file-" + id;
        answer.header(HttpHeaders.ETAG, head.etag())
                .header(SurrogateKeys.HEADER, key)
                .header(SurrogateKeys.CLOUDFLARE_HEADER, key);
        if (head.varyAccept()) {
            answer.header(HttpHeaders.VARY, "Accept");
        }
        return answer.build();
    }
}
