package com.bohe.content.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts one embedded PostgreSQL per JVM. Dev mode's live reload creates new class loaders, so the guard is a
 * system property, which outlives them, rather than a static field.
 * <p>
 * Dev mode keeps its data directory between runs. Tests get a fresh directory on a fixed port, so that a test can
 * {@link #stop()} the server and {@link #start()} it again on the same data, as a database outage would.
 */
public final class EmbeddedPostgresLauncher {

    static final String USER = "postgres";
    private static final String STARTED_URL = "content.embedded-postgres.started-url";
    // Config sources and tests may see this class through different class loaders: the platform MBean server is
    // the one registry they share.
    private static final String CONTROL = "com.bohe.content:type=EmbeddedPostgres";
    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static int port;

    private EmbeddedPostgresLauncher() {
    }

    /**
     * @param keptDirectory a directory kept between runs (dev mode), or null for a throw-away one (tests)
     */
    static synchronized String urlOf(String keptDirectory) {
        String started = System.getProperty(STARTED_URL);
        if (started != null) {
            return started;
        }
        try {
            if (keptDirectory != null) {
                dataDirectory = Path.of(keptDirectory).toAbsolutePath();
                server = builder().start();
            } else {
                dataDirectory = Files.createTempDirectory("content-test-pg");
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                server = builder().setPort(port).setRegisterShutdownHook(false).start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresLauncher::stopAndDelete));
                registerControl();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
        String url = server.getJdbcUrl(USER, "postgres");
        System.setProperty(STARTED_URL, url);
        return url;
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setLocaleConfig("encoding", "UTF8")
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
    }

    /** The JDBC URL of the tests' server, started unless it runs already (in this JVM); for a test that runs the jar. */
    public static String testUrl() {
        return urlOf(null);
    }

    /** Starts the tests' server unless it runs already (in this JVM); for a test that must stop it before its app starts. */
    public static void ensureStarted() {
        urlOf(null);
    }

    /** Stops the test server, keeping its data, as if the database went away. */
    public static void stop() {
        control("stop");
    }

    /** Starts the test server again on the same port and data. */
    public static void start() {
        control("start");
    }

    private static void control(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(CONTROL), operation, null, null);
        } catch (InstanceNotFoundException e) {
            throw new IllegalStateException("Only the tests' embedded PostgreSQL can be stopped and started", e);
        } catch (JMException e) {
            throw new IllegalStateException("Could not " + operation + " the embedded PostgreSQL", e);
        }
    }

    /** The operations of the tests' server, as the platform MBean server sees them. */
    public interface ControlMBean {
        void stop();

        void start();
    }

    private static void registerControl() {
        ControlMBean control = new ControlMBean() {
            @Override
            public void stop() {
                stopHere();
            }

            @Override
            public void start() {
                startHere();
            }
        };
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new StandardMBean(control, ControlMBean.class), new ObjectName(CONTROL));
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void stopHere() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void startHere() {
        try {
            server = builder().setPort(port).setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopAndDelete() {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // Already stopped by a test, or going down with the JVM.
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in the temp directory; nothing else to do at exit.
        }
    }
}
