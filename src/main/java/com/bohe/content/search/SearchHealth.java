package com.bohe.content.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The search index in readiness (/q/health/ready): down until this instance's index is built, so that a fresh
 * instance behind a balancer gets no readers while its search would find almost nothing (unless
 * {@code content.search.ready-while-building}).
 */
@ApplicationScoped
@Readiness
public class SearchHealth implements HealthCheck {

    @Inject
    SearchIndexes indexes;
    @Inject
    SearchConfig config;
    @Inject
    SearchBackend search;

    @Override
    public HealthCheckResponse call() {
        // Down until both are complete: this instance's indexes (names; articles with Lucene) and the backend's.
        boolean complete = indexes.ready() && search.ready();
        HealthCheckResponse status = status(complete, config.readyWhileBuilding());
        var response = HealthCheckResponse.named(status.getName()).status(status.getStatus() == HealthCheckResponse.Status.UP)
                .withData("built", complete)
                .withData("backend", config.backend().name());
        if (config.backend() == SearchConfig.Backend.lucene) {
            // What the index holds, for operators (and bench/restart.sh) to compare with the database.
            ArticleIndex articles = indexes.articles();
            response.withData("articles", articles.documents())
                    .withData("withEmbedding", articles.vectors())
                    .withData("kept", articles.kept())
                    .withData("segments", articles.segments());
        }
        return response.build();
    }

    static HealthCheckResponse status(boolean built, boolean readyWhileBuilding) {
        return HealthCheckResponse.named("search-index").status(built || readyWhileBuilding)
                .withData("built", built).build();
    }
}
