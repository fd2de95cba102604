package com.bohe.content.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import com.bohe.content.article.read.ReadCaches;
import com.bohe.content.embedding.Embeddings;
import com.bohe.content.importing.ContentImport;
import com.bohe.content.indexing.ContentIndexer;
import com.bohe.content.ratelimit.RateLimiter;
import com.bohe.content.search.SearchIndexes;
import com.bohe.content.views.ViewCounter;

/**
 * The domain's metrics at {@code /q/metrics}, beside the HTTP timers ({@link RouteTimers}) and Quarkus's own (the datasource pool,
 * the JVM). Every one is read when Prometheus scrapes, from counters the features keep anyway: nothing is added to
 * a request's path. Names follow Prometheus's conventions (unit in the name, {@code _total} on counters); each is
 * described in docs/operations.md, and ops/ (dashboard, alert rules) refers to them, checked against a real
 * Prometheus in CI.
 */
@Singleton
public class ContentMetrics implements MeterBinder {

    @Inject
    ViewCounter views;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    SearchIndexes indexes;
    @Inject
    ContentIndexer indexer;
    @Inject
    Embeddings embeddings;
    @Inject
    ContentImport imports;
    @Inject
    ReadCaches reads;
    @Inject
    DataSource dataSource;

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "content.views.accepted", "Views counted", views, v -> v.stats().accepted());
        FunctionCounter.builder("content.views.refused", views, v -> v.stats().refusedBots())
                .tag("reason", "bot").description("Views not counted").register(registry);
        FunctionCounter.builder("content.views.refused", views, v -> v.stats().refusedFull())
                .tag("reason", "memory_full").description("Views not counted").register(registry);
        FunctionCounter.builder("content.views.refused", rateLimiter, r -> r.refusals("views"))
                .tag("reason", "rate_limited").description("Views not counted").register(registry);
        gauge(registry, "content.views.pending", "Views counted in memory and not written yet", views, ViewCounter::pendingViews);
        counter(registry, "content.views.flushed", "Views written to the database", views, v -> v.stats().flushedViews());
        counter(registry, "content.views.flushes", "View flushes that succeeded", views, v -> v.stats().flushes());
        counter(registry, "content.views.flush.failures", "View flushes that failed (their views are retried)", views,
                v -> v.stats().flushFailures());
        Gauge.builder("content.views.oldest.pending", views, ViewCounter::oldestPendingSeconds).baseUnit("seconds")
                .description("Age of the oldest view not written yet (an upper bound; 0 when none is pending)").register(registry);

        for (String kind : RateLimiter.KINDS) {
            FunctionCounter.builder("content.rate.limit.refusals", rateLimiter, r -> r.refusals(kind)).tag("kind", kind)
                    .description("Requests refused with 429, by kind of limit").register(registry);
        }

        gauge(registry, "content.search.index.documents", "Articles in the search index", indexes,
                i -> i.ready() ? i.articles().documents() : 0);
        Gauge.builder("content.search.index.lag", indexer, ContentIndexer::catchUpLagSeconds).baseUnit("seconds")
                .description("Time since the change log was last read through into the index").register(registry);
        Gauge.builder("content.search.index.build", indexer, ContentIndexer::lastBuildSeconds).baseUnit("seconds")
                .description("Duration of the last full build of the indexes").register(registry);

        gauge(registry, "content.embeddings.backlog", "Articles waiting for their embedding", embeddings, e -> e.status().backlog());
        counter(registry, "content.embeddings.embedded", "Articles embedded since start", embeddings, e -> e.status().embedded());

        gauge(registry, "content.imports.running", "Imports running on this instance", imports, ContentImport::running);
        counter(registry, "content.imports.lines", "Lines read by imports", imports, ContentImport::linesRead);
        counter(registry, "content.imports.lines.failed", "Lines that imports could not load", imports, ContentImport::linesFailed);

        reads.caches().forEach((name, cache) -> CaffeineCacheMetrics.monitor(registry, cache, name));

        gauge(registry, "content.database.up", "1 when the database answers a ping within a second, else 0", dataSource,
                ContentMetrics::ping);
    }

    /** HTTP timers with a few latency buckets (for p99 alerts and panels), not Micrometer's 70-odd. */
    @Produces
    @Singleton
    MeterFilter httpBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Stream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
                                .mapToDouble(seconds -> seconds * 1e9).toArray())
                        .build().merge(config);
            }
        };
    }

    private static double ping(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1) ? 1 : 0;
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    private static <T> void counter(MeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    private static <T> void gauge(MeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }
}
