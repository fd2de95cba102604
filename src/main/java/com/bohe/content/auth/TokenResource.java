package com.bohe.content.auth;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;

import com.bohe.content.api.caching.Created;
import com.bohe.content.api.paging.Page;
import com.bohe.content.api.paging.PageParams;

@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.TOKENS_ADMIN)
@SecurityRequirement(name = "bearer", scopes = Scopes.TOKENS_ADMIN)
@Tag(name = "Tokens", description = "Bearer tokens for editors, importers and scripts (scope tokens:admin)")
public class TokenResource {

    @Inject
    TokenService tokens;
    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token", description = "The answer holds the token itself, shown this once; the "
            + "server keeps only its SHA-256.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewToken.class)))
    public Response createToken(@Valid @NotNull TokenRequest request) {
        NewToken created = tokens.create(request, caller.getPrincipal().getName());
        return Created.at("/tokens/" + created.id(), created);
    }

    @GET
    @Operation(summary = "List tokens, without their secrets", description = "Revoked and expired tokens stay listed.")
    public Page<TokenSummary> listTokens(@Valid @BeanParam PageParams params) {
        return tokens.list(params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a token, without its secret",
            description = "Name, scopes, expiry, last use (to the minute) and whether it is revoked. The secret was shown once, at creation, and is not stored.")
    public TokenSummary getToken(@RestPath long id) {
        return tokens.get(id);
    }

    @DELETE

    @Produces(MediaType.WILDCARD) // 204 without a body: any Accept will do; errors are still problem+json
    @Path("/{id}")
    @Operation(summary = "Revoke a token", description = "The token stops working at once; revoking twice is harmless.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revokeToken(@RestPath long id) {
        tokens.revoke(id);
    }
}
