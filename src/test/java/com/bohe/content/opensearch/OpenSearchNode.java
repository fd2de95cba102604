package com.bohe.content.opensearch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real OpenSearch 2.19 node for the tests, in its own JVM (opensearch-node/: the server, its modules and k-NN,
 * from Maven Central), on free loopback ports and a fresh data directory. Built with the project's Maven wrapper
 * the first time it is needed. As a test resource it points the API at it ({@code CONTENT_SEARCH_BACKEND=opensearch});
 * {@link #stop()} and {@link #restart()} make an outage.
 */
public final class OpenSearchNode implements QuarkusTestResourceLifecycleManager {

    private static final Path MODULE = Path.of("opensearch-node").toAbsolutePath();
    /** The node the running test profile uses. */
    static volatile OpenSearchNode current;

    private Path home;
    private int httpPort;
    private int transportPort;
    private Process process;
    private OutputStream stdin;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory(Path.of("target"), "opensearch-test-");
            httpPort = freePort();
            transportPort = freePort();
            launch();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        current = this;
        return Map.of(
                "content.search.backend", "opensearch",
                "content.opensearch.url", url(),
                "content.opensearch.replicas", "0",
                "content.opensearch.index", "content-test",
                "content.opensearch.feed-interval", "200ms",
                "content.opensearch.timeout", "3s",
                "content.opensearch.lease", "5s");
    }

    @Override
    public void stop() {
        halt();
        current = null;
        try (var files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // target/ is cleaned by the next build
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Stops the node, as an outage would: its port refuses connections until {@link #restart()}. */
    synchronized void halt() {
        if (process == null) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the node stops on SIGTERM below
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts it again on the same data and ports, and waits until its indexes are green. */
    synchronized void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void launch() throws IOException {
        build();
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = String.join(java.io.File.pathSeparator, MODULE.resolve("target/classes").toString(),
                MODULE.resolve("target/lib/*").toString(), MODULE.resolve("target/knn/*").toString());
        ProcessBuilder builder = new ProcessBuilder(launcher, "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dopensearch.set.netty.runtime.available.processors=false", "-Dlog4j2.disable.jmx=true",
                "-cp", classpath, "com.bohe.content.opensearchnode.Launcher", home.toString(),
                Integer.toString(httpPort), Integer.toString(transportPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("node.log").toFile()));
        process = builder.start();
        stdin = process.getOutputStream();
        awaitGreen(Duration.ofSeconds(180));
    }

    /** The launcher and its classpath, built once (opensearch-node/pom.xml). */
    private static synchronized void build() throws IOException {
        if (Files.exists(MODULE.resolve("target/classes/com/bohe/content/opensearchnode/Launcher.class"))
                && Files.isDirectory(MODULE.resolve("target/knn")) && Files.isDirectory(MODULE.resolve("target/lib"))) {
            return;
        }
        Path root = MODULE.getParent();
        Process maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-f", MODULE.resolve("pom.xml").toString(), "package")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try {
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                throw new IllegalStateException("Building opensearch-node/ failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitGreen(Duration within) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch stopped at start: " + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url()
                        + "/_cluster/health?wait_for_status=green&timeout=5s")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"green\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("OpenSearch was not green within " + within + ": " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("node.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
