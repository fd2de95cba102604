package com.bohe.content.database;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import com.bohe.content.background.Background;

import io.quarkus.runtime.StartupEvent;

/**
 * Migrates the schema with Flyway at start, and when the database is away then, keeps trying every second in the
 * background instead of failing the start: the process runs, liveness is UP, readiness is DOWN (this check) and data
 * endpoints answer 503 until the database is there. What needs the schema (demo content, search index, article
 * cache) waits for {@link SchemaReady}.
 */
@ApplicationScoped
@Readiness
public class DatabaseSchema implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class);

    @Inject
    Flyway flyway;
    @Inject
    Event<SchemaReady> ready;
    @Inject
    Background background;

    private volatile boolean migrated;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        try {
            migrate();
        } catch (RuntimeException e) {
            LOG.warnf("The database schema cannot be migrated yet (%s); retrying every second", e.getMessage());
            // Every second until it is (the worker logs the retries' failures once, and their end).
            background.once("schema-migration", Duration.ofSeconds(1), this::migrate);
        }
    }

    private synchronized void migrate() {
        if (migrated) {
            return;
        }
        flyway.migrate();
        LOG.info("Database schema migrated");
        // Ready only once what waits for the schema (the demo content, a blocking index build) is done.
        ready.fire(new SchemaReady());
        migrated = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database schema").status(migrated).build();
    }
}
