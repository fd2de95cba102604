package com.bohe.content.webhooks;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;

import com.bohe.content.api.caching.Created;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;
import com.bohe.content.auth.Scopes;
import com.bohe.content.editing.MergePatch;

@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.WEBHOOKS_ADMIN)
@SecurityRequirement(name = "bearer", scopes = Scopes.WEBHOOKS_ADMIN)
@Tag(name = "Webhooks", description = "Signed notifications of content changes, with the CDN keys to purge (scope webhooks:admin)")
public class WebhookResource {

    @Inject
    WebhookService webhooks;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to events", description = "The answer holds the signing secret, shown this once. "
            + "Each event is POSTed as JSON with the Standard Webhooks headers webhook-id, webhook-timestamp and "
            + "webhook-signature; see docs/webhooks.md for verifying them.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewWebhook.class)))
    public Response createWebhook(@Valid @NotNull WebhookInput input) {
        NewWebhook created = webhooks.create(input, caller.getPrincipal().getName());
        return Created.at("/webhooks/" + created.id(), created);
    }

    @GET
    @Operation(summary = "List webhooks, without their secrets")
    public Page<WebhookSummary> listWebhooks(@Valid @BeanParam PageParams params) {
        return webhooks.list(params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook, without its secret")
    public WebhookSummary getWebhook(@RestPath long id) {
        return webhooks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change a webhook (JSON Merge Patch, RFC 7386)",
            description = "url, events, description, lineEvents and active (false pauses it); the secret stays. Deliveries already written keep their URL's answer history.")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = WebhookInput.class)))
    public WebhookSummary patchWebhook(@RestPath long id, @NotNull JsonNode patch) {
        return webhooks.patch(id, patch);
    }

    @DELETE
    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @Operation(summary = "Remove a webhook", description = "Its pending deliveries are dropped with it.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void deleteWebhook(@RestPath long id) {
        webhooks.delete(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List a webhook's deliveries, newest first",
            description = "Status, attempts, the last HTTP status, the next retry and the start of the receiver's answer. "
                    + "Events are kept 7 days once delivered or failed.")
    public Page<DeliverySummary> listWebhookDeliveries(@RestPath long id, @Valid @BeanParam PageParams params) {
        return webhooks.deliveries(id, params);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Send a delivery again now", description = "Succeeded, failed or pending: it is attempted at once, "
            + "with the same webhook-id and body, signed anew.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliverySummary.class)))
    public Response retryWebhookDelivery(@RestPath long id, @RestPath long deliveryId) {
        return Response.accepted(webhooks.retry(id, deliveryId)).build();
    }

    @POST
    @Path("/{id}/ping")
    @Operation(summary = "Send a test event", description = "A webhook.ping event to this webhook only; follow it in its deliveries.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliverySummary.class)))
    public Response pingWebhook(@RestPath long id) {
        return Response.accepted(webhooks.ping(id)).build();
    }
}
