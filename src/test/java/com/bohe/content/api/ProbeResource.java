package com.bohe.content.api;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only endpoints that provoke what the real API cannot yet: a body of the wrong media type (415), an
 * unexpected failure (500) and a statement longer than the statement timeout (504). Hidden from the contract.
 */
@Path("/test-probe")
public class ProbeResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, Object> echo(Map<String, Object> body) {
        return body;
    }

    @GET
    @Path("/slow")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @jakarta.transaction.Transactional
    public Object slow() {
        // Longer than the statement timeout: the database cancels it.
        return io.quarkus.hibernate.orm.panache.Panache.getEntityManager().createNativeQuery("SELECT pg_sleep(30)").getSingleResult();
    }

    @GET
    @Path("/failure")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException("secret internal state at com.bohe.content.Internal");
    }
}
