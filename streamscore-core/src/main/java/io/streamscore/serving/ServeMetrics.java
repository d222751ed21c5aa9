package io.streamscore.serving;

import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus metrics of {@code streamscore serve}, served at {@value #PATH} on its REST port: the Prometheus
 * client's counters and classic histograms, one series per loaded model version ({@link VersionMetrics}), in a
 * registry of this server's own, rendered by the client's handler (text format 0.0.4 unless the scraper asks for
 * another in {@code Accept}), as the pipeline's reporter does. Requests that reach no loaded version (an unknown
 * model or version, a model that cannot be loaded) count in one series with empty {@code model} and
 * {@code version} ({@link #unresolved}): a name a client made up never becomes a label, so no client can grow the
 * scrape. Names are {@code streamscore_serve_*}, latencies in milliseconds ({@code _ms}) like the pipeline's;
 * docs/serving.md lists them.
 */
final class ServeMetrics {
    static final String PATH = "/metrics";
    /** Milliseconds, from a tenth of a millisecond (a small batch of trees) to ten seconds. */
    static final double[] MILLIS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000};
    /** Rows, by powers of two up to four times the default {@code --max-batch}. */
    static final double[] ROWS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter requests = counter("streamscore_serve_requests",
            "inference requests by protocol and status (gRPC's as the REST status)", "protocol", "code");
    final Histogram latency = histogram("streamscore_serve_inference_latency_ms", "milliseconds from an inference "
            + "request received to its scores ready to send (200s only)", MILLIS, "protocol");
    final Histogram batchRows = histogram("streamscore_serve_batch_rows", "rows per batch the model scored at once "
            + "(one scoreBatch call), failed batches included", ROWS);
    final Histogram queueWait = histogram("streamscore_serve_queue_wait_ms", "milliseconds a request waited in its "
            + "version's queue until its batch was taken", MILLIS);
    final Counter rowsScored = counter("streamscore_serve_rows_scored", "rows the model scored");
    final Counter modelFailures = counter("streamscore_serve_model_failures",
            "batches the model failed to score (each of their requests answers 500)");

    private final Map<String, VersionMetrics> versions = new ConcurrentHashMap<>();
    private final RequestMetrics unresolved = new RequestMetrics(this, "", "");
    private final HttpHandler handler = new MetricsHandler(registry);

    ServeMetrics() {
        GaugeWithCallback.builder().name("streamscore_serve_models_loaded")
                .help("1 for each model version loaded and serving (sum() for the number loaded)")
                .labelNames("model", "version")
                .callback(gauge -> versions.values().forEach(loaded -> gauge.call(1, loaded.model, loaded.version)))
                .register(registry);
    }

    /** The metrics of a version just loaded; from now on it counts as loaded. */
    VersionMetrics loaded(String name, int version) {
        return versions.computeIfAbsent(name + "/" + version,
                key -> new VersionMetrics(this, name, Integer.toString(version)));
    }

    /** Where a request that reached no loaded version is counted. */
    RequestMetrics unresolved() {
        return unresolved;
    }

    /** Answers GET and HEAD of {@value #PATH}; the server checks the method. */
    HttpHandler handler() {
        return handler;
    }

    /** A counter labelled by version and {@code more}; the text format adds {@code _total} to its name. */
    private Counter counter(String name, String help, String... more) {
        // No exemplars: no tracer runs in serve, and sampling would cost every increment a check.
        return Counter.builder().name(name).help(help).labelNames(labels(more)).withoutExemplars().register(registry);
    }

    /**
     * A classic histogram with these finite bounds (+Inf is added); classic only, because a native histogram would
     * change what the OpenMetrics and protobuf formats render and cost every observation more.
     */
    private Histogram histogram(String name, String help, double[] bounds, String... more) {
        return Histogram.builder().name(name).help(help).labelNames(labels(more)).classicOnly()
                .classicUpperBounds(bounds).withoutExemplars().register(registry);
    }

    private static String[] labels(String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "model";
        all[1] = "version";
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }
}
