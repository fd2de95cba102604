package com.bohe.content.api.problem;

import com.bohe.content.api.http.RequestIds;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail: the body of every error response. */
@Schema(name = "Problem", description = "RFC 9457 problem details, sent as application/problem+json")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(description = "URI reference that identifies the problem type", examples = "/problems/invalid-request") String type,
        @Schema(description = "Short summary of the problem type", examples = "Invalid request") String title,
        @Schema(description = "HTTP status code", examples = "400") int status,
        @Schema(description = "Explanation specific to this occurrence", examples = "size must be less than or equal to 100") String detail,
        @Schema(description = "The request path that caused the problem", examples = "/articles") String instance,
        @Schema(description = "Every invalid input, when the problem is invalid input") List<FieldError> errors,
        @Schema(description = "What still refers to a resource that cannot be deleted") List<Reference> references,
        @Schema(description = "The request's X-Request-Id: quote it when reporting the problem; it is in every log line of the request",
                examples = "4f1c2a9e8b7d6c5e4f1c2a9e8b7d6c5e") String requestId) {

    /** A problem of the request being answered (its id from {@link RequestIds#current()}). */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
            List<Reference> references) {
        this(type, title, status, detail, instance, errors, references, RequestIds.current());
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The reason phrase of a status, for a problem's title; JAX-RS lacks some (422 Unprocessable Content). */
    public static String title(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        jakarta.ws.rs.core.Response.StatusType type = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return type == null ? "Error" : type.getReasonPhrase();
    }
    public static final String INVALID_REQUEST = "/problems/invalid-request";
    public static final String BLANK = "about:blank";
    public static final String STILL_REFERENCED = "/problems/still-referenced";
    /** A sync token older than the deletions kept: start again with an initial sync. */
    public static final String SYNC_EXPIRED = "/problems/sync-token-expired";

    /** One invalid input: a query or path parameter, or a field of a request body. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "size") String field,
            @Schema(examples = "must be less than or equal to 100") String message) {
    }

    /** Resources of one kind that refer to the one a request wants to delete. */
    @Schema(name = "Reference")
    public record Reference(
            @Schema(examples = "article") String kind,
            @Schema(examples = "3") long count,
            @Schema(description = "The first ids", examples = "[1, 7, 9]") List<Long> ids) {
    }
}
