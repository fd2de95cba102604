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

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse status = status(indexes.ready(), config.readyWhileBuilding());
        ArticleIndex articles = indexes.articles();
        // What the index holds, for operators (and bench/restart.sh) to compare with the database.
        return HealthCheckResponse.named(status.getName()).status(status.getStatus() == HealthCheckResponse.Status.UP)
                .withData("built", indexes.ready())
                .withData("articles", articles.documents())
                .withData("withEmbedding", articles.vectors())
                .withData("kept", articles.kept())
                .withData("segments", articles.segments())
                .build();
    }

    static HealthCheckResponse status(boolean built, boolean readyWhileBuilding) {
        return HealthCheckResponse.named("search-index").status(built || readyWhileBuilding)
                .withData("built", built).build();
    }
}
