package com.bohe.content.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over its limit by its Content-Length, before a byte of it is read: JSON writes have a small
 * limit, NDJSON imports a large one. Bodies without a length (chunked) are held to quarkus.http.limits.max-body-size.
 */
public class BodyLimits {

    /** Looked up per request: the filter is built before runtime configuration exists. */
    @Inject
    Instance<BodyLimitsConfig> configs;
    private volatile BodyLimitsConfig config;

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return;
        }
        long size;
        try {
            size = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Content-Length", "must be a whole number");
        }
        String type = request.getHeaderString("Content-Type");
        if (config == null) {
            config = configs.get();
        }
        long limit = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-ndjson")
                ? config.maxImportSize() : config.maxBodySize();
        if (size > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }

    /** Mapped to 413 by {@link ProblemMapper}. */
    public static class PayloadTooLargeException extends RuntimeException {
        public PayloadTooLargeException(long limit) {
            super("The body is larger than " + limit + " bytes.");
        }
    }
}
