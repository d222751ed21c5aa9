package io.streamscore.serving;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The inference requests {@code serve} counts under one pair of {@code model} and {@code version} labels (both empty
 * for requests that reached no loaded version, see {@link ServeMetrics#unresolved}): their count by protocol and
 * status, and the latency of those answered with scores. A series is taken from its family on the first request
 * that needs it, never before, so a status no request was answered with has no series; afterwards an update is a
 * volatile read and the client's increments ({@link VersionMetrics} says what they cost), safe from handler and gRPC
 * threads at once.
 */
class RequestMetrics {
    /** The protocol a request came in by, its {@code protocol} label. */
    enum Protocol {
        REST, GRPC;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** The statuses the server answers inference with (gRPC's as their REST equivalents); another counts as "other". */
    static final int[] CODES = {200, 400, 404, 405, 413, 415, 500, 503};
    static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SLOTS = CODES.length + 1;

    final String model;
    final String version;
    private final ServeMetrics families;
    /** By protocol, then status slot; filled on first use (two racing threads get the same series from the family). */
    private final AtomicReferenceArray<CounterDataPoint> requests =
            new AtomicReferenceArray<>(Protocol.values().length * SLOTS);
    private final AtomicReferenceArray<DistributionDataPoint> latency =
            new AtomicReferenceArray<>(Protocol.values().length);

    /** @param model and {@code version}: the labels; empty for requests that reached no loaded version */
    RequestMetrics(ServeMetrics families, String model, String version) {
        this.families = families;
        this.model = model;
        this.version = version;
    }

    /**
     * Counts an inference request answered with {@code status}; one answered with scores (200) also records its
     * latency, from {@code receivedNanos} ({@link System#nanoTime}) to now, its response ready to send.
     */
    void answered(Protocol protocol, int status, long receivedNanos) {
        if (status == 200) {
            // The clock before the series: a version's first request also takes its series from the family.
            double millis = (System.nanoTime() - receivedNanos) / NANOS_PER_MILLI;
            latency(protocol).observe(millis);
        }
        requests(protocol, slot(status)).inc();
    }

    /** Counts an inference request that failed with {@code failure}: its status, or 500 for the server's own fault. */
    void failed(Protocol protocol, RuntimeException failure, long receivedNanos) {
        answered(protocol, failure instanceof InferenceException refused ? refused.status() : 500, receivedNanos);
    }

    private CounterDataPoint requests(Protocol protocol, int slot) {
        int index = protocol.ordinal() * SLOTS + slot;
        CounterDataPoint series = requests.get(index);
        if (series == null) {
            series = families.requests.labelValues(model, version, protocol.label, code(slot));
            requests.set(index, series);
        }
        return series;
    }

    private DistributionDataPoint latency(Protocol protocol) {
        DistributionDataPoint series = latency.get(protocol.ordinal());
        if (series == null) {
            series = families.latency.labelValues(model, version, protocol.label);
            latency.set(protocol.ordinal(), series);
        }
        return series;
    }

    /** The {@code code} label of a slot: the status, or "other". */
    private static String code(int slot) {
        return slot < CODES.length ? Integer.toString(CODES[slot]) : "other";
    }

    private static int slot(int status) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == status) {
                return i;
            }
        }
        return CODES.length;
    }
}
