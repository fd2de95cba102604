package com.bohe.content.opensearch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.bohe.content.search.SearchConfig;

/**
 * The OpenSearch backend in readiness (/q/health/ready), as last seen by the feed's round: the index's health,
 * whether this instance feeds it, and how far behind the change log it is. It does not take the instance out of a
 * balancer when OpenSearch is away (every instance would go at once, and only searches need it: they answer 503
 * with Retry-After meanwhile); until the first build is complete, the search-index check is down.
 */
@ApplicationScoped
@Readiness
public class OpenSearchHealth implements HealthCheck {

    @Inject
    SearchConfig search;
    @Inject
    OpenSearchFeed feed;
    @Inject
    OpenSearchConfig config;

    @Override
    public HealthCheckResponse call() {
        if (search.backend() != SearchConfig.Backend.opensearch) {
            return HealthCheckResponse.named("opensearch").up().withData("used", false).build();
        }
        return HealthCheckResponse.named("opensearch").up()
                .withData("used", true)
                .withData("index", config.index())
                .withData("health", feed.health())
                .withData("complete", feed.complete())
                .withData("feeding", feed.leader())
                .withData("lagSeconds", (long) Math.ceil(Math.max(0, feed.lagSeconds())))
                .build();
    }
}
