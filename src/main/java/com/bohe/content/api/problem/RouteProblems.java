package com.bohe.content.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/** Problem answers written by routes of the HTTP layer, which run before the REST layer and its mapper. */
public final class RouteProblems {

    private RouteProblems() {
    }

    public static void send(RoutingContext context, ObjectMapper json, int status, String title, String detail) {
        Problem problem = new Problem(Problem.BLANK, title, status, detail, context.request().path(), null);
        context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Content-Encoding", "identity");
        try {
            context.response().end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().end();
        }
    }
}
