package com.bohe.content.opensearchnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node on loopback, single-node discovery, with the modules the search backend uses: netty (HTTP),
 * analysis-common (the cjk analyzer), painless and k-NN (on its Lucene engine). For tests and benchmarks.
 *
 * <p>Arguments: a home directory (its data goes under it), the HTTP port, the transport port. It prints
 * {@code started} once HTTP answers and stops when its standard input closes (so that it never outlives the test
 * JVM that started it) or on SIGTERM.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Node's constructor taking classpath plugins is protected. */
    static final class TestNode extends Node {
        TestNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Settings settings = Settings.builder()
                .put("cluster.name", "content-test")
                .put("node.name", "content-test-node")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                // A small disk must not turn the test index read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                .build();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "content-test-node");
        // k-NN comes as a zip of jars (target/knn), on the run-time classpath only.
        Class<? extends Plugin> knn = Class.forName("org.opensearch.knn.plugin.KNNPlugin").asSubclass(Plugin.class);
        Node node = new TestNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class,
                PainlessPlugin.class, knn));
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // on the way out
            }
        }));
        System.out.println("started");
        System.out.flush();
        // Stops when the parent goes away: its end of the pipe closes.
        while (System.in.read() != -1) {
            // nothing to read
        }
        node.close();
        System.exit(0);
    }
}
