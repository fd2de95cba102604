package com.bohe.content.embedded;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource of an embedded PostgreSQL in dev mode and tests when no JDBC URL is configured.
 * <p>
 * Production never reaches the launcher: the profile check comes first, and zonky is a 'provided' dependency
 * that is absent from the packaged application.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_KEY = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        if (!dev && !test) {
            return List.of();
        }
        ConfigValue url = context.getValue(URL_KEY);
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("content.embedded-postgres.data-dir");
        String directory = dev && dataDir != null ? dataDir.getValue() : null;
        String jdbcUrl = EmbeddedPostgresLauncher.urlOf(directory);
        return List.of(new PropertiesConfigSource(Map.of(
                URL_KEY, jdbcUrl,
                "quarkus.datasource.username", EmbeddedPostgresLauncher.USER,
                "quarkus.datasource.password", EmbeddedPostgresLauncher.USER,
                "quarkus.datasource.db-kind", "postgresql"),
                "embedded-postgresql", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }
}
