package io.streamscore.serving;

import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The Prometheus metrics of {@code streamscore serve}, served at {@value #PATH} on its REST port: one
 * {@link VersionMetrics} per loaded model version, turned into snapshots at each scrape and rendered by the
 * Prometheus client's handler (text format 0.0.4 unless the scraper asks for another in {@code Accept}), as the
 * pipeline's reporter does. Requests that reach no loaded version (an unknown model or version, a model that cannot
 * be loaded) count in one series with empty {@code model} and {@code version}: a name a client made up never becomes
 * a label, so no client can grow the scrape. Names are {@code streamscore_serve_*}, latencies in milliseconds
 * ({@code _ms}) like the pipeline's; docs/serving.md lists them.
 */
final class ServeMetrics implements MultiCollector {
    static final String PATH = "/metrics";

    private final Map<String, VersionMetrics> versions = new ConcurrentHashMap<>();
    private final VersionMetrics unresolved = new VersionMetrics("", "");
    private final HttpHandler handler;

    ServeMetrics() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(this);
        this.handler = new MetricsHandler(registry);
    }

    /** The metrics of a version just loaded; from now on it counts as loaded. */
    VersionMetrics loaded(String name, int version) {
        return versions.computeIfAbsent(name + "/" + version,
                key -> new VersionMetrics(name, Integer.toString(version)));
    }

    /** Where a request that reached no loaded version is counted. */
    VersionMetrics unresolved() {
        return unresolved;
    }

    /** Answers GET and HEAD of {@value #PATH}; the server checks the method. */
    HttpHandler handler() {
        return handler;
    }

    @Override
    public MetricSnapshots collect() {
        List<VersionMetrics> all = new ArrayList<>(versions.values());
        List<VersionMetrics> withUnresolved = new ArrayList<>(all);
        withUnresolved.add(unresolved);
        return MetricSnapshots.of(
                requests(withUnresolved),
                latency(all),
                histogram("streamscore_serve_batch_rows", "rows per batch the model scored at once (one scoreBatch "
                        + "call), failed batches included", all, v -> v.batchRows),
                histogram("streamscore_serve_queue_wait_ms", "milliseconds a request waited in its version's queue "
                        + "until its batch was taken", all, v -> v.queueWait),
                counter("streamscore_serve_rows_scored", "rows the model scored", all, v -> v.rowsScored),
                counter("streamscore_serve_model_failures", "batches the model failed to score (each of their "
                        + "requests answers 500)", all, v -> v.failedBatches),
                loadedGauge(all));
    }

    private static CounterSnapshot requests(List<VersionMetrics> all) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name("streamscore_serve_requests")
                .help("inference requests by protocol and status (gRPC's as the REST status)");
        for (VersionMetrics version : all) {
            for (VersionMetrics.Protocol protocol : VersionMetrics.Protocol.values()) {
                for (int slot = 0; slot <= VersionMetrics.CODES.length; slot++) {
                    long count = version.requests(protocol, slot);
                    if (count > 0) {
                        counter.dataPoint(CounterDataPointSnapshot.builder().labels(version.labels
                                .add("protocol", protocol.label).add("code", VersionMetrics.code(slot)))
                                .value(count).build());
                    }
                }
            }
        }
        return counter.build();
    }

    private static HistogramSnapshot latency(List<VersionMetrics> all) {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name("streamscore_serve_inference_latency_ms")
                .help("milliseconds from an inference request received to its scores ready to send (200s only)");
        for (VersionMetrics version : all) {
            for (VersionMetrics.Protocol protocol : VersionMetrics.Protocol.values()) {
                ServeHistogram own = version.latency(protocol);
                if (own.count() > 0) {
                    histogram.dataPoint(own.snapshot(version.labels.add("protocol", protocol.label)));
                }
            }
        }
        return histogram.build();
    }

    private static HistogramSnapshot histogram(String name, String help, List<VersionMetrics> all,
                                               Function<VersionMetrics, ServeHistogram> of) {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(name).help(help);
        all.forEach(version -> histogram.dataPoint(of.apply(version).snapshot(version.labels)));
        return histogram.build();
    }

    private static CounterSnapshot counter(String name, String help, List<VersionMetrics> all,
                                           Function<VersionMetrics, LongAdder> of) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        all.forEach(version -> counter.dataPoint(CounterDataPointSnapshot.builder().labels(version.labels)
                .value(of.apply(version).sum()).build()));
        return counter.build();
    }

    private static GaugeSnapshot loadedGauge(List<VersionMetrics> all) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("streamscore_serve_models_loaded")
                .help("1 for each model version loaded and serving (sum() for the number loaded)");
        all.forEach(version -> gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(version.labels).value(1)
                .build()));
        return gauge.build();
    }
}
