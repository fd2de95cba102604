package com.bohe.content.api.problem;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Problem answers written by routes of the HTTP layer, which run before the REST layer and its mapper. */
public final class RouteProblems {

    private RouteProblems() {
    }

    public static void send(RoutingContext context, ObjectMapper json, int status, String title, String detail) {
        send(context, json, new Problem(Problem.BLANK, title, status, detail, context.request().path(), null), null);
    }

    /** A failure of a read answered by a route, as {@link ProblemMapper#ofRoute} maps it. */
    public static void send(RoutingContext context, ObjectMapper json, Throwable failure) {
        Response answer = ProblemMapper.ofRoute(failure, context.request().path());
        send(context, json, (Problem) answer.getEntity(), answer);
    }

    private static void send(RoutingContext context, ObjectMapper json, Problem problem, Response headers) {
        HttpServerResponse response = context.response();
        if (headers != null) {
            headers.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    response.putHeader(name, values);
                }
            });
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Content-Encoding", "identity");
        try {
            response.end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }
}
