package com.bohe.content.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The embedder's progress in the readiness detail (/q/health/ready): always UP, because search and related
 * lists serve by text while the model loads or articles wait to be embedded.
 */
@ApplicationScoped
@Readiness
public class EmbeddingHealth implements HealthCheck {

    @Inject
    Embeddings embeddings;

    @Override
    public HealthCheckResponse call() {
        EmbeddingStatus status = embeddings.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("embeddings").up()
                .withData("model", status.model())
                .withData("enabled", status.enabled())
                .withData("loaded", status.loaded())
                .withData("backlog", status.backlog())
                .withData("embedded", status.embedded())
                .withData("reused", status.reused())
                .withData("failedBatches", status.failedBatches());
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        return response.build();
    }
}
