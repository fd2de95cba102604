package com.bohe.content.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.bohe.content.api.http.RouteOrder;
import com.bohe.content.api.problem.RouteProblems;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * From SIGTERM on, a request that arrives gets 503 problem+json with {@code Retry-After: 1} and
 * {@code Connection: close}, so that the load balancer or the client retries it on another instance, while the
 * requests already in flight finish (Quarkus waits for them up to {@code quarkus.shutdown.timeout}) and the views
 * held in memory are written (ViewCounter, on ShutdownEvent). Quarkus itself keeps serving new requests until the
 * last one in flight ends; this route, before every other, refuses them.
 * <p>
 * The signal is a JVM shutdown hook: it runs at once on SIGTERM, beside Quarkus's own.
 */
@ApplicationScoped
public class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class);

    @Inject
    ObjectMapper json;

    private volatile boolean draining;
    private Thread hook;

    void start(@Observes StartupEvent event) {
        hook = new Thread(this::begin, "draining");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void stop(@Observes ShutdownEvent event) {
        draining = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook); // a stop without SIGTERM: tests, dev mode's restarts
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook has run or runs now
        }
    }

    void begin() {
        draining = true;
        LOG.info("Shutting down: requests in flight finish, new ones get 503");
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.DRAINING).handler(this::handle);
    }

    void handle(RoutingContext context) {
        if (!draining) {
            context.next();
            return;
        }
        context.response().putHeader("Connection", "close").putHeader("Retry-After", "1");
        RouteProblems.send(context, json, 503, "Service Unavailable",
                "This instance is shutting down; retry, and another instance will answer.");
    }
}
