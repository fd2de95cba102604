package com.bohe.content.api.caching;

import java.time.Instant;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A representation with the version it shows. {@link HttpCaching} turns the version into the entity tag
 * {@code "<version>-<hash of the body>"}, which changes when the entity or anything it names changes.
 */
public record Tagged<T>(T body, long version, Instant lastModified) {

    public RestResponse<T> ok() {
        return headers(RestResponse.ResponseBuilder.ok(body)).build();
    }

    public RestResponse<T> created(String location) {
        return headers(RestResponse.ResponseBuilder.<T>create(RestResponse.Status.CREATED, body))
                .header("Location", location).build();
    }

    /**
     * The answer of a write whose result the caller may not read: 204 with the validators, no body. The ETag
     * names the version, which If-Match takes.
     */
    public RestResponse<T> withoutBody() {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.<T>noContent()
                .header("ETag", "\"" + version + "\"");
        if (lastModified != null) {
            builder.lastModified(java.util.Date.from(lastModified));
        }
        return builder.build();
    }

    private RestResponse.ResponseBuilder<T> headers(RestResponse.ResponseBuilder<T> builder) {
        builder.header(HttpCaching.VERSION_HEADER, version).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        if (lastModified != null) {
            builder.lastModified(java.util.Date.from(lastModified));
        }
        return builder;
    }
}
