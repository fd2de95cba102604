package com.bohe.content.api.contract;

import com.bohe.content.api.problem.Problem;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(title = "Medical popular-science content API", version = "1.0.0",
                description = "JSON API for 科普文章 (articles), 查疾病 (diseases), 找医生 (doctors), 找医院 (hospitals) and "
                        + "departments. Reads of published content are public; every write needs a bearer token with "
                        + "the scope the operation names. Every error is RFC 9457 application/problem+json."),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class),
                responses = {
                        @APIResponse(name = "SlugTaken", responseCode = "409", description = "The slug is taken",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "StillReferenced", responseCode = "409",
                                description = "Still referenced; the problem's references list what refers to it",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "SyncTokenExpired", responseCode = "410",
                                description = "The sync token is older than the deletions kept (type "
                                        + "/problems/sync-token-expired): start again with an initial sync",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = "UnprocessablePicture", responseCode = "422",
                                description = "A picture that cannot be processed: its header declares more pixels than "
                                        + "the limit (refused before decoding), or it is damaged",
                                content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))) },
                headers = {
                        @Header(name = "ETag", description = "The strong entity tag of the version shown, e.g. \"3\"; "
                                + "send it as If-Match to change this version", schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Location", description = "Host-relative URL of the resource created",
                                schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Last-Modified", description = "When the resource (or what it shows of others) "
                                + "last changed; for a list, the time of the answer", schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Cache-Control", description = "How long a shared cache (a CDN) may keep the "
                                + "answer: public reads of published content \"public, max-age=60, "
                                + "stale-while-revalidate=300, stale-if-error=86400\" (departments five minutes; the "
                                + "operator may set each kind's); \"private, no-store\" for a read with a token (drafts) "
                                + "and for tokens, imports and webhooks", schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Surrogate-Key", description = "On a public read: the keys a CDN purges this "
                                + "answer by (Fastly, Varnish xkey), space-separated: each resource it shows "
                                + "(\"article-12\"), its kind's lists (\"list-articles\") and every kind it shows "
                                + "(\"articles\"). Webhook events carry the keys to purge. Absent on a read with a token",
                                schema = @Schema(type = SchemaType.STRING)),
                        @Header(name = "Cache-Tag", description = "The Surrogate-Key's keys comma-separated, as "
                                + "Cloudflare wants them", schema = @Schema(type = SchemaType.STRING)) },
                securitySchemes = @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", description = "A token from POST /tokens, or the operator's "
                                + "CONTENT_ADMIN_TOKEN. Scopes: content:write, content:read-drafts, content:import, "
                                + "tokens:admin, webhooks:admin.")))
public class ApiApplication extends Application {
}
