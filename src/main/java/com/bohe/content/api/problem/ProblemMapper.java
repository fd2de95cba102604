package com.bohe.content.api.problem;

import com.bohe.content.api.http.AllowedMethods;
import com.bohe.content.api.http.BodyLimits;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;


/**
 * The one place where exceptions become HTTP: every error leaves as RFC 9457 problem+json, and nothing of the
 * server's internals (class names, stack traces, SQL) reaches the client.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    AllowedMethods allowedMethods;

    /**
     * The problem for a failure of a read that a route of the HTTP layer answers itself (it runs before the REST
     * layer and these mappers), by the same rules as the mappers below.
     *
     * @param path the raw path of the request, the problem's instance
     */
    public static Response ofRoute(Throwable e, String path) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ResourceNotFoundException notFound) {
                return notFound(notFound, path);
            }
            if (cause instanceof ServiceUnavailableException unavailable) {
                return unavailable(unavailable, path);
            }
            if (cause instanceof InvalidRequestException invalid) {
                return invalid(invalid.errors(), path);
            }
        }
        return unexpected(e, path);
    }

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException e, UriInfo uri) {
        return notFound(e, path(uri));
    }

    private static Response notFound(ResourceNotFoundException e, String path) {
        return plain(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage(), path);
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e, UriInfo uri) {
        return unavailable(e, path(uri));
    }

    private static Response unavailable(ServiceUnavailableException e, String path) {
        return Response.fromResponse(plain(503, e.getMessage(), path))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response tooMany(TooManyRequestsException e, UriInfo uri) {
        return Response.fromResponse(plain(429, e.getMessage(), uri))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        String type = e.references() == null ? Problem.BLANK : Problem.STILL_REFERENCED;
        return build(new Problem(type, "Conflict", 409, e.getMessage(), path(uri), null, e.references()));
    }

    @ServerExceptionMapper
    public Response gone(GoneException e, UriInfo uri) {
        return build(new Problem(e.type(), "Gone", 410, e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper
    public Response refusedBody(RefusedBodyException e, UriInfo uri) {
        Response response = plain(e.status(), e.getMessage(), uri);
        // A refused upload's remaining bytes are not worth reading.
        return e.status() == 413 ? Response.fromResponse(response).header("Connection", "close").build() : response;
    }

    @ServerExceptionMapper
    public Response tooLarge(BodyLimits.PayloadTooLargeException e, UriInfo uri) {
        // The rest of the body is not read: the connection goes once the answer is out.
        return Response.fromResponse(plain(413, e.getMessage(), uri)).header("Connection", "close").build();
    }

    /**
     * A unique key that a concurrent write took between our check and our insert, such as two editors creating
     * the same slug at the same moment: the loser hears of the clash, as it would have without the race.
     */
    @ServerExceptionMapper
    public Response uniqueKey(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() != org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
            return unexpected(e, uri);
        }
        String constraint = e.getConstraintName() == null ? "" : e.getConstraintName();
        String detail = constraint.endsWith("_slug_key")
                ? "The slug is already used by another " + constraint.substring(0, constraint.indexOf('_')) + "."
                : "A value that must be unique is already taken.";
        return plain(409, detail, uri);
    }

    /** A value the database cannot store or compare (SQLSTATE class 22, e.g. a NUL in a JSON string): the client's. */
    @ServerExceptionMapper
    public Response dataException(org.hibernate.exception.DataException e, UriInfo uri) {
        return plain(400, "A value in the request cannot be stored or compared (for example a NUL character).", uri);
    }

    @ServerExceptionMapper
    public Response precondition(PreconditionException e, UriInfo uri) {
        if (e.kind() == PreconditionException.Kind.MISSING) {
            return plain(428, "This change needs an If-Match header with the ETag of the version you read, so that it "
                    + "cannot overwrite someone else's edit.", uri);
        }
        return plain(412, "The resource has changed since you read it; its current ETag is \"" + e.currentVersion()
                + "\". Read it again, re-apply your change, and send If-Match with the new ETag.", uri);
    }

    /** Two editors saved the same version at the same moment: the second one lost the race, as with a stale If-Match. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response concurrentEdit(RuntimeException e, UriInfo uri) {
        return plain(412, "The resource was changed by someone else at the same moment; read it again and retry.", uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        boolean presented = e instanceof AuthenticationFailedException;
        String detail = ProblemTexts.unauthenticated(presented);
        String challenge = presented ? BearerTokenChallenge.INVALID : BearerTokenChallenge.MISSING;
        return Response.fromResponse(plain(401, detail, uri)).header("WWW-Authenticate", challenge).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        return plain(403, ProblemTexts.forbidden(requiredScopes(resource)), uri);
    }

    /** Malformed JSON, a value of the wrong type, or a field the input does not have. */
    @ServerExceptionMapper({ JsonParseException.class, JsonMappingException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class, InvalidFormatException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return invalid(List.of(FieldErrors.of(e)), uri);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return invalid(e.errors(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return invalid(FieldErrors.of(e.getConstraintViolations()), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return plain(status, null, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalid(List.of(FieldErrors.of(json)), uri);
        }
        if (e.getCause() instanceof IllegalArgumentException) {
            // The framework reports a path or query value that does not convert (id=abc, page=2^40) as 404.
            return invalid(List.of(unconvertible(uri)), uri);
        }
        Response response = plain(status, clientDetail(e), uri);
        // RFC 9110: a 405 must say which methods the resource does allow.
        String allow = status == 405 ? allowedMethods.forPath(uri.getRequestUri().getRawPath()) : null;
        return allow == null ? response : Response.fromResponse(response).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return unexpected(e, path(uri));
    }

    private static Response unexpected(Throwable e, String path) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (timedOut(cause)) {
                LOG.warnf("The database did not answer in time: %s", cause.getMessage());
                return Response.fromResponse(plain(504, "The database did not answer in time; try again shortly.", path))
                        .header("Retry-After", 5).build();
            }
            if (unreachable(cause)) {
                LOG.warnf("The database is unavailable: %s", cause.getMessage());
                return Response.fromResponse(plain(503, "The database is unavailable; try again shortly.", path))
                        .header("Retry-After", 2).build();
            }
        }
        LOG.error("Unexpected error", e);
        return plain(500, "The server could not complete the request.", path);
    }

    /** A statement cancelled by statement_timeout (SQLSTATE 57014), or a query timeout of the JDBC driver. */
    private static boolean timedOut(Throwable e) {
        return e instanceof org.hibernate.QueryTimeoutException || e instanceof java.sql.SQLTimeoutException
                || e instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState());
    }

    /**
     * No connection to the database: refused, broken (SQLSTATE class 08), the server shutting down (57P01-57P03),
     * or none free in the pool within its acquisition timeout.
     */
    private static boolean unreachable(Throwable e) {
        if (e instanceof org.hibernate.exception.JDBCConnectionException || e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.net.ConnectException) {
            return true;
        }
        if (e instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return state != null && (state.startsWith("08") || state.startsWith("57P"))
                    || message.contains("acquisition timeout");
        }
        return false;
    }

    private static List<String> requiredScopes(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : List.of(roles.value());
    }

    private static Response invalid(List<Problem.FieldError> errors, UriInfo uri) {
        return invalid(errors, path(uri));
    }

    private static Response invalid(List<Problem.FieldError> errors, String path) {
        String detail = errors.stream().map(err -> err.field() + ": " + err.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid.");
        return build(new Problem(Problem.INVALID_REQUEST, "Invalid request", 400, detail, path, errors));
    }

    private static Response plain(int status, String detail, UriInfo uri) {
        return plain(status, detail, path(uri));
    }

    private static Response plain(int status, String detail, String path) {
        return build(new Problem(Problem.BLANK, Problem.title(status), status, detail, path, null));
    }

    private static Response build(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The framework's own messages for 4xx are safe and useful ("HTTP 405 Method Not Allowed"); ours are too. */
    private static String clientDetail(WebApplicationException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? null : message;
    }

    /** Names the parameter whose value is not a number in range, for the numeric parameters this API has. */
    private static Problem.FieldError unconvertible(UriInfo uri) {
        for (var entry : uri.getPathParameters().entrySet()) {
            if (!isLong(entry.getValue().get(0))) {
                return new Problem.FieldError(entry.getKey(), "must be a whole number");
            }
        }
        for (String name : List.of("page", "size", "limit", "days")) {
            for (String value : uri.getQueryParameters().getOrDefault(name, List.of())) {
                if (!isInt(value)) {
                    return new Problem.FieldError(name, "must be a whole number between 0 and 2147483647");
                }
            }
        }
        return new Problem.FieldError("request", "a parameter has a value of the wrong type");
    }

    private static boolean isLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isInt(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
