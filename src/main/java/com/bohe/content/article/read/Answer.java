package com.bohe.content.article.read;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A read's answer as {@link Responder} decided it (status, headers, body), sent by the HTTP route or returned by
 * the resource, so that both answer alike.
 *
 * @param body null for a 304
 */
public record Answer(int status, Map<String, String> headers, byte[] body) {

    /** For the resource; its response filters add the same caching headers again. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status);
        headers.forEach(response::header);
        if (body != null) {
            response.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return response.build();
    }

    /** Straight from the HTTP layer; compression as the REST layer decides it, by the same threshold. */
    void send(RoutingContext context, int compressionThreshold) {
        HttpServerResponse response = context.response();
        headers.forEach(response::putHeader);
        // Quarkus marks every answer "Content-Encoding: identity" and unmarks compressible ones of its own
        // routes; this route decides itself.
        if (body == null) {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            response.setStatusCode(status).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        if (body.length < compressionThreshold) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "identity");
        } else {
            response.headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
        response.setStatusCode(status).end(Buffer.buffer(body));
    }
}
