package com.bohe.content;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.bohe.content.embedded.EmbeddedPostgresLauncher;

/**
 * The packaged jar (built by {@code package} before failsafe runs the ITs) as an operator runs it: a process of its
 * own on a free port, on the embedded PostgreSQL of the tests, with its log in {@code target/<name>.log}.
 */
public final class PackagedApp implements AutoCloseable {

    public final String jdbcUrl = EmbeddedPostgresLauncher.testUrl();
    public final String token;
    public final int port;
    public final String base;
    /** The management interface: health and metrics, off the public port in production. */
    public final String management;
    public final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedApp(String name, String token, Map<String, String> environment) throws IOException {
        port = freePort();
        int managementPort = freePort();
        while (managementPort == port) {
            managementPort = freePort();
        }
        this.token = token;
        base = "http://localhost:" + port;
        management = "http://localhost:" + managementPort;
        log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort),
                "CONTENT_ADMIN_TOKEN", token,
                "CONTENT_DEMO_LOAD", "true",
                "CONTENT_RATE_LIMIT_ENABLED", "false",
                "CONTENT_CACHE_ARTICLE_WARM", "false"));
        env.putAll(environment);
        builder.environment().putAll(env);
        process = builder.start();
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): a port the system picked (new ServerSocket(0))
     * comes from that range, and the jar's own connections to PostgreSQL, made before it listens, could take it
     * first (CI once saw "Address already in use" that way).
     */
    private static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return candidate;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }

    /** Starts the jar and waits until it is ready (90 s at most). */
    public static PackagedApp start(String name, String token, Map<String, String> environment)
            throws IOException, InterruptedException {
        PackagedApp app = new PackagedApp(name, token, environment);
        app.awaitReady();
        return app;
    }

    private void awaitReady() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .alias("the jar ready within 90 s; see " + log).until(() -> {
                    assertTrue(process.isAlive(), "the jar stopped at start; see " + log);
                    try {
                        return managementGet("/q/health/ready").statusCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build());
    }

    /** A GET on the management interface ({@code /q/health}, {@code /q/metrics}). */
    public HttpResponse<String> managementGet(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(management + path)).timeout(Duration.ofSeconds(10)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as an orchestrator sends it, and the wait for the exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit within 30 s of SIGTERM");
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The first column of the first row of a query with one parameter, on the app's database. */
    public long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next());
                return rows.getLong(1);
            }
        }
    }

    /** Runs a statement with one parameter on the app's database; returns the rows it changed. */
    public int execute(String sql, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            return statement.executeUpdate();
        }
    }

    /** The first column of the first row of a query with one parameter, as text. */
    public String text(String sql, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
