package com.bohe.content.api.caching;

import jakarta.ws.rs.core.Response;

/** 201 with a host-relative Location, which stays right behind a load balancer that rewrites the host. */
public final class Created {

    private Created() {
    }

    public static Response at(String location, Object entity) {
        return Response.status(Response.Status.CREATED).header("Location", location).entity(entity).build();
    }
}
