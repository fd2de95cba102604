package com.bohe.content.background;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;

/**
 * Every background worker at {@code /q/health/well} (management port), one line each: always UP, since readers are
 * served whatever the background does; a worker that fails shows its state and last error here, and its failures in
 * {@code content_background_rounds_total{outcome="failed"}}.
 */
@ApplicationScoped
@Wellness
public class BackgroundHealth implements HealthCheck {

    @Inject
    Background background;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("background").up();
        for (WorkerStatus w : background.workers()) {
            response.withData(w.name(), String.format(java.util.Locale.ROOT,
                    "%s; duty %.2f; %d rounds worked, %d idle, %d failed; %d items; busy %.1f s%s%s", w.state(), w.duty(),
                    w.rounds(), w.idleRounds(), w.failures(), w.items(), w.busySeconds(),
                    w.backlog() >= 0 ? "; backlog " + w.backlog() : "",
                    w.lastError() != null ? "; last error: " + w.lastError() : ""));
        }
        return response.build();
    }
}
