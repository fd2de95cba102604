package com.bohe.content.related;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The related lists' progress in the readiness detail (/q/health/ready): always UP, because an article without
 * a stored list gets one computed on its first request.
 */
@ApplicationScoped
@Readiness
public class RelatedHealth implements HealthCheck {

    @Inject
    RelatedLists lists;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("related-lists").up()
                .withData("backlog", lists.backlog())
                .withData("computed", lists.computedCount());
        if (lists.lastError() != null) {
            response.withData("lastError", lists.lastError());
        }
        return response.build();
    }
}
