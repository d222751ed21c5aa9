package io.streamscore.flink.metrics;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.streamscore.serving.JdkHttpServerDefaults;
import io.streamscore.serving.ReadOnlyRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports Streamscore's metrics on a Prometheus endpoint ({@code http://HOST:PORT/metrics}), through Flink's
 * metric system: every operator registers its counters, gauges and histograms in its Flink metric group, and this
 * reporter names them ({@link MetricIdentity}) and serves them ({@link ExportedMetrics}). Unlike Flink's own
 * Prometheus reporter it binds one host (127.0.0.1 by default), exports only the pipeline's metrics (plus the
 * job's checkpoint metrics), and adds subtasks up into one series per name and labels.
 *
 * <p>The endpoint answers GET and HEAD of {@value #PATH} (with the Prometheus client's handler: the formats a
 * scraper asks for in {@code Accept}, {@code name[]} filters) and nothing else: 404 for another path, 405 for another
 * method. The Prometheus client's own {@code HTTPServer} would answer every path and method, since it serves a help
 * page at {@code /} and the JDK matches that context for any path.
 *
 * <p>Configured as {@code metrics.reporter.streamscore.factory.class:
 * io.streamscore.flink.metrics.StreamscoreMetricReporterFactory} with {@code .host} and {@code .port}: one port (0
 * picks a free one), or a range such as {@code 9250-9259} of which the first free one is bound, so that every
 * JobManager and TaskManager on a host can share one configuration (as with Flink's own Prometheus reporter);
 * {@link #port()} tells which.
 */
public final class StreamscoreMetricReporter implements MetricReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamscoreMetricReporter.class);
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9249;
    public static final String PATH = "/metrics";
    /** Threads answering: a Prometheus server and the dashboard scrape one request at a time each, plus spares. */
    private static final int THREADS = 4;

    /** The reporter's name in Flink's configuration ({@code metrics.reporter.<name>.*}). */
    public static final String REPORTER_NAME = "streamscore";

    private final ExportedMetrics metrics = new ExportedMetrics();
    private HttpServer server;
    private ExecutorService handlers;

    @Override
    public void open(MetricConfig config) {
        String host = config.getString(HOST, DEFAULT_HOST);
        PortRange ports = PortRange.parse(config.getString(PORT, Integer.toString(DEFAULT_PORT)));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        JdkHttpServerDefaults.apply();
        server = bind(host, ports);
        server.createContext("/", new ReadOnlyRoutes(Map.of(PATH, new MetricsHandler(registry))));
        handlers = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "streamscore-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.start();
        LOG.info("Prometheus metrics at http://{}:{}{}", host, port(), PATH);
    }

    /** A server on the first port of {@code ports} that is free on {@code host}. */
    private static HttpServer bind(String host, PortRange ports) {
        for (int port = ports.first(); ; port++) {
            try {
                return HttpServer.create(new InetSocketAddress(host, port), 0);
            } catch (BindException e) {
                if (port == ports.last()) {
                    throw new UncheckedIOException("could not serve metrics on " + host + ":" + ports
                            + (ports.single() ? " (" : ": every port is in use (") + "metrics.reporter." + REPORTER_NAME
                            + "." + PORT + ": choose a free port, a range such as 9250-9259, or 0 for any)", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not serve metrics on " + host + ":" + port, e);
            }
        }
    }

    /** The port the endpoint listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (handlers != null) {
            handlers.shutdownNow();
        }
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        identity(metricName, group).ifPresent(id -> metrics.add(id, metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        identity(metricName, group).ifPresent(id -> metrics.remove(id, metric));
    }

    private static Optional<MetricIdentity> identity(String metricName, MetricGroup group) {
        String scope;
        try {
            scope = LogicalScopeProvider.castFrom(group).getLogicalScope(CharacterFilter.NO_OP_FILTER, '.');
        } catch (IllegalStateException e) {
            return Optional.empty(); // a group outside Flink's runtime hierarchy: nothing Streamscore registered
        }
        return MetricIdentity.of(scope, group.getAllVariables(), metricName);
    }
}
