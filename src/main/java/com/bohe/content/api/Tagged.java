package com.bohe.content.api;

import org.jboss.resteasy.reactive.RestResponse;

/** A representation with the entity tag of the version it shows. */
public record Tagged<T>(T body, String etag) {

    public static <T> Tagged<T> of(T body, ContentEntity entity) {
        return new Tagged<>(body, entity.etag());
    }

    public RestResponse<T> ok() {
        return RestResponse.ResponseBuilder.ok(body).header("ETag", etag).build();
    }

    public RestResponse<T> created(String location) {
        return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.CREATED, body).header("ETag", etag)
                .header("Location", location).build();
    }
}
